import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';

let server: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => { server = await startServer(); });
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

function connect(headers: Record<string, string>): Socket {
  const socket = io(server.url, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
  sockets.push(socket);
  return socket;
}
const outcome = (socket: Socket) => new Promise<string>((resolve) => {
  socket.once('connect', () => resolve('connected'));
  socket.once('connect_error', (err) => resolve(`refused: ${err.message}`));
});

describe('Socket.IO', () => {
  it('lets in a signed-in person and cuts them off when a coordinator disables the account', async () => {
    const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
    const user = await createUser(server.app);
    const client = await signIn(server.url, user);
    const socket = connect({ cookie: client.cookie, origin: server.url });
    expect(await outcome(socket)).toBe('connected');
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    expect((await coordinator.patch(`/api/members/${user.id}`, { disabled: true })).status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect(await outcome(connect({ cookie: client.cookie, origin: server.url }))).toBe('refused: unauthorized');
  });

  it('refuses visitors and pages of another site', async () => {
    expect(await outcome(connect({ origin: server.url }))).toBe('refused: unauthorized');
    const client = await signIn(server.url, await createUser(server.app));
    expect(await outcome(connect({ cookie: client.cookie, origin: 'https://evil.example' }))).toMatch(/^refused/);
  });
});

it('refuses WebSocket upgrades on paths nobody claimed', async () => {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/nowhere`);
  const status = await new Promise<number | string>((resolve) => {
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => resolve('open'));
    ws.once('error', (err) => resolve(err.message));
  });
  expect(status).toBe(404);
});
