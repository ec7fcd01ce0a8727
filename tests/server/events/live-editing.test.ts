import { afterAll, beforeAll, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { buildEvent } from './fixture';
import { eventsToServer } from '../../../shared/events.live';

let server: TestServer;
let claire: HttpClient;
let sophie: HttpClient;
let member: HttpClient;
let sophieId: string;
let day: Awaited<ReturnType<typeof buildEvent>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
  claire = await signIn(server.url, await createUser(server.app, { role: 'coordinator', name: 'Claire Martin' }));
  const colleague = await createUser(server.app, { role: 'member', name: 'Sophie Bernard' });
  sophie = await signIn(server.url, colleague);
  sophieId = colleague.id;
  member = await signIn(server.url, await createUser(server.app, { role: 'member' }));
  day = await buildEvent(claire);
  expect((await claire.put(`/api/events/${day.id}/organisers`, { userIds: [colleague.id] })).status).toBe(200);
  // Members may see a published event, which makes their refusal a matter of rights, not of visibility.
  expect((await claire.post(`/api/events/${day.id}/publish`, { confirmConflicts: true })).status).toBe(200);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
});

async function connect(client: HttpClient): Promise<Socket> {
  const socket = io(server.url, { transports: ['websocket'], extraHeaders: { cookie: client.cookie, origin: server.url }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}
const join = (socket: Socket, payload: unknown) => new Promise<{ ok: boolean; error?: string }>((resolve) => socket.emit('event-editors:join', payload, resolve));

it('lets a second organiser in the editors room hear each committed change, and keeps others out', async () => {
  const colleague = await connect(sophie);
  expect(await join(colleague, { eventId: day.id })).toEqual({ ok: true });
  const outsider = await connect(member);
  expect(await join(outsider, { eventId: day.id })).toEqual({ ok: false, error: expect.stringContaining('organisateurs') });
  expect(await join(outsider, { eventId: 42 })).toEqual({ ok: false, error: eventsToServer.editorsJoin.invalid });
  let outsiderHeard = 0;
  outsider.on('event-editors:changed', () => { outsiderHeard++; });

  const heard = new Promise<any>((resolve) => colleague.once('event-editors:changed', resolve));
  const moved = { kind: 'workshop', title: 'Atelier mutualisation', roomId: day.amphi, startsAt: day.at('2027-03-27', '14:00'), endsAt: day.at('2027-03-27', '15:30') };
  expect((await claire.put(`/api/events/${day.id}/sessions/${day.workshop}`, { ...moved, version: 1 })).body).toEqual({ ok: true, version: 2 });
  expect(await heard).toEqual({ eventId: day.id, part: 'sessions', itemId: day.workshop, by: 'Claire Martin', byId: expect.any(String) });

  const settings = new Promise<any>((resolve) => colleague.once('event-editors:changed', resolve));
  await claire.post(`/api/events/${day.id}/rooms`, { name: 'Salle Fourvière', capacity: 30 });
  expect(await settings).toMatchObject({ part: 'rooms', by: 'Claire Martin' });
  // Had the outsider been let in, the two changes would have been emitted to it in the same loop as to Sophie.
  expect(outsiderHeard).toBe(0);

  // Sophie is no longer an organiser: the next change does not reach her, though she had joined.
  let colleagueHeard = 0;
  colleague.on('event-editors:changed', () => { colleagueHeard++; });
  expect((await claire.put(`/api/events/${day.id}/organisers`, { userIds: [] })).status).toBe(200);
  const claireSocket = await connect(claire);
  expect(await join(claireSocket, { eventId: day.id })).toEqual({ ok: true });
  const claireHeard = new Promise<any>((resolve) => claireSocket.once('event-editors:changed', resolve));
  await claire.post(`/api/events/${day.id}/tracks`, { name: 'Parcours', colour: '#b3470c' });
  expect(await claireHeard).toMatchObject({ part: 'tracks' });
  expect(colleagueHeard).toBe(0);
  expect((await server.app.io.in(`event-editors:${day.id}`).fetchSockets()).map((s) => s.data.user.id)).not.toContain(sophieId);
  expect((await claire.put(`/api/events/${day.id}/organisers`, { userIds: [sophieId] })).status).toBe(200);
});

it('refuses a stale session update with a readable 409 and keeps the colleague’s change', async () => {
  const before = (await sophie.get(`/api/events/${day.id}`)).body.event.sessions.find((s: any) => s.id === day.opening);
  const base = { kind: before.kind, title: before.title, roomId: before.roomId, trackId: before.trackId, people: before.people, startsAt: before.startsAt, endsAt: before.endsAt };
  // Claire moves the opening; Sophie, still on the version she loaded, renames it.
  const claireMove = await claire.put(`/api/events/${day.id}/sessions/${day.opening}`, { ...base, startsAt: day.at('2027-03-27', '09:30'), endsAt: day.at('2027-03-27', '10:30'), version: before.version });
  expect(claireMove.status).toBe(200);
  const stale = await sophie.put(`/api/events/${day.id}/sessions/${day.opening}`, { ...base, title: 'Ouverture renommée', version: before.version });
  expect(stale.status).toBe(409);
  expect(stale.body).toMatchObject({ code: 'session_stale', message: "Cette session vient d'être modifiée par Claire Martin : voici la version à jour." });

  const stored = (await sophie.get(`/api/events/${day.id}`)).body.event.sessions.find((s: any) => s.id === day.opening);
  expect(stored).toMatchObject({ title: before.title, startsAt: day.at('2027-03-27', '09:30'), version: before.version + 1, updatedBy: 'Claire Martin' });
  // With the fresh version, Sophie's deliberate change goes through.
  const retry = await sophie.put(`/api/events/${day.id}/sessions/${day.opening}`, { ...base, startsAt: stored.startsAt, endsAt: stored.endsAt, title: 'Ouverture renommée', version: stored.version });
  expect(retry.body).toEqual({ ok: true, version: stored.version + 1 });
});
