import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { untyped } from '../../helpers/live';

let server: TestServer;
let lead: TestUser;
let leadHttp: HttpClient;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
  lead = await createUser(server.app, { name: 'Sophie Bernard' });
  leadHttp = await signIn(server.url, lead);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

async function newGroup(visibility: 'public' | 'platform' | 'private' = 'platform') {
  const res = await leadHttp.post('/api/groups', { name: `Groupe ${Math.random().toString(36).slice(2, 7)}`, visibility });
  return res.body.group.id as string;
}
async function person(name: string) {
  const user = await createUser(server.app, { name });
  return { user, http: await signIn(server.url, user) };
}
/** A real socket.io-client carrying the person's session cookie, as the browser's would. */
async function socketOf(http: HttpClient): Promise<Socket> {
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: http.cookie }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
  return socket;
}
const joinRoom = (socket: Socket, groupId: string) =>
  socket.timeout(5000).emitWithAck('group:join', { groupId }) as Promise<{ ok: boolean; error?: string }>;
const activityKinds = async (groupId: string) =>
  (await leadHttp.get(`/api/groups/${groupId}/activity`)).body.entries.map((e: any) => `${e.kind} ${e.subjectTitle ?? ''} ${e.detail ?? ''}`.trim());

describe('join requests', () => {
  it('a lead accepts one request with a role and refuses another; the log says who joined', async () => {
    const groupId = await newGroup('public');
    const asker = await person('Nadia Benali');
    const other = await person('Paul Lefèvre');
    expect((await asker.http.post(`/api/groups/${groupId}/join-requests`, { message: 'Infirmière en ETP au CH.' })).status).toBe(201);
    expect((await other.http.post(`/api/groups/${groupId}/join-requests`, {})).status).toBe(201);
    expect((await asker.http.get(`/api/groups/${groupId}`)).body.group).toMatchObject({ myRequestPending: true, canRequest: false });

    const leadsCard = (await leadHttp.get('/api/groups')).body.mine.find((g: any) => g.id === groupId);
    expect(leadsCard.pendingRequests).toBe(2);
    expect((await asker.http.get(`/api/groups/${groupId}`)).body.group.pendingRequests).toBe(0);
    const { requests } = (await leadHttp.get(`/api/groups/${groupId}/join-requests`)).body;
    expect(requests.map((r: any) => [r.name, r.message])).toEqual([['Nadia Benali', 'Infirmière en ETP au CH.'], ['Paul Lefèvre', '']]);
    expect((await leadHttp.post(`/api/groups/${groupId}/join-requests/${requests[0].id}/decision`, { decision: 'accept', role: 'observer' })).status).toBe(200);
    expect((await leadHttp.post(`/api/groups/${groupId}/join-requests/${requests[1].id}/decision`, { decision: 'refuse' })).status).toBe(200);
    expect((await leadHttp.post(`/api/groups/${groupId}/join-requests/${requests[1].id}/decision`, { decision: 'accept' })).status).toBe(404);

    expect((await asker.http.get(`/api/groups/${groupId}`)).body.access).toMatchObject({ role: 'observer', canRead: true, canWrite: false });
    expect((await other.http.get(`/api/groups/${groupId}`)).body.access.role).toBeNull();
    expect((await other.http.get(`/api/groups/${groupId}`)).body.group.canRequest).toBe(true);
    expect((await leadHttp.get(`/api/groups/${groupId}/join-requests`)).body.requests).toEqual([]);
    expect(await activityKinds(groupId)).toEqual(['member.joined Nadia Benali observer', expect.stringMatching(/^group\.created /)]);
    const [newest] = (await leadHttp.get(`/api/groups/${groupId}/activity?limit=1`)).body.entries;
    expect(newest).toMatchObject({ kind: 'member.joined', actorId: lead.id, actorName: 'Sophie Bernard', subjectTitle: 'Nadia Benali' });
    const older = (await leadHttp.get(`/api/groups/${groupId}/activity?limit=5&before=${encodeURIComponent(newest.createdAt)}`)).body.entries;
    expect(older.map((e: any) => e.kind)).toEqual(['group.created']);
  });
});

