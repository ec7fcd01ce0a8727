import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { connect, synced } from '../../collab/collab-clients';

// Versions of record: who may publish, what visitors read (never the working text), and the
// frozen public version while the group goes on writing.

let server: TestServer;
let groupId: string;
const people = {} as Record<'lead' | 'member' | 'observer' | 'outsider' | 'association', TestUser>;
const as = {} as Record<keyof typeof people, HttpClient>;
let visitor: HttpClient;

beforeAll(async () => {
  server = await startServer();
  for (const key of ['lead', 'member', 'observer', 'outsider'] as const) people[key] = await createUser(server.app);
  people.association = await createUser(server.app, { role: 'association' });
  groupId = createGroup(server.app, people.lead.id, { visibility: 'public', openToAssociations: true }).id;
  addToGroup(server.app, groupId, people.lead.id, 'lead');
  addToGroup(server.app, groupId, people.member.id, 'member');
  addToGroup(server.app, groupId, people.observer.id, 'observer');
  // An association representative who is a full member of the group: still not a lead.
  addToGroup(server.app, groupId, people.association.id, 'member');
  for (const key of Object.keys(people) as Array<keyof typeof people>) as[key] = await signIn(server.url, people[key]);
  visitor = new HttpClient(server.url);
});
afterAll(() => server?.close());

async function validatedDocument(title: string): Promise<string> {
  const id = (await as.lead.post('/api/documents', { groupId, title, kind: 'tool_sheet' })).body.document.id as string;
  for (const status of ['in_review', 'validated']) expect((await as.lead.post(`/api/documents/${id}/status`, { status })).status).toBe(200);
  return id;
}
const libraryIds = async () => (await visitor.get('/api/documents/resources')).body.resources.map((r: { id: string }) => r.id);

/** Appends a paragraph through a real y-websocket client, and waits until the server has stored it. */
async function typeParagraph(documentId: string, text: string): Promise<void> {
  const editor = connect(server.url, documentId, as.lead.cookie);
  try {
    await synced(editor);
    editor.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      editor.doc.getXmlFragment('default').push([paragraph]);
    });
    await expect.poll(async () => (await as.member.get(`/api/documents/${documentId}/content`)).body.html).toContain(text);
  } finally {
    editor.destroy();
  }
}

