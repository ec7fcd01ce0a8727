import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { THREAD_EVENTS } from '../shared/threads.schema';
import { percentile } from './scenario';
import { compiled } from './servers';

/**
 * Thread message fan-out: MEMBERS people have one thread open (a Socket.IO connection each, in
 * the thread's room) and one person posts; how long until each of them has the message, and how
 * many messages a second reach everyone. Ours: the real post route (validation, SQLite, Markdown,
 * rate limit) of the real server; the reference: a bare Socket.IO server whose post route
 * broadcasts the same message object to the same room. Each message is posted once the previous
 * one reached everyone, so a latency is the fan-out alone, never a queue behind the previous one.
 * Both servers' rooms are open at once and measured in alternating rounds. Each server in its own
 * process; the clients and the posters share this one. Loopback only.
 */
const LEVELS = (process.env.BENCH_FANOUT_MEMBERS ?? '200,1000').split(',').map(Number).filter((n) => n > 0);
// MESSAGES per side and level, posted in ROUNDS alternating rounds. Each poster stays below the
// per-account rate of posting (30 a minute), as a person would: POSTERS take turns.
const MESSAGES = 60;
const ROUNDS = 4;
const POSTERS = 3;
const WARM_UP = 3;

interface World { url: string; threadId: string; cookies: string[] }

/** Both servers of this file run compiled as production is (servers.ts). */
function start(args: string[]): Promise<{ child: ChildProcess; world: World }> {
  const child = spawn(process.execPath, [compiled('bench/thread-fanout.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, world: JSON.parse(line) as World }));
    child.once('exit', (code) => reject(new Error(`thread-fanout server exited (${code})`)));
  });
}

function connectMember(world: World, cookie: string): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = io(world.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, timeout: 60_000 });
    socket.once('connect_error', reject);
    socket.once('connect', () => socket.emit('thread:join', { threadId: world.threadId }, (ack: { ok: boolean; error?: string }) => (
      ack.ok ? resolve(socket) : reject(new Error(`thread:join refused: ${ack.error}`)))));
  });
}

/** Members join a hundred at a time, as people arrive: a thousand handshakes at once time out on a busy machine. */
async function connectMembers(world: World, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 100) {
    sockets.push(...await Promise.all(world.cookies.slice(i, Math.min(count, i + 100)).map((cookie) => connectMember(world, cookie))));
  }
  return sockets;
}

interface Room {
  /** Posts one message and waits until every member has it. */
  post(clientId: string): Promise<void>;
  /** Time from each post to each member, in ms. */
  latencies: number[];
  close(): void;
}

