import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../db/client';
import { documentSnapshots } from '../../db/schema/index';
import { createWorkerPool, type WorkerPool } from '../../server/core/worker-pool';
import { createRooms } from '../../server/features/documents/collab/rooms';
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

function roomsReading(read: (documentId: string) => StoredDocument) {
  return createRooms(h.app, {
    pool, databaseFile: databaseFile(h.dataDir), settings: { ...COLLAB }, read,
    events: { changed: () => undefined, awareness: () => undefined },
    repair: () => undefined, compact: () => undefined,
  });
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

    const otherVersion = await roomsReading(() => ({ snapshot: null, updates: [], lastUpdateId: 99, bytes: 0 })).acquire(stored.documentId);
    expect(otherVersion.doc.getXmlFragment('default').toString()).toBe(stored.xml);
    for (const room of [normal, unreadable, otherVersion]) room.destroy();
  });
});
