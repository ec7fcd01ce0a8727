import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { applyActivity, readActivity, spreadDelayMs } from '../shared/threads.activity';
import { THREAD_EVENTS } from '../shared/threads.schema';
import { seedLoad, type LoadWorld } from './load-seed';

/**
 * `npm run load`: simulated people at growing levels against the server in its own process (the
 * compiled one `npm start` runs), the load generated on this machine. Each person is in one large
 * group, keeps a Socket.IO connection (unread counts, one thread open), reads the group's
 * discussions and a thread, posts every two minutes on average and, like the real page, keeps
 * the list's counts from the group's activity. Visitors read the public agenda.
 * Per level: requests/s, mean, p50, p99, errors and server memory; the verdict uses Mattermost's
 * thresholds (mean < 100 ms, p99 < 2 s, errors < 0.025 %).
 */
const LEVELS = (process.env.LOAD_LEVELS ?? '250,500,1000,1500,2000').split(',').map(Number).filter((n) => n > 0);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const POST_EVERY_S = 120;
const READ_EVERY_S = 30;
const TIMEOUT_MS = 10_000;
const THRESHOLDS = { meanMs: 100, p99Ms: 2000, errorRate: 0.00025 };

interface Sample { ms: number; ok: boolean }
let samples: Sample[] = [];

async function call(base: string, path: string, init: { cookie?: string; method?: string; body?: unknown } = {}): Promise<unknown> {
  const t0 = performance.now();
  try {
    const res = await fetch(base + path, {
      method: init.method ?? 'GET',
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body ? { 'content-type': 'application/json', origin: base } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.arrayBuffer();
    samples.push({ ms: performance.now() - t0, ok: res.ok });
    return body;
  } catch {
    samples.push({ ms: performance.now() - t0, ok: false });
    return null;
  }
}

const freePort = () => new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});

async function startServer(dataDir: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  // LOAD_SERVER_ARGS: node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const child = spawn(process.execPath, [...(process.env.LOAD_SERVER_ARGS?.split(' ').filter(Boolean) ?? []), 'scripts/start.mjs'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', DEMO: '0', METRICS_TOKEN },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return { base, child };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('load: the server did not start');
}

/** CPU time a process has used so far, in ms (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The server's own metrics, to read how late its event loop ran (prom-client resets the lag at each read). */
const METRICS_TOKEN = randomBytes(24).toString('hex');
async function eventLoopLagMs(base: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p99: read('nodejs_eventloop_lag_p99_seconds'), max: read('nodejs_eventloop_lag_max_seconds') };
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** One simulated person: what the discussions page of the client does, at a person's pace. */
function person(base: string, world: LoadWorld, index: number) {
  const { cookie, userId } = world.people[index];
  const thread = world.threadIds[index % world.threadIds.length];
  const listPath = `/api/threads?groupId=${world.groupId}`;
  let reload: ReturnType<typeof setTimeout> | undefined;
  const socket: Socket = io(base, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: true });
  socket.on('connect', () => {
    socket.emit('threads:subscribe', {}, () => undefined);
    socket.emit('thread:join', { threadId: thread }, () => undefined);
  });
  // What the list page does with the group's activity (client/features/threads/views): counts it
  // in the list it holds, and reads the list again only for a thread it does not hold.
  let list = world.threadIds.map((id) => ({ id, pinned: false, messageCount: 1, lastMessageAt: '', unread: 0 }));
  const onActivity = (payload: unknown) => {
    const next = applyActivity(list, readActivity(payload), userId);
    list = next.threads;
    if (!next.unknown) return;
    clearTimeout(reload);
    reload = setTimeout(() => void call(base, listPath, { cookie }), spreadDelayMs());
  };
  socket.on(THREAD_EVENTS.activity, onActivity);
  let n = 0;
  const tick = setInterval(() => {
    // Reading a thread, like its page: the list, the latest messages, then "read up to the last one"
    // (ShowThreadView marks read on opening), so a person's unread counts stay what a reader's are.
    if (Math.random() < 1 / READ_EVERY_S) {
      void call(base, listPath, { cookie })
        .then(() => call(base, `/api/threads/${thread}/messages`, { cookie }))
        .then((page) => {
          const last = (page as { messages?: Array<{ id: number }> } | null)?.messages?.at(-1)?.id;
          if (last) return call(base, `/api/threads/${thread}/read`, { cookie, method: 'POST', body: { messageId: last } });
        });
    }
    if (Math.random() < 1 / POST_EVERY_S) {
      void call(base, `/api/threads/${thread}/messages`, { cookie, method: 'POST', body: { body: `Message de charge ${index}-${n++}`, clientId: `load-${index}-${Date.now()}` } });
    }
  }, 1000);
  return { socket, stop: () => { clearInterval(tick); clearTimeout(reload); socket.disconnect(); } };
}

