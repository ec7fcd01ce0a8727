import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { Node as PMNode } from '@tiptap/pm/model';
import { editorSchema } from '../../../server/features/documents/content/editor-schema';
import { encodeAnchor, resolveRange, type Mapping } from '../../../client/features/comments/editor/anchors';
import type { CommentThread } from '../../../shared/comments.schema';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { connect, createDocument, waitFor as waitUntil, type CollabClient } from '../../collab/collab-clients';

// Anchors of comment threads are Yjs relative positions: they follow the passage through other
// people's edits, made by real y-websocket clients; and a commenter's /collab connection is read-only.

let server: TestServer;
let groupId: string;
const people = {} as Record<'lead' | 'member' | 'commenter', TestUser>;
const http = {} as Record<keyof typeof people, HttpClient>;
const clients: CollabClient[] = [];
const PASSAGE = 'bilan éducatif partagé';
/** A busy machine (CI runs two workers) may take seconds: wait on the state, generously. */
const waitFor = (check: () => boolean, what: string) => waitUntil(check, what, 20_000);
let barriers = 0;
/** Frames of a connection are handled in order: once an awareness change sent after them reached another client, they were handled. */
async function barrier(from: CollabClient, seenBy: CollabClient) {
  from.provider.awareness.setLocalStateField('barrier', ++barriers);
  const clock = from.provider.awareness.meta.get(from.doc.clientID)!.clock;
  await waitFor(() => seenBy.provider.awareness.meta.get(from.doc.clientID)?.clock === clock, 'barrier');
}

beforeAll(async () => {
  server = await startServer();
  for (const key of ['lead', 'member', 'commenter'] as const) people[key] = await createUser(server.app);
  groupId = createGroup(server.app, people.lead.id).id;
  addToGroup(server.app, groupId, people.lead.id, 'lead');
  addToGroup(server.app, groupId, people.member.id, 'member');
  addToGroup(server.app, groupId, people.commenter.id, 'commenter');
  for (const key of ['lead', 'member', 'commenter'] as const) http[key] = await signIn(server.url, people[key]);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

const open = async (who: keyof typeof people, documentId: string) => {
  const client = connect(server.url, documentId, http[who].cookie);
  clients.push(client);
  await waitFor(() => client.provider.synced, 'sync');
  return client;
};
/** The editor's view of a client's document: the ProseMirror doc and the binding's mapping. */
const view = (client: CollabClient): { doc: PMNode; mapping: Mapping; fragment: Y.XmlFragment } => {
  const fragment = client.doc.getXmlFragment('default');
  const { doc, mapping } = initProseMirrorDoc(fragment, editorSchema);
  return { doc, mapping: mapping as Mapping, fragment };
};
const findText = (doc: PMNode, text: string): { from: number; to: number } => {
  let found = { from: -1, to: -1 };
  doc.descendants((node, pos) => {
    const at = node.isText ? node.text!.indexOf(text) : -1;
    if (at >= 0 && found.from < 0) found = { from: pos + at, to: pos + at + text.length };
  });
  return found;
};
const paragraphText = (client: CollabClient, index: number) => (client.doc.getXmlFragment('default').get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe('a commenter on /collab', () => {
  it('reads the live text but nothing they type is stored or reaches anyone', async () => {
    const documentId = createDocument(server.app, groupId, people.lead.id).id;
    const lead = await open('lead', documentId);
    lead.type('Texte des rédacteurs');
    const commenter = await open('commenter', documentId);
    await waitFor(() => commenter.text() === 'Texte des rédacteurs', 'the commenter reads the text');
    commenter.type(' — ajout refusé');
    await barrier(commenter, lead);
    lead.type(', suite');
    // Her own refused words stay in her copy only; where they sort beside the lead's depends on client ids.
    await waitFor(() => commenter.text().includes(', suite'), 'the commenter still follows');
    expect(lead.text()).toBe('Texte des rédacteurs, suite');
    expect(commenter.provider.wsconnected).toBe(true);
    const fresh = await open('member', documentId);
    expect(fresh.text()).toBe('Texte des rédacteurs, suite');
  });
});

describe('anchors of comment threads', () => {
  it('keep quoting the same passage while two other clients edit around it, and say so when it is deleted', async () => {
    const documentId = createDocument(server.app, groupId, people.lead.id).id;
    const member = await open('member', documentId);
    member.doc.transact(() => prosemirrorJSONToYXmlFragment(editorSchema, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Modalités' }] },
        { type: 'paragraph', content: [{ type: 'text', text: `Le ${PASSAGE} ouvre le programme.` }] },
      ],
    }, member.doc.getXmlFragment('default')));
    const lead = await open('lead', documentId);
    await waitFor(() => lead.text().includes(PASSAGE), 'the lead has the text');

    // The commenter selects the passage in their editor and comments it.
    const commenter = await open('commenter', documentId);
    await waitFor(() => commenter.text().includes(PASSAGE), 'the commenter has the text');
    const mine = view(commenter);
    const range = findText(mine.doc, PASSAGE);
    const created = await http.commenter.post(`/api/comments/documents/${documentId}`, {
      anchorStart: encodeAnchor(range.from, mine.fragment, mine.mapping),
      anchorEnd: encodeAnchor(range.to, mine.fragment, mine.mapping),
      quote: mine.doc.textBetween(range.from, range.to),
      body: 'Préciser qui mène le BEP',
    });
    expect(created.status).toBe(201);

    // Meanwhile: the lead types before the passage and adds a paragraph above; the member types after it.
    lead.doc.transact(() => {
      paragraphText(lead, 1).insert(0, 'En ville comme au centre, ');
      const added = new Y.XmlElement('paragraph');
      added.insert(0, [new Y.XmlText('Introduction ajoutée.')]);
      lead.doc.getXmlFragment('default').insert(0, [added]);
    });
    paragraphText(member, 1).insert(paragraphText(member, 1).length, ' Il dure une heure.');
    const expected = `Introduction ajoutée.\nModalités\nEn ville comme au centre, le ${PASSAGE} ouvre le programme. Il dure une heure.`;
    await waitFor(() => lead.text().toLowerCase() === expected.toLowerCase() && member.text().toLowerCase() === expected.toLowerCase(), 'both edits everywhere');

    // A third client, opened afterwards, resolves the stored anchors on its own copy.
    const reader = await open('lead', documentId);
    const thread = ((await http.lead.get(`/api/comments/documents/${documentId}`)).body.threads as CommentThread[])[0];
    const seen = view(reader);
    const now = resolveRange(reader.doc, seen.fragment, seen.doc, thread, seen.mapping);
    expect(now).not.toBeNull();
    expect(seen.doc.textBetween(now!.from, now!.to)).toBe(PASSAGE);
    expect(now!.from).toBeGreaterThan(range.from);

    // The member deletes the passage: the thread stays, its passage is gone.
    const text = paragraphText(member, 2);
    const at = text.toString().indexOf(PASSAGE);
    text.delete(at, PASSAGE.length);
    await waitFor(() => !reader.text().includes(PASSAGE), 'the deletion reaches the reader');
    const after = view(reader);
    expect(resolveRange(reader.doc, after.fragment, after.doc, thread, after.mapping)).toBeNull();
    expect(((await http.lead.get(`/api/comments/documents/${documentId}`)).body.threads as CommentThread[])[0]).toMatchObject({ id: thread.id, quote: PASSAGE });
  });
});
