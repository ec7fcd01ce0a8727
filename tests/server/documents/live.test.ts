import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { documentUpdatedPayloadSchema, type DocumentUpdatedPayload } from '../../../shared/documents.schema';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { untyped } from '../../helpers/live';

let server: TestServer;
let groupId: string;
let lead: HttpClient;
let observer: HttpClient;
let outsider: HttpClient;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
  const [l, o, x] = [await createUser(server.app), await createUser(server.app), await createUser(server.app)];
  groupId = createGroup(server.app, l.id).id;
  addToGroup(server.app, groupId, l.id, 'lead');
  addToGroup(server.app, groupId, o.id, 'observer');
  [lead, observer, outsider] = [await signIn(server.url, l), await signIn(server.url, o), await signIn(server.url, x)];
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

/** A second person's real socket.io-client in the group's room, recording document events. */
async function listener(http: HttpClient): Promise<{ events: DocumentUpdatedPayload[]; joined: boolean; socket: Socket }> {
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: http.cookie }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
  const events: DocumentUpdatedPayload[] = [];
  socket.on('documents:updated', (p: unknown) => events.push(documentUpdatedPayloadSchema.parse(p)));
  const ack = (await socket.timeout(5000).emitWithAck('group:join', { groupId })) as { ok: boolean };
  return { events, joined: ack.ok, socket };
}

/** Resolves once the socket got `marker` from the server: everything emitted before it has arrived. */
async function drained(socket: Socket): Promise<void> {
  const got = new Promise((resolve) => socket.once('marker', resolve));
  untyped(server.app.io).to(`group:${groupId}`).emit('marker');
  await got;
}

describe('document metadata reaches the group room live', () => {
  it('sends title, themes, status and trash to a reader in the room, and nothing to a non-member', async () => {
    const reader = await listener(observer);
    const stranger = await listener(outsider);
    expect(reader.joined).toBe(true);
    expect(stranger.joined).toBe(false);

    const created = await lead.post('/api/documents', { groupId, title: 'Fiche outil photolangage', kind: 'tool_sheet' });
    const id = created.body.document.id as string;
    const waitFor = async (check: (p: DocumentUpdatedPayload) => boolean) =>
      expect.poll(() => reader.events.some((p) => p.document.id === id && check(p)), { timeout: 5000 }).toBe(true);

    expect((await lead.patch(`/api/documents/${id}`, { title: 'Fiche photolangage', themes: ['Diabète', 'Adolescents'] })).status).toBe(200);
    await waitFor((p) => p.document.title === 'Fiche photolangage' && p.document.themes.join() === 'Diabète,Adolescents');

    expect((await lead.post(`/api/documents/${id}/status`, { status: 'in_review' })).status).toBe(200);
    await waitFor((p) => p.document.status === 'in_review');

    expect((await lead.delete(`/api/documents/${id}`)).status).toBe(200);
    await waitFor((p) => p.document.deletedAt !== null);

    await drained(reader.socket);
    expect(stranger.events).toEqual([]);
  });

  it('sends nothing when a change is refused', async () => {
    const reader = await listener(lead);
    const id = (await lead.post('/api/documents', { groupId, title: 'Grille de comparaison', kind: 'benchmark_grid' })).body.document.id as string;
    expect((await observer.patch(`/api/documents/${id}`, { title: 'Titre interdit' })).status).toBe(403);
    expect((await lead.post(`/api/documents/${id}/status`, { status: 'published' })).status).toBe(400);
    await drained(reader.socket);
    expect(reader.events.filter((p) => p.document.id === id)).toEqual([]);
  });
});
