import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { groupMembers } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { clientId, groupWorld, openThread } from './fixtures';

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;

beforeAll(async () => {
  server = await startServer();
  world = await groupWorld(server.app, server.url, 'private');
});
afterAll(async () => server?.close());

const setRole = (userId: string, role: 'lead' | 'member' | 'observer') =>
  server.app.db.update(groupMembers).set({ role }).where(and(eq(groupMembers.groupId, world.group.id), eq(groupMembers.userId, userId))).run();

describe('editing a message needs the right to post today', () => {
  it('refuses an edit from someone who has become an observer, and accepts it again once they may post', async () => {
    const { thread, message } = await openThread(world.http.member, { groupId: world.group.id }, 'Calendrier', 'Réunion le 12');
    setRole(world.people.member.id, 'observer');
    const refused = await world.http.member.patch(`/api/threads/messages/${message.id}`, { body: 'Réunion le 13' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/plus y écrire/);
    const page = await world.http.lead.get(`/api/threads/${thread.id}/messages`);
    expect(page.body.messages[0].html).toContain('Réunion le 12');
    setRole(world.people.member.id, 'member');
    expect((await world.http.member.patch(`/api/threads/messages/${message.id}`, { body: 'Réunion le 13' })).status).toBe(200);
  });

  it('refuses edits in a locked thread, except a moderator correcting their own words', async () => {
    const { thread, message } = await openThread(world.http.member, { groupId: world.group.id }, 'Décision', 'Nous choisissons A');
    const reply = await world.http.lead.post(`/api/threads/${thread.id}/messages`, { body: 'Validé par l’animation', clientId: clientId() });
    expect((await world.http.lead.patch(`/api/threads/${thread.id}`, { locked: true })).status).toBe(200);

    const refused = await world.http.member.patch(`/api/threads/messages/${message.id}`, { body: 'Nous choisissons B' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/verrouillée/);
    const history = await world.http.lead.get(`/api/threads/messages/${message.id}/history`);
    expect(history.body.versions).toEqual([]);

    expect((await world.http.lead.patch(`/api/threads/messages/${reply.body.message.id}`, { body: 'Validé par l’animation le 3 mars' })).status).toBe(200);
    // Moderation is unchanged: the lead may still hide the member's message.
    expect((await world.http.lead.post(`/api/threads/messages/${message.id}/hide`, { reason: 'Hors sujet' })).status).toBe(200);
  });
});

describe('ids outside one’s reach', () => {
  it('answer exactly as ids that do not exist, on every message route', async () => {
    const { message } = await openThread(world.http.member, { groupId: world.group.id }, 'Privé', 'Dans le groupe seulement');
    const missing = message.id + 100_000;
    const { outsider } = world.http;
    const attempts: Array<[string, (id: number) => Promise<{ status: number; body: unknown }>]> = [
      ['edit', (id) => outsider.patch(`/api/threads/messages/${id}`, { body: 'x' })],
      ['delete', (id) => outsider.delete(`/api/threads/messages/${id}`)],
      ['history', (id) => outsider.get(`/api/threads/messages/${id}/history`)],
      ['reaction', (id) => outsider.post(`/api/threads/messages/${id}/reactions`, { emoji: '👍' })],
      ['report', (id) => outsider.post(`/api/threads/messages/${id}/report`, { reason: 'Pour voir' })],
      ['hide', (id) => outsider.post(`/api/threads/messages/${id}/hide`, { reason: 'Pour voir' })],
    ];
    for (const [route, call] of attempts) {
      const hidden = await call(message.id);
      const absent = await call(missing);
      expect({ route, status: hidden.status, body: hidden.body }).toEqual({ route, status: 404, body: absent.body });
      expect(absent.body).toEqual({ statusCode: 404, code: 'not_found', message: 'Ce message est introuvable.' });
    }
  });

  it('answer exactly as unknown threads when moderating one', async () => {
    const { thread } = await openThread(world.http.member, { groupId: world.group.id }, 'Privé aussi');
    const { outsider } = world.http;
    const hidden = await outsider.patch(`/api/threads/${thread.id}`, { pinned: true });
    const absent = await outsider.patch('/api/threads/00000000-0000-0000-0000-000000000000', { pinned: true });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(absent.body);
    const moved = await outsider.post(`/api/threads/${thread.id}/move`, { groupId: world.group.id });
    expect(moved.body).toEqual((await outsider.post('/api/threads/00000000-0000-0000-0000-000000000000/move', { groupId: world.group.id })).body);
  });
});