function visitor(base: string, world: LoadWorld) {
  const tick = setInterval(() => { if (Math.random() < 0.1) void call(base, `/api/events/public/${world.agendaSlug}`); }, 1000);
  return { stop: () => clearInterval(tick) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-load-'));
  const max = Math.max(...LEVELS);
  console.log(`load: preparing ${max} people in one group…`);
  const world = await seedLoad(dataDir, max);
  const { base, child } = await startServer(dataDir);
  const people: Array<ReturnType<typeof person>> = [];
  const visitors: Array<ReturnType<typeof visitor>> = [];
  const rows = [];
  let holds = 0;
  try {
    for (const level of LEVELS) {
      while (people.length < level) {
        people.push(person(base, world, people.length));
        if (people.length % 50 === 0) await new Promise((r) => setTimeout(r, 100)); // a ramp, not a stampede
      }
      while (visitors.length < level / 10) visitors.push(visitor(base, world));
      const connected = () => people.filter((p) => p.socket.connected).length;
      for (let i = 0; i < 120 && connected() < level; i++) await new Promise((r) => setTimeout(r, 500));
      samples = [];
      // Where the two cores go: the server's share beside this generator's (both on this machine).
      const serverCpu0 = cpuMs(child.pid!);
      await eventLoopLagMs(base);
      const ownCpu0 = process.cpuUsage();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      const seconds = (performance.now() - t0) / 1000;
      const lag = await eventLoopLagMs(base);
      const serverCpu = (cpuMs(child.pid!) - serverCpu0) / (seconds * 10);
      const own = process.cpuUsage(ownCpu0);
      const ownCpu = (own.user + own.system) / 1000 / (seconds * 10);
      const taken = samples;
      const ms = taken.map((s) => s.ms).sort((a, b) => a - b);
      const errors = taken.filter((s) => !s.ok).length + (level - connected());
      const mean = ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length);
      const p99 = percentile(ms, 99);
      const errorRate = errors / Math.max(1, taken.length);
      const ok = mean < THRESHOLDS.meanMs && p99 < THRESHOLDS.p99Ms && errorRate < THRESHOLDS.errorRate;
      if (ok) holds = level;
      rows.push({
        people: level, visitors: visitors.length, 'sockets connected': connected(), 'req/s': Math.round(taken.length / seconds),
        'mean ms': mean.toFixed(0), 'p50 ms': percentile(ms, 50).toFixed(0), 'p99 ms': p99.toFixed(0),
        errors: `${errors} (${(errorRate * 100).toFixed(3)} %)`, 'server RSS MB': rssMb(child.pid!).toFixed(0),
        'server CPU %': serverCpu.toFixed(0), 'server loop lag p99/max ms': `${lag.p99.toFixed(0)} / ${lag.max.toFixed(0)}`, 'generator CPU %': ownCpu.toFixed(0), holds: ok ? 'yes' : 'no',
      });
      console.table(rows.slice(-1));
      if (!ok && mean > 5 * THRESHOLDS.meanMs) break; // far past the knee: the next level only says it louder
    }
  } finally {
    for (const p of people) p.stop();
    for (const v of visitors) v.stop();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nLoad (${SECONDS} s a level; thresholds: mean < ${THRESHOLDS.meanMs} ms, p99 < ${THRESHOLDS.p99Ms} ms, errors < ${THRESHOLDS.errorRate * 100} %):`);
  console.table(rows);
  console.log(`Largest level that holds: ${holds || 'none'} people (goal: 2,000, ten times Mattermost's 200 per 2-core node).`);
}

await main();
process.exit(0);
