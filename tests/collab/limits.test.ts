import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { addToGroup, createGroup, createUser } from '../helpers/factories';
import { connect, cookieOf, createDocument, socketClass, synced, waitFor, type CollabClient } from './collab-clients';

const MAX_MESSAGE = 64 * 1024;
let server: TestServer;
let documentId: string;
let otherDocumentId: string;
let cookie: string;
let groupId: string;
let creatorId: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer({ collab: { maxMessageBytes: MAX_MESSAGE, maxConnectionsPerDocument: 3, maxDocumentBytes: 50_000 } });
  const user = await createUser(server.app);
  const group = createGroup(server.app, user.id);
  groupId = group.id;
  creatorId = user.id;
  addToGroup(server.app, group.id, user.id, 'member');
  documentId = createDocument(server.app, group.id, user.id).id;
  otherDocumentId = createDocument(server.app, group.id, user.id).id;
  cookie = await cookieOf(server.url, user);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

/** A raw connection sending one frame; resolves with how the server closed it. */
function sendRaw(frame: Buffer | string, id = documentId): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const Ws = socketClass(cookie);
    const ws = new Ws(`${server.url.replace('http', 'ws')}/collab/${id}`);
    ws.on('open', () => ws.send(frame));
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', (err) => { if (!(err instanceof Error) || !/closed|ECONNRESET|EPIPE/.test(err.message)) reject(err); });
  });
}

const syncFrame = (syncType: number, payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return Buffer.from(encoding.toUint8Array(e));
};

describe('bad frames close that connection only', () => {
  it('closes malformed, unknown, textual and oversized frames with a reason while other documents go on', async () => {
    const bystander = connect(server.url, otherDocumentId, cookie);
    clients.push(bystander);
    await synced(bystander);

    expect(await sendRaw(Buffer.from([0, 2, 0xff, 0xff, 0xff]))).toMatchObject({ code: 4400 });
    expect(await sendRaw(Buffer.from([42]))).toEqual({ code: 4400, reason: 'Message refusé : type de message inconnu.' });
    expect(await sendRaw(syncFrame(2, new Uint8Array([9, 9, 9, 9, 9, 9])))).toEqual({ code: 4400, reason: 'Message refusé : mise à jour illisible.' });
    expect(await sendRaw(Buffer.from([1, 5, 1, 2, 3, 4, 5]))).toMatchObject({ code: 4400 });
    expect(await sendRaw('{"hello":"world"}')).toMatchObject({ code: 1003 });
    expect(await sendRaw(Buffer.alloc(MAX_MESSAGE + 1))).toMatchObject({ code: 1009 });

    const other = connect(server.url, otherDocumentId, cookie);
    clients.push(other);
    await synced(other);
    bystander.type('Toujours en ligne');
    await waitFor(() => other.text() === 'Toujours en ligne', 'the other document still works');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('refuses content past the document size limit, keeping what was there', async () => {
    const id = createDocument(server.app, groupId, creatorId).id;
    const writer = connect(server.url, id, cookie);
    const reader = connect(server.url, id, cookie);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    writer.type('Début du programme. ');
    await waitFor(() => reader.text() === 'Début du programme. ', 'first text');
    writer.type('x'.repeat(55_000));
    await waitFor(() => writer.closes.length > 0, 'the writer is closed');
    expect(writer.closes[0]).toEqual({ code: 4413, reason: 'Le document a atteint sa taille maximale : scindez-le en plusieurs documents.' });
    expect(reader.text()).toBe('Début du programme. ');
  });

  it('refuses connections past the per-document limit with a reason', async () => {
    const open = [0, 1, 2].map(() => connect(server.url, documentId, cookie));
    clients.push(...open);
    await Promise.all(open.map(synced));
    const Ws = socketClass(cookie);
    const extra = new Ws(`${server.url.replace('http', 'ws')}/collab/${documentId}`) as WebSocket;
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => extra.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    expect(closed).toEqual({ code: 1013, reason: 'Trop de personnes sont connectées à ce document.' });
  });
});
