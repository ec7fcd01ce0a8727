import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentSnapshots, documentUpdates } from '../../db/schema/index';
import { createStore } from '../../server/features/documents/collab/store';
import { startCollab, type CollabHarness } from './harness';
import { connect, synced, waitFor, type CollabClient } from './collab-clients';
import { RawClient, updateFrame } from './raw-client';

let h: CollabHarness;
const clients: CollabClient[] = [];

beforeAll(async () => {
  h = await startCollab({ compactAfterUpdates: 10, unloadDelayMs: 60_000 });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await h?.close();
});

const storedState = (documentId: string) => {
  const stored = createStore(h.app.sqlite).read(documentId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
};
const paragraph = (text: string) => (doc: Y.Doc) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').push([p]);
};

describe('persist before broadcast', () => {
  it('every update a client receives from another is already in the database when it arrives', async () => {
    const { documentId, cookie } = await h.seed();
    const [writer, reader] = [connect(h.url, documentId, cookie), connect(h.url, documentId, cookie)];
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const lags: number[] = [];
    reader.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin !== reader.provider) return;
      const seen = Y.decodeStateVector(Y.encodeStateVector(reader.doc)).get(writer.doc.clientID) ?? 0;
      const stored = Y.decodeStateVector(Y.encodeStateVector(storedState(documentId))).get(writer.doc.clientID) ?? 0;
      lags.push(seen - stored);
    });
    for (let i = 0; i < 30; i++) writer.type(String(i % 10));
    await waitFor(() => reader.text() === writer.text() && writer.text().length === 30, 'reader has everything');
    expect(lags.length).toBeGreaterThan(0);
    expect(lags.every((lag) => lag <= 0)).toBe(true);
  });

  it('folds the log into the snapshot when it grows, losing nothing', async () => {
    const { documentId, cookie } = await h.seed();
    const writer = connect(h.url, documentId, cookie);
    clients.push(writer);
    await synced(writer);
    for (let i = 0; i < 25; i++) {
      writer.type('é');
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => storedState(documentId).getXmlFragment('default').toString().includes('é'.repeat(25)), 'all stored');
    await waitFor(() => h.app.db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId)).get() !== undefined, 'snapshot written');
    const logRows = h.app.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all();
    expect(logRows.length).toBeLessThan(25);
  });
});

describe('keystrokes sent before they are applied in memory', () => {
  const textOf = (doc: Y.Doc) => doc.getXmlFragment('default').toString();

  it('a keystroke that releases one held back (sent out of order) brings both to everyone and to storage', async () => {
    const { documentId, cookie } = await h.seed();
    await h.collab.applyServerChange(documentId, paragraph('Bonjour'));
    const [writer, reader] = await Promise.all([new RawClient(h.url, documentId, cookie).ready(), new RawClient(h.url, documentId, cookie).ready()]);
    const text = () => (writer.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const start = Y.encodeStateVector(writer.doc);
    text().insert(7, ' à tous');
    const first = Y.encodeStateAsUpdate(writer.doc, start);
    const middle = Y.encodeStateVector(writer.doc);
    text().insert(0, '« ');
    const second = Y.encodeStateAsUpdate(writer.doc, middle);
    // The second keystroke arrives first: the server holds it until the first one comes.
    expect(await writer.send(updateFrame(second))).toBe(true);
    expect(await writer.send(updateFrame(first))).toBe(true);
    await waitFor(() => textOf(reader.doc).includes('« Bonjour à tous'), 'the reader has both keystrokes');
    expect(textOf(storedState(documentId))).toContain('« Bonjour à tous');
    writer.close();
    reader.close();
  });
});

describe('server changes and batches', () => {
  it('changes made in the same turn are written together and announced once, with everyone who made them', async () => {
    const { documentId, userId } = await h.seed();
    const events: Array<{ documentId: string; userIds: string[] }> = [];
    h.collab.onPersisted((e) => { if (e.documentId === documentId) events.push(e); });
    await Promise.all([
      h.collab.applyServerChange(documentId, paragraph('Contexte et population'), userId),
      h.collab.applyServerChange(documentId, paragraph('Critères d’inclusion'), 'someone-else'),
    ]);
    expect(events).toEqual([{ documentId, userIds: [userId, 'someone-else'] }]);
    const text = storedState(documentId).getXmlFragment('default').toString();
    expect(text).toContain('Contexte et population');
    expect(text).toContain('Critères d’inclusion');
  });

  it('a server change on a loaded document is seen live; encodeState gives the current state', async () => {
    const { documentId, cookie } = await h.seed();
    const client = connect(h.url, documentId, cookie);
    clients.push(client);
    await synced(client);
    await h.collab.applyServerChange(documentId, paragraph('Version restaurée'));
    await waitFor(() => client.text() === 'Version restaurée', 'the client sees the server change');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await h.collab.encodeState(documentId));
    expect(doc.getXmlFragment('default').toString()).toContain('Version restaurée');
  });

  it('one document failing to write does not take the others down (savepoint per document)', async () => {
    const { documentId } = await h.seed();
    const store = createStore(h.app.sqlite);
    const results = store.append([
      { documentId, updates: [{ data: new Uint8Array([0, 0]), userId: null }] },
      { documentId: 'no-such-document', updates: [{ data: new Uint8Array([0, 0]), userId: null }] },
    ]);
    expect(typeof results[0]).toBe('number');
    expect(results[1]).toBeInstanceOf(Error);
    expect(store.read(documentId).updates).toHaveLength(1);
  });
});
