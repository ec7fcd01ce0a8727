import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollab, type CollabHarness } from './harness';
import { connect, synced, waitFor } from './collab-clients';

let h: CollabHarness;

beforeAll(async () => {
  h = await startCollab();
});
afterAll(() => h?.close());

const fullStateVector = async (documentId: string) => Y.encodeStateVectorFromUpdate(await h.collab.encodeState(documentId));

describe('encodeStateVector', () => {
  it('gives the full state’s vector whether the document is loaded or only stored', async () => {
    const { documentId, cookie } = await h.seed();
    const client = connect(h.url, documentId, cookie);
    await synced(client);
    client.type('Bilan éducatif partagé');
    const clientVector = Y.encodeStateVector(client.doc);
    // The server has it in memory once the client's own vector is covered.
    let loaded: Uint8Array = new Uint8Array();
    const poll = async () => { loaded = await h.collab.encodeStateVector(documentId); };
    await waitForAsync(poll, () => Buffer.from(loaded).equals(clientVector));
    expect(Y.decodeStateVector(loaded).get(client.doc.clientID)).toBeGreaterThan(0);
    expect(loaded).toEqual(await fullStateVector(documentId));

    client.destroy();
    await h.collab.closeDocument(documentId, 'test: unload');
    // Unloaded: read and merged from SQLite, the same vector.
    const stored = await h.collab.encodeStateVector(documentId);
    expect(stored).toEqual(loaded);
    expect(stored).toEqual(await fullStateVector(documentId));
  });
});

async function waitForAsync(refresh: () => Promise<void>, check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await refresh();
    if (!check()) await new Promise((r) => setTimeout(r, 20));
  }
  await waitFor(check, 'server state vector covers the client’s');
}
