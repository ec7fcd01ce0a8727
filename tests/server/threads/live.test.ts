import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { groupMembers } from '../../../db/schema/index';
import { addToGroup, createGroup } from '../../helpers/factories';
import { startServer, type TestServer } from '../../helpers/server';
import { clientId, collect, connectSocket, emitAck, groupWorld, openThread } from './fixtures';

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
let threadId: string;

beforeAll(async () => {
  server = await startServer();
  world = await groupWorld(server.app, server.url, 'platform');
  ({ thread: { id: threadId } } = await openThread(world.http.lead, { groupId: world.group.id }));
});
afterAll(async () => server?.close());

const post = (who: 'lead' | 'member', body: string) =>
  world.http[who].post(`/api/threads/${threadId}/messages`, { body, clientId: clientId() });

it('delivers new messages, edits, reactions and typing to everyone in the thread room', async () => {
  const reader = await connectSocket(server.url, world.http.observer);
  const writer = await connectSocket(server.url, world.http.member);
  expect((await emitAck(reader, 'thread:join', { threadId })).ok).toBe(true);
  expect((await emitAck(writer, 'thread:join', { threadId })).ok).toBe(true);
  const messages = collect(reader, 'thread:message');
  const updates = collect(reader, 'thread:message-updated');
  const typing = collect(reader, 'thread:typing');

  writer.emit('thread:typing', { threadId });
  await expect.poll(() => typing).toEqual([{ threadId, user: { id: world.people.member.id, name: 'Personne member' } }]);

  const sent = (await post('member', 'Nouveau **message**')).body.message;
  await expect.poll(() => messages.map((m) => m.id)).toEqual([sent.id]);
  expect(messages[0].html).toContain('<strong>message</strong>');

  await world.http.member.patch(`/api/threads/messages/${sent.id}`, { body: 'Message corrigé' });
  await world.http.lead.post(`/api/threads/messages/${sent.id}/reactions`, { emoji: '🎉' });
  await expect.poll(() => updates.length).toBe(2);
  expect(updates[0].source).toBe('Message corrigé');
  expect(updates[1].reactions).toEqual([{ emoji: '🎉', userIds: [world.people.lead.id] }]);
  reader.close();
  writer.close();
});

it('broadcasts "typing" only from people who may reply, from inside the room', async () => {
  const listener = await connectSocket(server.url, world.http.lead);
  const observer = await connectSocket(server.url, world.http.observer);
  const member = await connectSocket(server.url, world.http.member);
  await emitAck(listener, 'thread:join', { threadId });
  await emitAck(observer, 'thread:join', { threadId });
  const typing = collect(listener, 'thread:typing');
  observer.emit('thread:typing', { threadId }); // an observer may read, not write
  member.emit('thread:typing', { threadId }); // not joined: ignored
  await emitAck(member, 'thread:join', { threadId });
  member.emit('thread:typing', { threadId });
  await expect.poll(() => typing.map((e) => e.user.id)).toEqual([world.people.member.id]);
  for (const s of [listener, observer, member]) s.close();
});

it('tells the unread counters of a group that a thread moved on', async () => {
  const watcher = await connectSocket(server.url, world.http.observer);
  expect((await emitAck(watcher, 'threads:subscribe', {})).ok).toBe(true);
  const activity = collect(watcher, 'threads:activity');
  const sent = (await post('lead', 'Ordre du jour de la réunion')).body.message;
  await expect.poll(() => activity.flat().map((a) => a.messageId)).toEqual([sent.id]);
  expect(activity[0][0]).toMatchObject({ threadId, groupId: world.group.id, authorId: world.people.lead.id, at: sent.createdAt });
  const summary = await world.http.observer.get(`/api/threads?groupId=${world.group.id}`);
  expect(summary.body.threads.find((t: { id: string }) => t.id === threadId).unread).toBeGreaterThan(0);
  await world.http.observer.post(`/api/threads/${threadId}/read`, { messageId: sent.id });
  const after = await world.http.observer.get(`/api/threads?groupId=${world.group.id}`);
  expect(after.body.threads.find((t: { id: string }) => t.id === threadId).unread).toBe(0);
  watcher.close();
});

