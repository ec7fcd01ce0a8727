import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentSnapshots } from '../../db/schema/index';
import { startCollab, type CollabHarness } from './harness';
import { connect, synced, waitFor, type CollabClient } from './collab-clients';

// Newcomers of a document are answered from the whole state the server keeps (the load's bytes,
// then those bytes and the changes since): each must hold exactly what the first client holds,
// edits and deletions made between their arrivals included. "Large" is lowered to 2,000 bytes so
// that one server has a small document (encoded on the event loop) and a large one (kept frame,
// then read back from storage once it has changed too much).
const IN_PLACE_BYTES = 2000;
let h: CollabHarness;
const clients: CollabClient[] = [];

beforeAll(async () => {
  h = await startCollab({ encodeInPlaceBytes: IN_PLACE_BYTES });
});
// Each test's five clients leave with it (each y-websocket provider holds a process 'exit' listener).
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await h?.close();
});

/** A document stored as a compacted snapshot of `paragraphs` paragraphs, never opened yet. */
async function storedDocument(paragraphs: number) {
  const seeded = await h.seed();
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  for (let i = 0; i < paragraphs; i++) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`Atelier ${i} : activité physique adaptée et alimentation.`)]);
    fragment.push([p]);
  }
  const state = Y.encodeStateAsUpdate(doc);
  h.app.db.insert(documentSnapshots).values({ documentId: seeded.documentId, state: Buffer.from(state), throughUpdateId: 0, updatedAt: new Date() }).run();
  return { ...seeded, bytes: state.byteLength, paragraphs };
}

async function open(documentId: string, cookie: string): Promise<CollabClient> {
  const client = connect(h.url, documentId, cookie);
  clients.push(client);
  await synced(client);
  return client;
}

const xml = (client: CollabClient) => client.doc.getXmlFragment('default').toString();

/** Holds exactly the first client's document: same content (deletions included) and same state vector. */
function expectSameState(newcomer: CollabClient, first: CollabClient): void {
  expect(xml(newcomer)).toBe(xml(first));
  expect(Y.encodeStateVector(newcomer.doc)).toEqual(Y.encodeStateVector(first.doc));
}

/** Deletes `count` characters at the start of the first paragraph: changes no state vector. */
function deleteAtStart(client: CollabClient, count: number): void {
  const text = (client.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.delete(0, count);
}

describe.each([
  { size: 'small', paragraphs: 10 },
  { size: 'large', paragraphs: 200 },
])('newcomers of a $size document', ({ paragraphs }) => {
  it('each receive exactly the state of the first client, with the edits made between their arrivals', async () => {
    const stored = await storedDocument(paragraphs);
    expect(stored.bytes < IN_PLACE_BYTES).toBe(paragraphs === 10);

    const first = await open(stored.documentId, stored.cookie);
    expect(first.doc.getXmlFragment('default').length).toBe(paragraphs);
    expect(first.text()).toContain(`Atelier ${paragraphs - 1} : activité physique adaptée`);

    const second = await open(stored.documentId, stored.cookie);
    expectSameState(second, first);

    // An insertion and a deletion between arrivals: the whole state kept since the load is stale now.
    first.type(' Séance ajoutée par la première personne.');
    deleteAtStart(first, 'Atelier 0 : '.length);
    await waitFor(() => xml(second) === xml(first), 'the second client sees the edit');
    const third = await open(stored.documentId, stored.cookie);
    expectSameState(third, first);
    expect(third.text()).toContain('Séance ajoutée par la première personne.');
    expect(third.text().startsWith('activité physique adaptée')).toBe(true);

    // A long paste (more than the bound of changes encoded per newcomer), then a deletion only.
    second.type(' Compte rendu.'.repeat(200));
    await waitFor(() => xml(first) === xml(second), 'the first client sees the paste');
    const fourth = await open(stored.documentId, stored.cookie);
    expectSameState(fourth, first);
    deleteAtStart(third, 'activité '.length);
    await waitFor(() => xml(first) === xml(third) && xml(fourth) === xml(third), 'everyone sees the deletion');
    const fifth = await open(stored.documentId, stored.cookie);
    expectSameState(fifth, first);
    expect(fifth.text().startsWith('physique adaptée')).toBe(true);
    expect(fifth.text()).toContain(' Compte rendu. Compte rendu.');
  });
});
