import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { eq } from 'drizzle-orm';
import { documents } from '../../../db/schema/index';
import { TRASH_UNDO_MS } from '../../../shared/limits';

let server: TestServer;
let groupId: string;
const people = {} as Record<'lead' | 'member' | 'observer' | 'outsider' | 'association', TestUser>;
const as = {} as Record<keyof typeof people, HttpClient>;

beforeAll(async () => {
  server = await startServer();
  for (const key of ['lead', 'member', 'observer', 'outsider'] as const) people[key] = await createUser(server.app);
  people.association = await createUser(server.app, { role: 'association' });
  groupId = createGroup(server.app, people.lead.id, { visibility: 'public', openToAssociations: true }).id;
  addToGroup(server.app, groupId, people.lead.id, 'lead');
  addToGroup(server.app, groupId, people.member.id, 'member');
  addToGroup(server.app, groupId, people.observer.id, 'observer');
  for (const key of Object.keys(people) as Array<keyof typeof people>) as[key] = await signIn(server.url, people[key]);
});
afterAll(() => server?.close());

const create = (client: HttpClient, kind = 'reference_programme', title = 'Programme type lombalgie') =>
  client.post('/api/documents', { groupId, title, kind, themes: ['Lombalgie chronique'] });

describe('creating and reading documents', () => {
  it('lets a member create a document from a template, with the template text in it', async () => {
    const res = await create(as.member);
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ title: 'Programme type lombalgie', kind: 'reference_programme', status: 'draft', groupId });
    const content = await as.member.get(`/api/documents/${res.body.document.id}/content`);
    expect(content.body.html).toContain('Bilan éducatif partagé (BEP)');
    expect(content.body.html).toContain('Coordination avec le médecin traitant');
  });

  it('refuses creation to an observer, an outsider and an association account that is not a member', async () => {
    expect((await create(as.observer)).status).toBe(403);
    expect((await create(as.outsider)).status).toBe(403);
    expect((await create(as.association)).status).toBe(403);
  });

  it('shows the list to members and observers only, with what each may do', async () => {
    const member = await as.member.get(`/api/documents?groupId=${groupId}`);
    expect(member.status).toBe(200);
    expect(member.body.documents.length).toBeGreaterThan(0);
    expect(member.body.access).toEqual({ canWrite: true, canLead: false });
    const observer = await as.observer.get(`/api/documents?groupId=${groupId}`);
    expect(observer.body.access).toEqual({ canWrite: false, canLead: false });
    expect((await as.outsider.get(`/api/documents?groupId=${groupId}`)).status).toBe(403);
    expect((await as.association.get(`/api/documents?groupId=${groupId}`)).status).toBe(403);
  });

  it('hides a document from people who may not read its group, and rejects bad input in French', async () => {
    const { body } = await create(as.lead, 'tool_sheet', 'Fiche outil photolangage');
    expect((await as.outsider.get(`/api/documents/${body.document.id}`)).status).toBe(404);
    expect((await as.observer.get(`/api/documents/${body.document.id}`)).status).toBe(200);
    expect((await as.observer.patch(`/api/documents/${body.document.id}`, { title: 'Autre titre' })).status).toBe(403);
    const bad = await as.member.post('/api/documents', { groupId, title: 'x', kind: 'roman' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/invalides/);
  });
});

describe('review status', () => {
  it('lets members send to review but only leads validate and publish', async () => {
    const { body } = await create(as.member, 'benchmark_grid', 'Grille de parangonnage');
    const id = body.document.id;
    expect((await as.member.post(`/api/documents/${id}/status`, { status: 'in_review' })).body.document.status).toBe('in_review');
    expect((await as.member.post(`/api/documents/${id}/status`, { status: 'validated' })).status).toBe(403);
    expect((await as.observer.post(`/api/documents/${id}/status`, { status: 'validated' })).status).toBe(403);
    expect((await as.lead.post(`/api/documents/${id}/status`, { status: 'published' })).status).toBe(400);
    expect((await as.lead.post(`/api/documents/${id}/status`, { status: 'validated' })).body.document.status).toBe('validated');
    // Publishing makes a version of record (publication.test.ts); the working text stays validated.
    expect((await as.lead.post(`/api/documents/${id}/publications`, { note: 'Grille validée par le groupe.' })).body.document).toMatchObject({ status: 'validated', publishedVersion: 1 });
    const visitor = new HttpClient(server.url);
    const library = await visitor.get('/api/documents/resources');
    expect(library.body.resources.map((r: { id: string }) => r.id)).toContain(id);
    const published = await visitor.get(`/api/documents/resources/${id}`);
    expect(published.body.html).toContain('Comparaison des pratiques');
    const draft = (await create(as.member, 'blank', 'Brouillon non publié')).body.document.id;
    expect((await visitor.get(`/api/documents/resources/${draft}`)).status).toBe(404);
    expect((await visitor.get(`/api/documents/${draft}`)).status).toBe(401);
  });
});

describe('trash', () => {
  it('sends to the trash, and only leads see the trash, restore or delete for good', async () => {
    const { body } = await create(as.member, 'blank', 'Brouillon à jeter');
    const id = body.document.id;
    expect((await as.observer.delete(`/api/documents/${id}`)).status).toBe(403);
    expect((await as.member.delete(`/api/documents/${id}`)).status).toBe(200);
    expect((await as.member.get(`/api/documents/${id}`)).status).toBe(404);
    const list = await as.member.get(`/api/documents?groupId=${groupId}`);
    expect(list.body.documents.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await as.member.get(`/api/documents/trash?groupId=${groupId}`)).status).toBe(403);
    const trash = await as.lead.get(`/api/documents/trash?groupId=${groupId}`);
    expect(trash.body.documents.map((d: { id: string }) => d.id)).toContain(id);
    // Past the few minutes of "Annuler" (trash-undo.test.ts), the member who trashed it cannot take it back.
    server.app.db.update(documents).set({ deletedAt: new Date(Date.now() - TRASH_UNDO_MS - 1000) }).where(eq(documents.id, id)).run();
    expect((await as.member.post(`/api/documents/${id}/restore`)).status).toBe(403);
    expect((await as.lead.post(`/api/documents/${id}/restore`)).status).toBe(200);
    expect((await as.member.get(`/api/documents/${id}`)).status).toBe(200);

    await as.member.delete(`/api/documents/${id}`);
    expect((await as.member.delete(`/api/documents/${id}/permanent`)).status).toBe(403);
    expect((await as.lead.delete(`/api/documents/${id}/permanent`)).status).toBe(200);
    expect((await as.lead.get(`/api/documents/trash?groupId=${groupId}`)).body.documents.map((d: { id: string }) => d.id)).not.toContain(id);
  });
});
