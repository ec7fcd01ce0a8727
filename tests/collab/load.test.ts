import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../db/client';
import { documentSnapshots } from '../../db/schema/index';
import { createWorkerPool, type WorkerPool } from '../../server/core/worker-pool';
import { createRooms } from '../../server/features/documents/collab/rooms';
import { SCHEMA_FINGERPRINT } from '../../server/features/documents/collab/schema-fingerprint';
import { createStore, type StoredDocument } from '../../server/features/documents/collab/store';
import { COLLAB } from '../../shared/limits';
import { startCollab, type CollabHarness } from './harness';

// A document opens while the event loop applies the stored bytes and the worker rebuilds and
// checks the same version. When this thread's bytes cannot be applied, or are not the version the
// worker read, the room holds the worker's state: never an empty or partial document.
let h: CollabHarness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await startCollab();
  pool = createWorkerPool(new URL('../../server/features/documents/collab/collab.tasks.ts', import.meta.url), { maxWorkers: 1 });
});
afterAll(async () => {
  await pool?.close();
  await h?.close();
});

function roomsReading(read: (documentId: string) => StoredDocument, repair: (problems: string[]) => void = () => undefined) {
  return createRooms(h.app, {
    pool, databaseFile: databaseFile(h.dataDir), settings: { ...COLLAB }, read,
    events: { changed: () => undefined, awareness: () => undefined, unsettled: () => undefined },
    repair: (_room, problems) => repair(problems), compact: () => undefined,
  });
}

const checkedSchemaOf = (documentId: string) =>
  h.app.sqlite.prepare<[string], { checked: string | null }>('SELECT checked_schema AS checked FROM document_snapshots WHERE document_id = ?').get(documentId)?.checked;

/** A stored snapshot holding an element the editor does not know (stored before the checks existed). */
async function storedOutsideSchema(): Promise<string> {
  const { documentId } = await h.seed();
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('Objectifs éducatifs')]);
  doc.getXmlFragment('default').push([p, new Y.XmlElement('marquee')]);
  h.app.db.insert(documentSnapshots).values({ documentId, state: Buffer.from(Y.encodeStateAsUpdate(doc)), throughUpdateId: 0, updatedAt: new Date() }).run();
  return documentId;
}

async function storedProgramme(): Promise<{ documentId: string; xml: string }> {
  const { documentId } = await h.seed();
  const doc = new Y.Doc();
  for (let i = 0; i < 30; i++) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`Séance ${i} : gestion du traitement au quotidien.`)]);
    doc.getXmlFragment('default').push([p]);
  }
  h.app.db.insert(documentSnapshots).values({ documentId, state: Buffer.from(Y.encodeStateAsUpdate(doc)), throughUpdateId: 0, updatedAt: new Date() }).run();
  return { documentId, xml: doc.getXmlFragment('default').toString() };
}

describe('loading a stored document', () => {
  it('holds the stored document whole, and the same when this thread cannot apply its bytes or read another version', async () => {
    const store = createStore(h.app.sqlite);
    const stored = await storedProgramme();

    const normal = await roomsReading((id) => store.read(id)).acquire(stored.documentId);
    expect(normal.doc.getXmlFragment('default').toString()).toBe(stored.xml);

    const unreadable = await roomsReading((id) => {
      const read = store.read(id);
      return { ...read, snapshot: read.snapshot!.subarray(0, 40) };
    }).acquire(stored.documentId);
    expect(unreadable.doc.getXmlFragment('default').toString()).toBe(stored.xml);

    const otherVersion = await roomsReading(() => ({ snapshot: null, updates: [], lastUpdateId: 99, bytes: 0, checkedSchema: null })).acquire(stored.documentId);
    expect(otherVersion.doc.getXmlFragment('default').toString()).toBe(stored.xml);
    for (const room of [normal, unreadable, otherVersion]) room.destroy();
  });

  it('checks a stored snapshot once per schema: found valid, it opens next time as stored, without the check', async () => {
    const store = createStore(h.app.sqlite);
    const valid = await storedProgramme();
    expect(checkedSchemaOf(valid.documentId)).toBeNull();
    const first = await roomsReading((id) => store.read(id)).acquire(valid.documentId);
    expect(checkedSchemaOf(valid.documentId)).toBe(SCHEMA_FINGERPRINT);
    first.destroy();
    const again = await roomsReading((id) => store.read(id)).acquire(valid.documentId);
    expect(again.doc.getXmlFragment('default').toString()).toBe(valid.xml);
    // The first client receives the stored bytes themselves, framed.
    const stored = store.read(valid.documentId).snapshot!;
    const served = again.syncReplies(new Uint8Array([0]))!;
    expect(Buffer.from(served[0]).includes(Buffer.from(stored))).toBe(true);
    again.destroy();

    // The mark is what spares the check: a state marked with this schema opens as stored, even one
    // that is not valid (which no compaction or check would have marked)…
    const invalid = await storedOutsideSchema();
    expect(checkedSchemaOf(invalid)).toBeNull();
    const repairs: string[][] = [];
    const unmarked = await roomsReading((id) => store.read(id), (problems) => repairs.push(problems)).acquire(invalid);
    expect(repairs).toEqual([['« marquee » dans « doc »']]);
    expect(checkedSchemaOf(invalid)).toBeNull();
    unmarked.destroy();
    h.app.sqlite.prepare('UPDATE document_snapshots SET checked_schema = ? WHERE document_id = ?').run(SCHEMA_FINGERPRINT, invalid);
    const marked = await roomsReading((id) => store.read(id), (problems) => repairs.push(problems)).acquire(invalid);
    expect(repairs).toHaveLength(1);
    marked.destroy();
    // …and a mark left by another schema (an older version of Maillage) is checked again.
    h.app.sqlite.prepare('UPDATE document_snapshots SET checked_schema = ? WHERE document_id = ?').run('un-schema-plus-ancien', invalid);
    const older = await roomsReading((id) => store.read(id), (problems) => repairs.push(problems)).acquire(invalid);
    expect(repairs).toHaveLength(2);
    older.destroy();
  });

  it('marks what a compaction folds when it is valid, and only then', async () => {
    for (const outside of [false, true]) {
      const { documentId } = await h.seed();
      const doc = new Y.Doc();
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Séance 1')]);
      doc.getXmlFragment('default').push(outside ? [p, new Y.XmlElement('marquee')] : [p]);
      const insert = h.app.sqlite.prepare('INSERT INTO document_updates (document_id, data, user_id, created_at) VALUES (?, ?, NULL, ?) RETURNING id');
      const { id } = insert.get(documentId, Buffer.from(Y.encodeStateAsUpdate(doc)), Date.now()) as { id: number };
      await pool.run('compact', { file: databaseFile(h.dataDir), documentId, throughUpdateId: id }, { timeoutMs: 20_000 });
      expect(checkedSchemaOf(documentId)).toBe(outside ? null : SCHEMA_FINGERPRINT);
    }
  });
});
