import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { documents } from '../../../db/schema/index';
import { TRASH_UNDO_MS } from '../../../shared/limits';

let server: TestServer;
let groupId: string;
let member: HttpClient;
let colleague: HttpClient;
beforeAll(async () => {
  server = await startServer();
  const lead = await createUser(server.app);
  const [m, c] = [await createUser(server.app), await createUser(server.app)];
  groupId = createGroup(server.app, lead.id, { visibility: 'private' }).id;
  addToGroup(server.app, groupId, lead.id, 'lead');
  addToGroup(server.app, groupId, m.id, 'member');
  addToGroup(server.app, groupId, c.id, 'member');
  member = await signIn(server.url, m);
  colleague = await signIn(server.url, c);
});
afterAll(() => server?.close());

const trashed = async (title: string) => {
  const id = (await member.post('/api/documents', { groupId, title, kind: 'blank' })).body.document.id as string;
  expect((await member.delete(`/api/documents/${id}`)).status).toBe(200);
  return id;
};

it('lets the member who just trashed a document take it back ("Annuler")', async () => {
  const id = await trashed('Grille de lecture');
  const undone = await member.post(`/api/documents/${id}/restore`);
  expect(undone.status).toBe(200);
  expect(undone.body.document).toMatchObject({ id, title: 'Grille de lecture', deletedAt: null });
  expect((await member.get(`/api/documents?groupId=${groupId}`)).body.documents.map((d: { id: string }) => d.id)).toContain(id);
});

it('keeps the restore for leads when another member asks, or once the moment has passed', async () => {
  const id = await trashed('Compte rendu');
  expect((await colleague.post(`/api/documents/${id}/restore`)).status).toBe(403);
  server.app.db.update(documents).set({ deletedAt: new Date(Date.now() - TRASH_UNDO_MS - 1000) }).where(eq(documents.id, id)).run();
  const late = await member.post(`/api/documents/${id}/restore`);
  expect(late.status).toBe(403);
  expect(late.body.message).toBe('Seuls les animateurs et animatrices du groupe peuvent faire cela.');
});
