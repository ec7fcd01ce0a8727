import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textStart } from '../../../server/features/documents/search/search.text';
import type { DiffBlock } from '../../../shared/documents.diff.schema';
import type { ReviewReply } from '../../../shared/review.schema';
import { connect, synced, waitFor, type CollabClient } from '../../collab/collab-clients';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { startServer, type TestServer } from '../../helpers/server';

// Readers of the working text (search, /content, the comparison with `current`, "changed since
// you approved") hand a large document to the render worker by description: the worker reads it
// from SQLite itself (collab.stateSource, worker-store.ts readState). `encodeInPlaceBytes: 1`
// sends every document that way, as a large one always is; `indexedTextBytes` lowers the share of
// a text the search index holds (DOCUMENT_SEARCH.indexedTextBytes) so that a few KB exceed it.

const INDEXED_BYTES = 2048;

let server: TestServer;
let author: HttpClient;
let reviewer: HttpClient;
let reviewerId: string;
let groupId: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer({ collab: { encodeInPlaceBytes: 1 }, indexedTextBytes: INDEXED_BYTES });
  const [lead, a, b] = await Promise.all([createUser(server.app), createUser(server.app), createUser(server.app, { name: 'Bruno Relecteur' })]);
  groupId = createGroup(server.app, lead.id).id;
  addToGroup(server.app, groupId, lead.id, 'lead');
  addToGroup(server.app, groupId, a.id, 'member');
  addToGroup(server.app, groupId, b.id, 'member');
  reviewerId = b.id;
  [author, reviewer] = await Promise.all([signIn(server.url, a), signIn(server.url, b)]);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

/** A new document open in the author's editor and in the reviewer's, both synced. */
async function openDocument(title: string): Promise<{ id: string; writer: CollabClient; reader: CollabClient }> {
  const id = (await author.post('/api/documents', { groupId, title, kind: 'blank' })).body.document.id as string;
  const writer = connect(server.url, id, author.cookie);
  const reader = connect(server.url, id, reviewer.cookie);
  clients.push(writer, reader);
  await Promise.all([synced(writer), synced(reader)]);
  return { id, writer, reader };
}

/**
 * A new paragraph typed in the writer's editor (one update frame); resolves once the other person
 * has it, that is once the server has written it to SQLite (nothing is sent before).
 */
async function type(writer: CollabClient, reader: CollabClient, text: string): Promise<void> {
  writer.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    writer.doc.getXmlFragment('default').push([paragraph]);
  });
  await waitFor(() => reader.text().includes(text), 'the other person sees the text');
}

async function found(q: string): Promise<string[]> {
  const reply = await author.get(`/api/documents/search?q=${encodeURIComponent(q)}`);
  expect(reply.status).toBe(200);
  return (reply.body.results as Array<{ documentId: string }>).map((r) => r.documentId);
}

describe('the search index', () => {
  it('holds the title and the start of a long text, up to the bound, read by the worker', async () => {
    const { id, writer, reader } = await openDocument('Référentiel ouvertzq des ateliers');
    const filler = 'Séance éducative collective sur l’activité physique adaptée. '.repeat(80);
    await type(writer, reader, `Préambulezq du programme. ${filler}Annexezq finale.`);
    await expect.poll(() => found('préambulezq'), { timeout: 15_000, interval: 200 }).toEqual([id]);
    expect(await found('ouvertzq')).toEqual([id]);
    // Past the bound: never indexed, so never found.
    expect(await found('annexezq')).toEqual([]);
    const { body } = server.app.sqlite.prepare('SELECT body FROM documents_fts WHERE document_id = ?').get(id) as { body: string };
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(INDEXED_BYTES);
    // The blank template's heading holds the title, then what was typed.
    expect(body).toMatch(/^Référentiel ouvertzq des ateliers\nPréambulezq du programme\. Séance/);
    // Cut after a whole word: the last word indexed is one the text holds.
    const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    expect(words(filler)).toContain(words(body).at(-1));
    // The title is indexed whole, whatever the text's length.
    expect((await author.patch(`/api/documents/${id}`, { title: 'Référentiel renommézq' })).status).toBe(200);
    await expect.poll(() => found('renommézq'), { timeout: 15_000, interval: 200 }).toEqual([id]);
  });

  it('cuts a text at a word, never inside a character', () => {
    expect(textStart('Atelier nutrition', 100)).toBe('Atelier nutrition');
    expect(textStart('Atelier nutrition pratique', 12)).toBe('Atelier');
    expect(textStart('Atelier nutrition pratique', 17)).toBe('Atelier nutrition');
    // "é" is two bytes: six hold "é é " and half of the third "é", which is left out whole.
    expect(textStart('é é é', 6)).toBe('é é');
    expect(textStart('Éducation', 4)).toBe('');
  });
});

describe('the working text read by the render worker', () => {
  it('/content holds what was typed just before', async () => {
    const { id, writer, reader } = await openDocument('Programme type BPCO');
    await type(writer, reader, 'Séance « souffle et activité physique »');
    const reply = await author.get(`/api/documents/${id}/content`);
    expect(reply.status).toBe(200);
    expect(reply.body.html).toContain('<p>Séance « souffle et activité physique »</p>');
  });

  it('the comparison with `current` shows what was typed just before, on either side', async () => {
    const { id, writer, reader } = await openDocument('Fiche outil – Photolangage');
    await type(writer, reader, 'Objectifs de la séance.');
    const named = await author.post(`/api/documents/${id}/versions`, { name: 'Avant la réunion' });
    expect(named.status).toBe(201);
    await type(writer, reader, 'Déroulé en trois temps.');
    const ref = `version:${named.body.version.id}`;

    const forward = await author.get(`/api/documents/${id}/diff?from=${ref}&to=current`);
    expect(forward.status).toBe(200);
    expect(forward.body.to).toMatchObject({ kind: 'current' });
    const added = forward.body.blocks.filter((b: DiffBlock) => b.change !== 'equal');
    expect(added).toMatchObject([{ change: 'insert', segments: [{ op: 'insert', text: 'Déroulé en trois temps.' }] }]);

    const backward = await author.get(`/api/documents/${id}/diff?from=current&to=${ref}`);
    expect(backward.body.blocks.filter((b: DiffBlock) => b.change !== 'equal')).toMatchObject([{ change: 'delete' }]);
    expect((await author.get(`/api/documents/${id}/diff?from=current&to=current`)).body.counts).toEqual({ insertions: 0, deletions: 0 });
  });

  it('a reviewer is told the text changed since their approval once something is typed', async () => {
    const { id, writer, reader } = await openDocument('Programme type diabète');
    await type(writer, reader, 'Première rédaction des séances.');
    expect((await author.post(`/api/documents/${id}/review`, { reviewerIds: [reviewerId] })).status).toBe(200);
    const approved = await reviewer.post(`/api/documents/${id}/review/decisions`, { decision: 'approved', note: '' });
    expect(approved.status).toBe(200);
    const mine = () => (approved.body as ReviewReply).review!.reviewers[0]!;
    expect(mine().changedSinceApproval).toBe(false);

    await type(writer, reader, 'Ajout après l’approbation.');
    const after = (await reviewer.get<ReviewReply>(`/api/documents/${id}/review`)).body;
    expect(after.review!.reviewers[0]).toMatchObject({ decision: 'approved', changedSinceApproval: true });
  });
});