/** `count` members in the thread's room; posters outside it take turns, one message at a time. */
async function openRoom(world: World, count: number, posters: string[]): Promise<Room> {
  const sockets = await connectMembers(world, count);
  const sentAt = new Map<string, number>();
  const received = new Map<string, number>();
  const latencies: number[] = [];
  let delivered: () => void = () => undefined;
  for (const socket of sockets) {
    socket.on(THREAD_EVENTS.message, (message: { clientId: string }) => {
      const sent = sentAt.get(message.clientId);
      if (sent === undefined) return;
      latencies.push(performance.now() - sent);
      const n = (received.get(message.clientId) ?? 0) + 1;
      received.set(message.clientId, n);
      if (n === count) delivered();
    });
  }
  let turn = 0;
  return {
    latencies,
    async post(clientId) {
      const everyone = new Promise<void>((resolve) => { delivered = resolve; });
      sentAt.set(clientId, performance.now());
      const res = await fetch(`${world.url}/api/threads/${world.threadId}/messages`, {
        method: 'POST', headers: { cookie: posters[turn++ % posters.length], origin: world.url, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Compte rendu de l’atelier, point ${clientId}.`, clientId }),
      });
      if (!res.ok) throw new Error(`fan-out: post refused (${res.status} ${await res.text()})`);
      await everyone;
    },
    close: () => { for (const socket of sockets) socket.disconnect(); },
  };
}

export async function threadFanOutRows() {
  const most = Math.max(...LEVELS);
  const accounts = most + LEVELS.length * POSTERS;
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-fanout-'));
  const ours = await start(['ours', String(accounts)]);
  let bare: Awaited<ReturnType<typeof start>> | null = null;
  try {
    // The reference broadcasts the very object our server sends: one of ours, captured.
    const [probe] = await connectMembers(ours.world, 1);
    const captured = new Promise<unknown>((resolve) => probe.once(THREAD_EVENTS.message, resolve));
    const res = await fetch(`${ours.world.url}/api/threads/${ours.world.threadId}/messages`, {
      method: 'POST', headers: { cookie: ours.world.cookies[most], origin: ours.world.url, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Compte rendu de l’atelier, point modèle.', clientId: 'fanout-template' }),
    });
    if (!res.ok) throw new Error(`fan-out: template post refused (${res.status})`);
    writeFileSync(join(dir, 'message.json'), JSON.stringify(await captured));
    probe.disconnect();
    bare = await start(['bare', join(dir, 'message.json'), String(accounts)]);
    const rows = [];
    for (const [i, members] of LEVELS.entries()) {
      // Posters are the last accounts, POSTERS per level, never in the room.
      const posters = (world: World) => world.cookies.slice(most + i * POSTERS, most + (i + 1) * POSTERS);
      const sides = [
        { name: 'Maillage (post route, SQLite, then the room)', room: await openRoom(ours.world, members, posters(ours.world)), seconds: 0 },
        { name: 'bare Socket.IO (same object to the room)', room: await openRoom(bare.world, members, posters(bare.world)), seconds: 0 },
      ];
      try {
        for (const side of sides) {
          for (let w = 0; w < WARM_UP; w++) await side.room.post(`fanout-${members}-warm-${w}`);
          side.room.latencies.length = 0;
        }
        // Alternating rounds, the order turning: a burst of load elsewhere falls on both sides alike.
        for (let round = 0; round < ROUNDS; round++) {
          for (let k = 0; k < sides.length; k++) {
            const side = sides[(round + k) % sides.length];
            const t0 = performance.now();
            for (let m = 0; m < MESSAGES / ROUNDS; m++) await side.room.post(`fanout-${members}-${round}-${m}`);
            side.seconds += (performance.now() - t0) / 1000;
          }
        }
        for (const side of sides) {
          const sorted = side.room.latencies.sort((a, b) => a - b);
          const p99 = percentile(sorted, 99);
          const perSecond = MESSAGES / side.seconds;
          rows.push({
            server: side.name, members, 'p50 ms': percentile(sorted, 50).toFixed(1), 'p99 ms': p99.toFixed(1),
            'messages/s to everyone': perSecond.toFixed(1), 'deliveries/s': Math.round(perSecond * members), deliveries: sorted.length,
            p99, perSecond,
          });
        }
      } finally {
        for (const side of sides) side.room.close();
      }
    }
    return rows;
  } finally {
    bare?.child.kill('SIGTERM');
    ours.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our server with `count` people in one group and a thread, as `npm run load` seeds them. */
async function serveOurs(count: number) {
  const { seedLoad } = await import('./load-seed');
  const { buildApp } = await import('../server/app');
  const { configFromEnv } = await import('../server/core/config');
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-fanout-'));
  const world = await seedLoad(dataDir, count);
  const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir, DEMO: '0' }), clientDir: null, logLevel: 'warn', port: 0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  app.config.publicUrl = url;
  console.log(JSON.stringify({ url, threadId: world.threadIds[0], cookies: world.people.map((p) => p.cookie) } satisfies World));
  process.once('SIGTERM', () => void app.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }));
}

/** Socket.IO alone: joining a room is granted, a post is broadcast to it as received. */
function serveBare(file: string, count: number) {
  const template = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { clientId } = JSON.parse(Buffer.concat(chunks).toString()) as { clientId: string };
      const message = { ...template, clientId };
      sockets.to(`thread:${req.url!.split('/')[3]}`).emit(THREAD_EVENTS.message, message);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
    });
  });
  const sockets = new Server(server);
  sockets.on('connection', (socket) => socket.on('thread:join', ({ threadId }: { threadId: string }, ack: (r: unknown) => void) => {
    void socket.join(`thread:${threadId}`);
    ack({ ok: true });
  }));
  server.listen(0, '127.0.0.1', () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    console.log(JSON.stringify({ url, threadId: 'fanout', cookies: Array.from({ length: count }, () => '') } satisfies World));
  });
  process.once('SIGTERM', () => process.exit(0));
}

if (process.argv[2] === 'ours') await serveOurs(Number(process.argv[3]));
else if (process.argv[2] === 'bare') serveBare(process.argv[3], Number(process.argv[4]));