it('counts unread in a group joined after the connection opened', async () => {
  const other = createGroup(server.app, world.people.coordinator.id, { visibility: 'private' });
  const { thread } = await openThread(world.http.coordinator, { groupId: other.id }, 'Nouveau groupe');
  const watcher = await connectSocket(server.url, world.http.outsider);
  await emitAck(watcher, 'threads:subscribe', {});
  const activity = collect(watcher, 'threads:activity');
  addToGroup(server.app, other.id, world.people.outsider.id, 'member');
  server.app.bus.emit('group.access.changed', { groupId: other.id, userId: world.people.outsider.id });
  const sent = await world.http.coordinator.post(`/api/threads/${thread.id}/messages`, { body: 'Bienvenue', clientId: clientId() });
  await expect.poll(() => activity.flat().map((a) => a.messageId)).toEqual([sent.body.message.id]);
  watcher.close();
});

it('tells of every message of a burst once, however the room gathers them', async () => {
  const watcher = await connectSocket(server.url, world.http.observer);
  await emitAck(watcher, 'threads:subscribe', {});
  const emissions = collect(watcher, 'threads:activity');
  const sent = (await Promise.all(Array.from({ length: 6 }, (_, i) => post(i % 2 ? 'lead' : 'member', `Rafale ${i}`)))).map((r) => r.body.message.id);
  await expect.poll(() => emissions.flat().map((a) => a.messageId).sort((a, b) => a - b)).toEqual([...sent].sort((a, b) => a - b));
  expect(emissions.flat()).toHaveLength(sent.length);
  watcher.close();
});

it('after a reconnect, catching up from the last id shows every missed message once', async () => {
  const seen = new Map<number, number>();
  const note = (m: { id: number }) => seen.set(m.id, (seen.get(m.id) ?? 0) + 1);
  let socket = await connectSocket(server.url, world.http.observer);
  socket.on('thread:message', note);
  await emitAck(socket, 'thread:join', { threadId });
  const before = (await post('member', 'Avant la coupure')).body.message;
  await expect.poll(() => seen.has(before.id)).toBe(true);
  socket.close();

  const missed = [];
  for (let i = 0; i < 3; i++) missed.push((await post('member', `Pendant la coupure ${i}`)).body.message.id);

  // What the client does on reconnect: join again, then fetch everything after its last id.
  socket = await connectSocket(server.url, world.http.observer);
  socket.on('thread:message', note);
  await emitAck(socket, 'thread:join', { threadId });
  const lastId = Math.max(...seen.keys());
  const catchUp = await world.http.observer.get(`/api/threads/${threadId}/messages?after=${lastId}`);
  catchUp.body.messages.forEach(note);
  const after = (await post('member', 'Après la reconnexion')).body.message;
  await expect.poll(() => seen.has(after.id)).toBe(true);
  expect(missed.every((id) => seen.get(id) === 1)).toBe(true);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  socket.close();
});

it('stops live delivery the moment a person leaves the group', async () => {
  const outsider = await connectSocket(server.url, world.http.outsider);
  expect((await emitAck(outsider, 'thread:join', { threadId })).ok).toBe(false);
  outsider.close();

  const leaving = await connectSocket(server.url, world.http.observer);
  const staying = await connectSocket(server.url, world.http.lead);
  await emitAck(leaving, 'thread:join', { threadId });
  await emitAck(staying, 'thread:join', { threadId });
  const leavingGot = collect(leaving, 'thread:message');
  const stayingGot = collect(staying, 'thread:message');
  server.app.db.delete(groupMembers).where(and(eq(groupMembers.groupId, world.group.id), eq(groupMembers.userId, world.people.observer.id))).run();
  server.app.bus.emit('group.access.changed', { groupId: world.group.id, userId: world.people.observer.id });
  const sent = (await post('member', 'Après le départ')).body.message;
  await expect.poll(() => stayingGot.map((m) => m.id)).toEqual([sent.id]);
  expect(leavingGot).toEqual([]);
  leaving.close();
  staying.close();
});