describe('who publishes', () => {
  it('lets only leads publish a validated text with a change note, and unpublish it without losing its versions', async () => {
    const id = await validatedDocument('Fiche outil – Jeu de l’oie');
    const note = { note: 'Première version validée par le groupe.' };
    expect((await as.member.post(`/api/documents/${id}/publications`, note)).status).toBe(403);
    expect((await as.observer.post(`/api/documents/${id}/publications`, note)).status).toBe(403);
    expect((await as.association.post(`/api/documents/${id}/publications`, note)).status).toBe(403);
    expect((await as.outsider.post(`/api/documents/${id}/publications`, note)).status).toBe(404);
    expect((await visitor.post(`/api/documents/${id}/publications`, note)).status).toBe(401);
    expect(await libraryIds()).not.toContain(id);

    const noNote = await as.lead.post(`/api/documents/${id}/publications`, { note: ' ' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.message).toMatch(/note/);

    const published = await as.lead.post(`/api/documents/${id}/publications`, note);
    expect(published.status).toBe(201);
    expect(published.body.publication).toMatchObject({ number: 1, note: note.note, publishedByName: people.lead.name });
    // The working text keeps its own status; "published" is the version's.
    expect(published.body.document).toMatchObject({ status: 'validated', publishedVersion: 1 });
    expect(await libraryIds()).toContain(id);
    const listed = await as.observer.get(`/api/documents/${id}/publications`);
    expect(listed.body).toMatchObject({ inLibrary: 1, publications: [{ number: 1, note: note.note }] });
    expect((await as.outsider.get(`/api/documents/${id}/publications`)).status).toBe(404);

    for (const who of ['member', 'observer', 'association'] as const) expect((await as[who].post(`/api/documents/${id}/unpublish`)).status).toBe(403);
    expect((await visitor.post(`/api/documents/${id}/unpublish`)).status).toBe(401);
    const unpublished = await as.lead.post(`/api/documents/${id}/unpublish`);
    expect(unpublished.status).toBe(200);
    expect(unpublished.body.document.publishedVersion).toBeNull();
    expect(await libraryIds()).not.toContain(id);
    expect((await visitor.get(`/api/documents/resources/${id}`)).status).toBe(404);
    expect((await visitor.get(`/api/documents/resources/${id}/versions/1`)).status).toBe(404);
    expect((await as.lead.post(`/api/documents/${id}/unpublish`)).status).toBe(409);
    // Its versions stay with the group, and publishing again makes the next number.
    expect((await as.member.get(`/api/documents/${id}/publications`)).body).toMatchObject({ inLibrary: null, publications: [{ number: 1 }] });
    const again = await as.lead.post(`/api/documents/${id}/publications`, { note: 'Remise en ligne.' });
    expect(again.body.publication.number).toBe(2);
    // The group's activity tells who published which version, and who took it out.
    const activity = (await as.member.get(`/api/groups/${groupId}/activity`)).body.entries
      .filter((e: { subjectId: string }) => e.subjectId === id).map((e: { kind: string; detail: string | null; actorName: string }) => [e.kind, e.detail, e.actorName]);
    expect(activity.filter(([kind]: [string]) => kind.startsWith('document.published') || kind === 'document.unpublished')).toEqual([
      ['document.published', '2', people.lead.name], ['document.unpublished', null, people.lead.name], ['document.published', '1', people.lead.name],
    ]);
    expect((await visitor.get(`/api/documents/resources/${id}`)).body.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  });

  it('publishes only what was reviewed: a draft or a text in review is refused', async () => {
    const id = (await as.lead.post('/api/documents', { groupId, title: 'Brouillon de fiche', kind: 'tool_sheet' })).body.document.id;
    const draft = await as.lead.post(`/api/documents/${id}/publications`, { note: 'Trop tôt.' });
    expect(draft.status).toBe(409);
    expect(draft.body.code).toBe('not_validated');
    expect((await as.lead.post(`/api/documents/${id}/status`, { status: 'in_review' })).status).toBe(200);
    expect((await as.lead.post(`/api/documents/${id}/publications`, { note: 'Encore trop tôt.' })).status).toBe(409);
    // The old "published" status is gone: publishing is a version, not a status.
    expect((await as.lead.post(`/api/documents/${id}/status`, { status: 'published' })).status).toBe(400);
  });
});

describe('what visitors read', () => {
  it('never shows a working text: a draft, its versions and its changes stay closed to visitors and outsiders', async () => {
    const id = (await as.member.post('/api/documents', { groupId, title: 'Notes internes du groupe', kind: 'blank' })).body.document.id;
    await typeParagraph(id, 'Texte de travail confidentiel');
    expect((await visitor.get(`/api/documents/resources/${id}`)).status).toBe(404);
    expect((await visitor.get(`/api/documents/resources/${id}/versions/1`)).status).toBe(404);
    expect((await visitor.get(`/api/documents/${id}/diff?from=published&to=current`)).status).toBe(401);
    expect((await as.outsider.get(`/api/documents/${id}/diff?from=published&to=current`)).status).toBe(404);
    expect((await as.outsider.get(`/api/documents/${id}/content`)).status).toBe(404);
    const library = JSON.stringify((await visitor.get('/api/documents/resources')).body);
    expect(library).not.toContain('Notes internes du groupe');
  });

  it('keeps the public version frozen while the group edits, until a lead publishes again', async () => {
    const id = await validatedDocument('Fiche outil – Photolangage');
    expect((await as.lead.post(`/api/documents/${id}/publications`, { note: 'Version testée en séance.' })).status).toBe(201);
    const before = await visitor.get(`/api/documents/resources/${id}`);
    expect(before.body).toMatchObject({ resource: { title: 'Fiche outil – Photolangage', version: 1 }, version: { number: 1, note: 'Version testée en séance.' } });

    // A member types into the working text and renames it: visitors still read version 1.
    await typeParagraph(id, 'Ajout après publication');
    expect((await as.member.patch(`/api/documents/${id}`, { title: 'Fiche outil – Photolangage (en cours)' })).status).toBe(200);
    const after = await visitor.get(`/api/documents/resources/${id}`);
    expect(after.body.html).toBe(before.body.html);
    expect(after.body.html).not.toContain('Ajout après publication');
    expect(after.body.resource.title).toBe('Fiche outil – Photolangage');
    const card = (await visitor.get('/api/documents/resources')).body.resources.find((r: { id: string }) => r.id === id);
    expect(card).toMatchObject({ title: 'Fiche outil – Photolangage', version: 1 });

    // The group sees what changed since the publication.
    const changes = await as.observer.get(`/api/documents/${id}/diff?from=published&to=current`);
    expect(changes.status).toBe(200);
    expect(changes.body.from).toMatchObject({ kind: 'published', number: 1 });
    expect(changes.body.blocks.filter((b: { change: string }) => b.change === 'insert').flatMap((b: { segments: unknown[] }) => b.segments))
      .toEqual([{ op: 'insert', text: 'Ajout après publication' }]);

    // Version 2 reaches the library with its note; version 1 stays readable.
    const v2 = await as.lead.post(`/api/documents/${id}/publications`, { note: 'Ajout d’un paragraphe après la séance test.' });
    expect(v2.body.publication.number).toBe(2);
    const latest = await visitor.get(`/api/documents/resources/${id}`);
    expect(latest.body.html).toContain('Ajout après publication');
    expect(latest.body.resource).toMatchObject({ title: 'Fiche outil – Photolangage (en cours)', version: 2 });
    expect(latest.body.versions.map((v: { number: number; note: string }) => [v.number, v.note]))
      .toEqual([[2, 'Ajout d’un paragraphe après la séance test.'], [1, 'Version testée en séance.']]);
    const first = await visitor.get(`/api/documents/resources/${id}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.body.version.number).toBe(1);
    expect(first.body.html).toBe(before.body.html);
    expect((await visitor.get(`/api/documents/resources/${id}/versions/3`)).status).toBe(404);
  });

  it('lets a visitor download each published version as a PDF, never the working text', async () => {
    const id = await validatedDocument('Fiche outil – Abaque de Régnier');
    await typeParagraph(id, 'Consigne de l’animateur');
    expect((await as.lead.post(`/api/documents/${id}/publications`, { note: 'Version de la séance test.' })).status).toBe(201);
    await typeParagraph(id, 'Brouillon non publié');

    const url = `${server.url}/api/documents/resources/${id}/versions/1/pdf`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('Fiche outil');
    const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()), isEvalSupported: false, useSystemFonts: false }).promise;
    let text = '';
    for (let i = 1; i <= pdf.numPages; i += 1) {
      text += (await (await pdf.getPage(i)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    }
    expect(text).toContain('Consigne de l’animateur');
    expect(text).toContain('version publiée n° 1');
    expect(text).not.toContain('Brouillon non publié');
    // A PDF is compressed inside already: sent as it is, whatever the browser accepts.
    expect(res.headers.get('content-encoding')).toBeNull();
    // Built once per version: a browser that has it is answered 304.
    expect((await fetch(url, { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);

    // Visitors asking for PDFs not made yet get one made at a time: three more wait their turn, the
    // next is told to come back at once (a new version makes every PDF of the document anew).
    for (const n of [2, 3, 4, 5]) expect((await as.lead.post(`/api/documents/${id}/publications`, { note: `Version ${n}.` })).status).toBe(201);
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => fetch(`${server.url}/api/documents/resources/${id}/versions/${n}/pdf`)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 503]);
    for (const made of replies.filter((r) => r.status === 200)) expect(Buffer.from(await made.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const refused = replies.find((r) => r.status === 503)!;
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('content-disposition')).toBeNull();
    expect((await refused.json()).message).toBe('D’autres PDF sont en préparation : réessayez dans un instant.');
    expect((await fetch(refused.url)).status).toBe(200);

    expect((await fetch(`${server.url}/api/documents/resources/${id}/versions/6/pdf`)).status).toBe(404);
    expect((await as.lead.post(`/api/documents/${id}/unpublish`)).status).toBe(200);
    expect((await fetch(url)).status).toBe(404);
  });

  it('takes a trashed document out of the library and brings it back when restored', async () => {
    const id = await validatedDocument('Fiche outil – Carte conceptuelle');
    await as.lead.post(`/api/documents/${id}/publications`, { note: 'Publiée pour la journée régionale.' });
    expect(await libraryIds()).toContain(id);
    expect((await as.lead.delete(`/api/documents/${id}`)).status).toBe(200);
    expect(await libraryIds()).not.toContain(id);
    expect((await as.lead.post(`/api/documents/${id}/restore`)).status).toBe(200);
    expect(await libraryIds()).toContain(id);
  });
});
