import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { addToGroup, createGroup, createUser } from '../helpers/factories';
import { connect, cookieOf, createDocument, synced, waitFor, type CollabClient } from './collab-clients';

let server: TestServer;
let documentId: string;
let cookies: string[];
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
  const users = await Promise.all([createUser(server.app), createUser(server.app), createUser(server.app)]);
  const group = createGroup(server.app, users[0].id);
  for (const user of users) addToGroup(server.app, group.id, user.id, 'member');
  documentId = createDocument(server.app, group.id, users[0].id).id;
  cookies = await Promise.all(users.map((u) => cookieOf(server.url, u)));
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

describe('co-editing over /collab/<documentId>', () => {
  it('two stock clients co-edit and converge; a third joining later gets the full state', async () => {
    const alice = connect(server.url, documentId, cookies[0]);
    const bruno = connect(server.url, documentId, cookies[1]);
    clients.push(alice, bruno);
    await Promise.all([synced(alice), synced(bruno)]);

    alice.type('Éducation thérapeutique');
    await waitFor(() => bruno.text() === 'Éducation thérapeutique', 'bruno sees alice');
    bruno.type(' du patient');
    alice.type(' !');
    await waitFor(() => alice.text() === bruno.text() && alice.text().length === 'Éducation thérapeutique du patient !'.length, 'convergence');
    expect(alice.text()).toContain('Éducation thérapeutique');
    expect(alice.text()).toContain(' du patient');

    const chloe = connect(server.url, documentId, cookies[2]);
    clients.push(chloe);
    await synced(chloe);
    await waitFor(() => chloe.text() === alice.text(), 'late joiner has the full state');
  });

  it('shows each person under the name the server knows, whatever the client claims', async () => {
    const [alice, bruno] = clients;
    alice.provider.awareness.setLocalStateField('user', { name: 'Quelqu’un d’autre', color: '#000000' });
    const clock = alice.provider.awareness.meta.get(alice.doc.clientID)!.clock;
    await waitFor(() => bruno.provider.awareness.meta.get(alice.doc.clientID)?.clock === clock, 'the claimed name reaches bruno');
    const seen = bruno.provider.awareness.getStates().get(alice.doc.clientID)!.user;
    const me = await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: cookies[0] } })).json();
    expect(seen.name).toBe(me.user.name);
    expect(seen.id).toBe(me.user.id);
    expect(seen.color).toMatch(/^#[0-9a-f]{6}$/);
  });
});