describe('roles', () => {
  it('changes roles, keeps at least one lead, and lets a member leave', async () => {
    const groupId = await newGroup();
    const { user: thomas, http: thomasHttp } = await person('Thomas Roux');
    expect((await leadHttp.post(`/api/groups/${groupId}/members`, { userId: thomas.id })).status).toBe(201);

    const lastLead = await leadHttp.patch(`/api/groups/${groupId}/members/${lead.id}`, { role: 'member' });
    expect(lastLead.status).toBe(409);
    expect(lastLead.body.message).toMatch(/au moins un·e animateur·rice/);
    expect((await leadHttp.delete(`/api/groups/${groupId}/members/${lead.id}`)).status).toBe(409);

    expect((await leadHttp.patch(`/api/groups/${groupId}/members/${thomas.id}`, { role: 'lead' })).status).toBe(200);
    expect((await thomasHttp.patch(`/api/groups/${groupId}/members/${lead.id}`, { role: 'observer' })).status).toBe(200);
    expect((await leadHttp.get(`/api/groups/${groupId}`)).body.access).toMatchObject({ role: 'observer', canWrite: false, canLead: false });
    expect((await leadHttp.patch(`/api/groups/${groupId}`, { name: 'Renommé' })).status).toBe(403);
    expect((await thomasHttp.delete(`/api/groups/${groupId}/members/${thomas.id}`)).status).toBe(409);
    expect((await leadHttp.delete(`/api/groups/${groupId}/members/${lead.id}`)).status).toBe(200);
    expect((await thomasHttp.get(`/api/groups/${groupId}/members`)).body.members.map((m: any) => [m.name, m.role])).toEqual([['Thomas Roux', 'lead']]);
    expect((await thomasHttp.get(`/api/groups/${groupId}/activity`)).body.entries.map((e: any) => e.kind).slice(0, 3))
      .toEqual(['member.left', 'member.role_changed', 'member.role_changed']);
  });
});

describe('live access', () => {
  it('lets only readers into the group room', async () => {
    const groupId = await newGroup('public');
    const { http } = await person('Curieuse');
    const socket = await socketOf(http);
    expect(await joinRoom(socket, groupId)).toEqual({ ok: false, error: "Vous n'avez pas accès à ce groupe." });
    expect((await joinRoom(socket, 'x'.repeat(200))).ok).toBe(false);
    expect((await socketOf(leadHttp).then((s) => joinRoom(s, groupId))).ok).toBe(true);
  });

  it('a removed member is taken out of the room at once and stops receiving its events', async () => {
    const groupId = await newGroup();
    const { user: ines, http } = await person('Inès Garcia');
    await leadHttp.post(`/api/groups/${groupId}/members`, { userId: ines.id });
    const socket = await socketOf(http);
    expect(await joinRoom(socket, groupId)).toEqual({ ok: true });
    const received: string[] = [];
    socket.onAny((event) => received.push(event));
    const busEvents: unknown[] = [];
    server.app.bus.on('group.access.changed', (e) => busEvents.push(e));

    await leadHttp.patch(`/api/groups/${groupId}`, { description: 'Avant le retrait' });
    await expect.poll(() => received).toContain('group.activity');

    const lost = new Promise((resolve) => socket.once('group.access_lost', resolve));
    expect((await leadHttp.delete(`/api/groups/${groupId}/members/${ines.id}`)).status).toBe(200);
    expect(busEvents).toContainEqual({ groupId, userId: ines.id });
    expect(await lost).toEqual({ groupId });

    received.length = 0;
    await leadHttp.patch(`/api/groups/${groupId}`, { description: 'Après le retrait' });
    // A marker sent to her own room after the group event: once it arrives, the group event would have too.
    const marker = new Promise((resolve) => socket.once('marker', resolve));
    untyped(server.app.io).to(`user:${ines.id}`).emit('marker');
    await marker;
    expect(received.filter((e) => e.startsWith('group.'))).toEqual([]);
    expect((await joinRoom(socket, groupId)).ok).toBe(false);
  });

  it('a downgraded lead keeps reading live, through a visibility change, but may no longer lead', async () => {
    const groupId = await newGroup();
    const { user: nadia, http } = await person('Nadia');
    await leadHttp.post(`/api/groups/${groupId}/members`, { userId: nadia.id, role: 'lead' });
    const socket = await socketOf(http);
    await joinRoom(socket, groupId);
    await leadHttp.patch(`/api/groups/${groupId}/members/${nadia.id}`, { role: 'observer' });
    const updates: any[] = [];
    socket.on('group.updated', (p) => updates.push(p));
    await leadHttp.patch(`/api/groups/${groupId}`, { visibility: 'private' });
    await expect.poll(() => updates).toContainEqual({ groupId, what: 'details' });
    expect((await http.patch(`/api/groups/${groupId}`, { name: 'Non' })).status).toBe(403);
  });
});
