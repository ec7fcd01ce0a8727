import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollab, type CollabHarness } from './harness';
import { connect, synced, waitFor, type CollabClient } from './collab-clients';

// "Large" is lowered to a few hundred bytes so that the worker path is taken with small texts.
let h: CollabHarness;
const clients: CollabClient[] = [];
beforeAll(async () => {
  h = await startCollab({ encodeInPlaceBytes: 300, compactAfterUpdates: 5 });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await h?.close();
});

describe('large documents are encoded in the worker thread', () => {
  it('a newcomer gets the stored state and what memory holds beyond it, while the writer keeps typing', async () => {
    const { documentId, cookie } = await h.seed();
    const writer = connect(h.url, documentId, cookie);
    clients.push(writer);
    await synced(writer);
    for (let i = 0; i < 20; i++) {
      writer.type(`Séance ${i} du programme. `);
      await new Promise((r) => setImmediate(r));
    }
    const newcomers = Array.from({ length: 3 }, () => connect(h.url, documentId, cookie));
    clients.push(...newcomers);
    for (let i = 20; i < 30; i++) writer.type(`Séance ${i} du programme. `);
    await Promise.all(newcomers.map(synced));
    for (const n of newcomers) await waitFor(() => n.text() === writer.text(), 'the newcomer has everything');
    expect(writer.text()).toContain('Séance 29 du programme.');

    const doc = new Y.Doc();
    Y.applyUpdate(doc, await h.collab.encodeState(documentId));
    expect(doc.getXmlFragment('default').toString()).toContain('Séance 29 du programme.');
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(writer.doc));
  });
});
