import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { io, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { sessions } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { barrier, connect, createDocument, synced, waitFor, type CollabClient } from '../../collab/collab-clients';
import { collect, connectSocket, emitAck, openThread, clientId } from '../threads/fixtures';
import { encodeUpdate } from '../../../server/features/documents/collab/protocol';
import { hashToken } from '../../../server/core/tokens';

// Sessions end everywhere at once (issue 8, item 4): sign-out, a disabled account and expiry close
// the person's /collab and Socket.IO connections; their other sessions keep working.

let server: TestServer;
const cleanup: Array<() => void> = [];
beforeAll(async () => { server = await startServer(); });
afterEach(() => { while (cleanup.length) cleanup.pop()!(); });
afterAll(async () => { await server.close(); });

const SESSION_ENDED = 4401;
const sessionIdOf = (http: HttpClient) => hashToken(/maillage_session=([^;]+)/.exec(http.cookie)![1]);

/** A group with a writer signed in twice (two devices) and a colleague; a document and a thread in it. */
async function world() {
  const writer = await createUser(server.app, { name: 'Nadia Benali' });
  const colleague = await createUser(server.app, { name: 'Thomas Roux' });
  const group = createGroup(server.app, writer.id);
  addToGroup(server.app, group.id, writer.id, 'member');
  addToGroup(server.app, group.id, colleague.id, 'member');
  const [laptop, phone, other] = [await signIn(server.url, writer), await signIn(server.url, writer), await signIn(server.url, colleague)];
  const documentId = createDocument(server.app, group.id, writer.id).id;
  const { thread } = await openThread(other, { groupId: group.id });
  return { writer, colleague, laptop, phone, other, documentId, threadId: thread.id };
}

function editor(documentId: string, http: HttpClient): CollabClient {
  const client = connect(server.url, documentId, http.cookie);
  cleanup.push(() => client.destroy());
  return client;
}

async function threadSocket(http: HttpClient, threadId: string): Promise<Socket> {
  const socket = await connectSocket(server.url, http);
  cleanup.push(() => socket.disconnect());
  expect((await emitAck(socket, 'thread:join', { threadId })).ok).toBe(true);
  return socket;
}

const closedWith = (client: CollabClient) => client.closes.map((c) => c.code);
const content = async (http: HttpClient, documentId: string) => (await http.get(`/api/documents/${documentId}/content`)).body.html as string;

/** A raw y-websocket connection that can send an update at the moment the test chooses. */
async function rawConnection(documentId: string, http: HttpClient): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/collab/${documentId}`, { headers: { cookie: http.cookie } });
  cleanup.push(() => ws.terminate());
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return ws;
}

function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

describe('sign-out ends the live connections of that session', () => {
  it('closes /collab with 4401 and cuts Socket.IO at once; nothing sent afterwards is applied', async () => {
    const w = await world();
    const laptopEditor = editor(w.documentId, w.laptop);
    const phoneEditor = editor(w.documentId, w.phone);
    const colleagueEditor = editor(w.documentId, w.other);
    await Promise.all([synced(laptopEditor), synced(phoneEditor), synced(colleagueEditor)]);
    const raw = await rawConnection(w.documentId, w.laptop);
    const laptopSocket = await threadSocket(w.laptop, w.threadId);
    const phoneSocket = await threadSocket(w.phone, w.threadId);
    const laptopMessages = collect(laptopSocket, 'thread:message');
    const phoneMessages = collect(phoneSocket, 'thread:message');
    const laptopCut = new Promise<string>((resolve) => laptopSocket.once('disconnect', resolve));

    laptopEditor.type('Écrit avant la déconnexion');
    await barrier(laptopEditor, colleagueEditor);
    // A slow network: this client reads nothing until the test lets it, so it still writes after sign-out.
    const rawSocket = (raw as unknown as { _socket: import('node:net').Socket })._socket;
    rawSocket.pause();
    expect((await w.laptop.post('/api/auth/logout')).status).toBe(200);
    raw.send(encodeUpdate(paragraphUpdate('Écrit après la déconnexion')));
    const rawClosed = new Promise<number>((resolve) => raw.once('close', resolve));
    rawSocket.resume();
    // The server read that frame before the client's answer to its close frame (one TCP stream, in order).
    expect(await rawClosed).toBe(SESSION_ENDED);

    await waitFor(() => closedWith(laptopEditor).includes(SESSION_ENDED), 'the editor of the ended session to close', 1000);
    expect(laptopEditor.closes.find((c) => c.code === SESSION_ENDED)?.reason).toBe('Session terminée : veuillez vous reconnecter.');
    expect(await laptopCut).toBe('io server disconnect');

    // The person's other device and the colleague carry on, and see each other's edits.
    phoneEditor.type(' — suite sur le téléphone');
    await barrier(phoneEditor, colleagueEditor);
    expect(closedWith(phoneEditor)).toEqual([]);
    expect(colleagueEditor.text()).toContain('suite sur le téléphone');
    const stored = await content(w.other, w.documentId);
    expect(stored).toContain('Écrit avant la déconnexion');
    expect(stored).not.toContain('après la déconnexion');
    expect(colleagueEditor.text()).not.toContain('après la déconnexion');

    // A new thread message reaches the other session only.
    const posted = await w.other.post(`/api/threads/${w.threadId}/messages`, { body: 'Réunion jeudi', clientId: clientId() });
    expect(posted.status).toBe(201);
    await expect.poll(() => phoneMessages.map((m) => m.id)).toEqual([posted.body.message.id]);
    expect(laptopMessages).toEqual([]);
    expect(phoneSocket.connected).toBe(true);

    // The old cookie opens neither kind of connection again.
    const replay = io(server.url, { transports: ['websocket'], extraHeaders: { cookie: w.laptop.cookie }, reconnection: false, forceNew: true });
    cleanup.push(() => replay.disconnect());
    expect((await new Promise<Error>((resolve) => replay.once('connect_error', resolve))).message).toBe('unauthorized');
  });
});

describe('other ways a session ends', () => {
  async function connected(w: Awaited<ReturnType<typeof world>>, http: HttpClient) {
    const client = editor(w.documentId, http);
    await synced(client);
    const socket = await threadSocket(http, w.threadId);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    return { client, socket, cut };
  }

  it('a coordinator disabling the account closes every connection of it', async () => {
    const w = await world();
    const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
    const [laptop, phone] = [await connected(w, w.laptop), await connected(w, w.phone)];
    expect((await coordinator.patch(`/api/members/${w.writer.id}`, { disabled: true })).status).toBe(200);
    await waitFor(() => closedWith(laptop.client).includes(SESSION_ENDED) && closedWith(phone.client).includes(SESSION_ENDED), 'both editors to close', 1000);
    expect(await laptop.cut).toBe('io server disconnect');
    expect(await phone.cut).toBe('io server disconnect');
  });

  it('an expired session closes its connections within about a second, and only its own', async () => {
    const w = await world();
    const [laptop, phone] = [await connected(w, w.laptop), await connected(w, w.phone)];
    server.app.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionIdOf(w.laptop))).run();
    await waitFor(() => closedWith(laptop.client).includes(SESSION_ENDED), 'the expired session\'s editor to close', 3000);
    expect(await laptop.cut).toBe('io server disconnect');
    expect(closedWith(phone.client)).toEqual([]);
    expect(phone.socket.connected).toBe(true);
    expect((await w.phone.get('/api/auth/me')).body.user.id).toBe(w.writer.id);
  });

  it('"sign out everywhere else" (endAllOf with except) keeps the current device only', async () => {
    const w = await world();
    const [laptop, phone] = [await connected(w, w.laptop), await connected(w, w.phone)];
    server.app.sessions.endAllOf(w.writer.id, { except: sessionIdOf(w.phone) });
    await waitFor(() => closedWith(laptop.client).includes(SESSION_ENDED), 'the other device\'s editor to close', 1000);
    expect(await laptop.cut).toBe('io server disconnect');
    expect((await w.laptop.get('/api/auth/me')).body.user).toBeNull();
    expect(closedWith(phone.client)).toEqual([]);
    expect(phone.socket.connected).toBe(true);
  });
});

