import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../helpers/factories';
import { groupMembers, users } from '../../db/schema/index';
import { barrier, connect, cookieOf, createDocument, synced, waitFor, type CollabClient } from './collab-clients';
import type { GroupRole } from '../../shared/roles';

let server: TestServer;
let groupId: string;
let documentId: string;
let lead: TestUser;
let people: TestUser[];
let cookies: Map<string, string>;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
  lead = await createUser(server.app);
  people = await Promise.all([createUser(server.app), createUser(server.app), createUser(server.app)]);
  groupId = createGroup(server.app, lead.id).id;
  addToGroup(server.app, groupId, lead.id, 'lead');
  for (const p of people) addToGroup(server.app, groupId, p.id, 'member');
  documentId = createDocument(server.app, groupId, lead.id).id;
  cookies = new Map(await Promise.all([lead, ...people].map(async (u) => [u.id, await cookieOf(server.url, u)] as const)));
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

const open = async (user: TestUser, id = documentId) => {
  const client = connect(server.url, id, cookies.get(user.id)!);
  clients.push(client);
  await synced(client);
  return client;
};
const setRole = (userId: string, role: GroupRole | null) => {
  const where = and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId));
  if (role) server.app.db.update(groupMembers).set({ role }).where(where).run();
  else server.app.db.delete(groupMembers).where(where).run();
  server.app.bus.emit('group.access.changed', { groupId, userId });
};

describe('access changes reach open connections at once', () => {
  it('cuts off a member removed while connected, with a reason, and they do not come back', async () => {
    const leader = await open(lead);
    const removed = await open(people[0]);
    setRole(people[0].id, null);
    await waitFor(() => removed.closes.length > 0, 'the removed member is closed');
    expect(removed.closes[0]).toEqual({ code: 4403, reason: "Vous n'avez plus accès à ce document." });
    // 44xx: the stock client gives up instead of knocking again.
    expect(removed.provider.shouldConnect).toBe(false);
    leader.type('toujours là');
  });

  it('makes a downgraded member read-only on the same connection', async () => {
    const leader = clients[0];
    const downgraded = await open(people[1]);
    await waitFor(() => downgraded.text() === 'toujours là', 'synced');
    setRole(people[1].id, 'observer');
    downgraded.type(' — refusé');
    await barrier(downgraded, leader);
    leader.type(' ensuite');
    await waitFor(() => downgraded.text().includes(' ensuite'), 'the observer still sees changes');
    expect(leader.text()).toBe('toujours là ensuite');
    expect(downgraded.provider.wsconnected).toBe(true);
  });

  it('closes the connections of a disabled account', async () => {
    const client = await open(people[2]);
    server.app.db.update(users).set({ disabled: true }).where(eq(users.id, people[2].id)).run();
    server.app.bus.emit('user.access.changed', { userId: people[2].id });
    await waitFor(() => client.closes.length > 0, 'the disabled account is closed');
    expect(client.closes[0].code).toBe(4403);
  });

  it('closes every connection of a document sent to the trash', async () => {
    const other = createDocument(server.app, groupId, lead.id).id;
    const client = await open(lead, other);
    server.app.bus.emit('document.removed', { documentId: other });
    await waitFor(() => client.closes.length > 0, 'closed on removal');
    expect(client.closes[0]).toEqual({ code: 4404, reason: 'Ce document a été supprimé.' });
  });
});
