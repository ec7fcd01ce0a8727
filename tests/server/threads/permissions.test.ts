import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup } from '../../helpers/factories';
import { clientId, collect, connectSocket, createCategory, emitAck, groupWorld, openThread } from './fixtures';

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
let threadId: string;

beforeAll(async () => {
  server = await startServer();
  world = await groupWorld(server.app, server.url, 'private');
  ({ thread: { id: threadId } } = await openThread(world.http.member, { groupId: world.group.id }, 'Programme type lombalgie', 'Éducation thérapeutique et mutualisation'));
});
afterAll(async () => server?.close());

describe('a private group thread', () => {
  it('is out of reach of an association account over REST, Socket.IO and search', async () => {
    const { association } = world.http;
    expect((await association.get(`/api/threads/${threadId}`)).status).toBe(404);
    expect((await association.get(`/api/threads/${threadId}/messages`)).status).toBe(404);
    expect((await association.get(`/api/threads?groupId=${world.group.id}`)).status).toBe(404);
    expect((await association.post(`/api/threads/${threadId}/messages`, { body: 'Bonjour', clientId: clientId() })).status).toBe(404);
    const socket = await connectSocket(server.url, association);
    const ack = await emitAck(socket, 'thread:join', { threadId });
    expect(ack.ok).toBe(false);
    const received = collect(socket, 'thread:message');
    await world.http.member.post(`/api/threads/${threadId}/messages`, { body: 'Message privé', clientId: clientId() });
    const search = await association.get('/api/threads/search?q=mutualisation');
    expect(search.status).toBe(200);
    expect(search.body.messages).toEqual([]);
    expect(search.body.threads).toEqual([]);
    expect(received).toEqual([]);
    socket.close();
    // …while a member finds it, accents folded.
    const found = await world.http.member.get('/api/threads/search?q=education%20therapeutique');
    expect(found.body.messages.map((m: { threadId: string }) => m.threadId)).toContain(threadId);
    expect((await world.http.outsider.get('/api/threads/search?q=lombalgie')).body.threads).toEqual([]);
  });

  it('refuses a socket payload that is not what the schema says, without crashing', async () => {
    const socket = await connectSocket(server.url, world.http.member);
    for (const bad of [null, 42, 'x', { threadId: 5 }, { threadId: 'a'.repeat(500) }]) {
      expect((await emitAck(socket, 'thread:join', bad)).ok).toBe(false);
    }
    expect((await emitAck(socket, 'thread:join', { threadId })).ok).toBe(true);
    socket.close();
  });

  it('lets an observer read but not post', async () => {
    const { observer } = world.http;
    expect((await observer.get(`/api/threads/${threadId}`)).body.thread.canPost).toBe(false);
    const res = await observer.post(`/api/threads/${threadId}/messages`, { body: 'Je peux ?', clientId: clientId() });
    expect(res.status).toBe(403);
    expect((await observer.post('/api/threads', { groupId: world.group.id, title: 'Nouvelle discussion', body: 'x', clientId: clientId() })).status).toBe(403);
  });

  it('refuses posts from a person muted in the group until the lead unmutes them', async () => {
    const { lead, member } = world.http;
    expect((await member.post('/api/threads/mutes', { groupId: world.group.id, userId: world.people.lead.id })).status).toBe(403);
    expect((await lead.post('/api/threads/mutes', { groupId: world.group.id, userId: world.people.member.id })).status).toBe(200);
    const res = await member.post(`/api/threads/${threadId}/messages`, { body: 'Encore moi', clientId: clientId() });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/suspendu/);
    expect((await member.get(`/api/threads/${threadId}`)).body.thread.muted).toBe(true);
    await lead.post('/api/threads/mutes/remove', { groupId: world.group.id, userId: world.people.member.id });
    expect((await member.post(`/api/threads/${threadId}/messages`, { body: 'De retour', clientId: clientId() })).status).toBe(201);
  });

  it('refuses replies once locked; only moderators lock, pin and move', async () => {
    const { lead, member } = world.http;
    expect((await member.patch(`/api/threads/${threadId}`, { locked: true })).status).toBe(403);
    const locked = await lead.patch(`/api/threads/${threadId}`, { locked: true, pinned: true });
    expect(locked.body.thread).toMatchObject({ locked: true, pinned: true });
    const res = await member.post(`/api/threads/${threadId}/messages`, { body: 'Une dernière chose', clientId: clientId() });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/verrouillée/);
    await lead.patch(`/api/threads/${threadId}`, { locked: false });
    expect((await member.post(`/api/threads/${threadId}/messages`, { body: 'Merci', clientId: clientId() })).status).toBe(201);
  });

  it('moves a thread only to a place the moderator also moderates', async () => {
    const other = createGroup(server.app, world.people.coordinator.id, { visibility: 'private' });
    const { thread } = await openThread(world.http.member, { groupId: world.group.id }, 'À déplacer');
    expect((await world.http.lead.post(`/api/threads/${thread.id}/move`, { groupId: other.id })).status).toBe(403);
    addToGroup(server.app, other.id, world.people.lead.id, 'lead');
    const moved = await world.http.lead.post(`/api/threads/${thread.id}/move`, { groupId: other.id });
    expect(moved.body.thread.groupId).toBe(other.id);
    expect((await world.http.member.get(`/api/threads/${thread.id}`)).status).toBe(404);
  });
});

describe('forum categories', () => {
  it('follow what coordinators decide for association accounts', async () => {
    const { coordinator, association, member } = world.http;
    const created = await coordinator.post('/api/threads/categories', { name: 'Annonces', readOnly: true });
    expect(created.status).toBe(201);
    expect((await member.post('/api/threads/categories', { name: 'Pirate' })).status).toBe(403);
    const announcements = created.body.categories.find((c: { name: string }) => c.name === 'Annonces');
    const closed = createCategory(server.app, world.people.coordinator.id, { name: 'Entre professionnels', associationsRead: false });
    const readOnlyForAssociations = createCategory(server.app, world.people.coordinator.id, { name: 'Retours', associationsPost: false });

    const { thread } = await openThread(coordinator, { categoryId: announcements.id }, 'Journée régionale 2027');
    expect((await member.post(`/api/threads/${thread.id}/messages`, { body: 'Super', clientId: clientId() })).status).toBe(403);
    expect((await association.get(`/api/threads/${thread.id}`)).status).toBe(200);

    const pro = await openThread(member, { categoryId: closed.id }, 'Entre nous');
    expect((await association.get(`/api/threads/${pro.thread.id}`)).status).toBe(404);
    const names = (await association.get('/api/threads/categories')).body.categories.map((c: { name: string }) => c.name);
    expect(names).toContain('Annonces');
    expect(names).not.toContain('Entre professionnels');

    const feedback = await openThread(member, { categoryId: readOnlyForAssociations.id }, 'Vos retours');
    expect((await association.get(`/api/threads/${feedback.thread.id}`)).status).toBe(200);
    expect((await association.post(`/api/threads/${feedback.thread.id}/messages`, { body: 'Merci', clientId: clientId() })).status).toBe(403);

    // A coordinator reopens it: the association may now post.
    await coordinator.put(`/api/threads/categories/${readOnlyForAssociations.id}`, { name: 'Retours', associationsPost: true });
    expect((await association.post(`/api/threads/${feedback.thread.id}/messages`, { body: 'Merci', clientId: clientId() })).status).toBe(201);
  });
});
