import { spawn, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { and, eq, isNotNull } from 'drizzle-orm';
import { compiled } from './servers';

/**
 * Public reads, side by side in one run: requests/s of each of our public routes (the demo
 * region, every hook of the real server) and of a bare Fastify route sending the very same
 * answer: the same bytes (compressed as ours sent them) with the same headers (security headers,
 * ETag, Cache-Control…). Requests ask as a browser does (`Accept-Encoding: br, gzip`), so the
 * ratio is what our server adds per request, not a difference of bytes or serialisation. Each
 * server in its own process, autocannon in this one, loopback only, about 17 s per row.
 */
const SECONDS = Number(process.env.BENCH_PUBLIC_SECONDS ?? 1.5);
const ROUNDS = 5;
const CONNECTIONS = 10;
const SELF = fileURLToPath(import.meta.url);
const BROWSER = { 'accept-encoding': 'br, gzip' };
// Set by Node for each answer on both sides, never copied.
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

interface Read { name: string; path: string }
interface Served { path: string; headers: Record<string, string>; body: string /* base64 */ }

/** One answer as the browser receives it on the wire: headers and raw (still compressed) bytes. */
function fetchRaw(url: string): Promise<{ status: number; headers: Record<string, string>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: BROWSER }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (!PER_CONNECTION.has(name) && typeof value === 'string') headers[name] = value;
        }
        resolve({ status: res.statusCode ?? 0, headers, bytes: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * `script`: this file's servers compiled as production is (servers.ts), or the same file of another
 * checkout (BENCH_PUBLIC_BEFORE) measured beside, run from its sources.
 */
function start(args: string[], script?: string): Promise<{ child: ChildProcess; info: { url: string; reads: Read[] } }> {
  const command = script ? ['--import', 'tsx', script] : [compiled('bench/public-reads.ts')];
  const child = spawn(process.execPath, [...command, ...args], { stdio: ['ignore', 'pipe', 'inherit'], cwd: script ? join(script, '..', '..') : process.cwd() });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`public-reads server exited (${code})`)));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** CPU time (user + system, ms) a process has used, from Linux's /proc; null elsewhere. */
function cpuMs(pid: number): number | null {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command name's closing parenthesis.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Round { rps: number; failed: number; cpuUs: number | null }

/**
 * Requests per second, and the server's CPU time per request: the busier the shared machine, the
 * less the first says (it counts the CPU others took); the second stays what one answer costs.
 */
async function rate(url: string, seconds: number, pid: number): Promise<Round> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: BROWSER });
  const cpuAfter = cpuMs(pid);
  const cpuUs = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / result.requests.total;
  return { rps: result.requests.average, failed: result.errors + result.timeouts + result.non2xx, cpuUs };
}

/**
 * Both servers run at once and each read is measured in alternating rounds (ours, bare, ours…).
 * The ratio is the median of each round's ratio, ours beside the bare run that followed it: on a
 * shared machine, load from elsewhere then weighs on both sides of a round alike.
 * `BENCH_PUBLIC_BEFORE=<another checkout>` runs that version's server too, in the same rounds.
 */
export async function publicReadsTable(beforeRoot = process.env.BENCH_PUBLIC_BEFORE) {
  const ours = await start(['ours']);
  const before = beforeRoot ? await start(['ours'], join(beforeRoot, 'bench', 'public-reads.ts')) : null;
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-bare-'));
  let bare: Awaited<ReturnType<typeof start>> | null = null;
  try {
    // What the bare server answers: the very bytes our routes send, fetched once.
    const served: Served[] = [];
    for (const read of ours.info.reads) {
      const res = await fetchRaw(`${ours.info.url}${read.path}`);
      if (res.status !== 200) throw new Error(`${read.path}: ${res.status}`);
      served.push({ path: read.path, headers: res.headers, body: res.bytes.toString('base64') });
    }
    writeFileSync(join(dir, 'served.json'), JSON.stringify(served));
    bare = await start(['bare', join(dir, 'served.json')]);
    const rows = [];
    for (const [i, read] of ours.info.reads.entries()) {
      // The demo's ids differ from one server to the other: each is asked its own address of the read.
      const sides = [
        { url: `${ours.info.url}${read.path}`, pid: ours.child.pid! },
        { url: `${bare.info.url}${read.path}`, pid: bare.child.pid! },
      ];
      if (before) sides.push({ url: `${before.info.url}${before.info.reads[i].path}`, pid: before.child.pid! });
      for (const side of sides) await rate(side.url, 1, side.pid); // warm-up: JIT, SQLite pages, the first build
      const rounds: Round[][] = sides.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [side, { url, pid }] of sides.entries()) rounds[side].push(await rate(url, SECONDS, pid));
      }
      const [mine, reference, previous] = rounds.map((r) => median(r.map((x) => x.rps)));
      const ratioOf = (side: number) => `${median(rounds[side].map((x, round) => x.rps / rounds[1][round].rps)).toFixed(2)}×`;
      // The bare route's CPU per answer over ours: the ratio of throughputs on an idle machine.
      const cpu = rounds.map((r) => (r.every((x) => x.cpuUs !== null) ? median(r.map((x) => x.cpuUs!)) : null));
      const cpuRatio = (side: number) => (cpu[side] && cpu[1] ? `${(cpu[1] / cpu[side]!).toFixed(2)}×` : 'n/a');
      rows.push({
        'public read': read.name, 'KB sent': (Buffer.from(served[i].body, 'base64').length / 1024).toFixed(1),
        encoding: served[i].headers['content-encoding'] ?? 'none',
        ...(before ? { 'before req/s': Math.round(previous), 'before ratio': ratioOf(2), 'before µs CPU': cpu[2]?.toFixed(0), 'before CPU ratio': cpuRatio(2) } : {}),
        'Maillage req/s': Math.round(mine), 'bare Fastify req/s': Math.round(reference), ratio: ratioOf(0),
        'Maillage µs CPU': cpu[0]?.toFixed(0), 'bare µs CPU': cpu[1]?.toFixed(0), 'CPU ratio': cpuRatio(0),
        'non-2xx/errors': rounds.flat().reduce((sum, r) => sum + r.failed, 0),
      });
    }
    return rows;
  } finally {
    bare?.child.kill('SIGTERM');
    before?.child.kill('SIGTERM');
    ours.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our server, filled with the demo region (a published agenda and a published tool sheet). */
async function serveOurs() {
  const { buildApp } = await import('../server/app');
  const { configFromEnv } = await import('../server/core/config');
  const { documents, eventSessions, events } = await import('../db/schema/index');
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-public-'));
  const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir, DEMO: '1' }), clientDir: null, logLevel: 'warn', port: 0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  app.config.publicUrl = url;
  const event = app.db.select().from(events).where(eq(events.status, 'published')).get()!;
  const session = app.db.select().from(eventSessions).where(and(eq(eventSessions.eventId, event.id), eq(eventSessions.kind, 'workshop'))).get()!;
  const resource = app.db.select().from(documents).where(isNotNull(documents.publishedVersion)).get()!;
  const reads: Read[] = [
    { name: 'agenda (JSON behind /agenda/<slug>)', path: `/api/events/public/${event.slug}` },
    { name: 'agenda .ics', path: `/agenda/${event.slug}.ics` },
    { name: 'one session .ics', path: `/agenda/${event.slug}/sessions/${session.id}.ics` },
    { name: 'schedule.json', path: `/agenda/${event.slug}/schedule.json` },
    { name: 'resource library', path: '/api/documents/resources' },
    { name: 'a published document', path: `/api/documents/resources/${resource.id}` },
    // Not a public read: a small route of ours (security headers, session, hooks, a database probe), for scale.
    { name: '(for scale: /api/health)', path: '/api/health' },
  ];
  console.log(JSON.stringify({ url, reads }));
  process.once('SIGTERM', () => void app.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }));
}

/** The reference: Fastify alone, each route sending the same bytes with the same headers as ours. */
async function serveBare(file: string) {
  const app = Fastify({ logger: false });
  for (const s of JSON.parse(readFileSync(file, 'utf8')) as Served[]) {
    const bytes = Buffer.from(s.body, 'base64');
    app.get(s.path, async (_request, reply) => reply.headers(s.headers).send(bytes));
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, reads: [] }));
  process.once('SIGTERM', () => process.exit(0));
}

if (process.argv[2] === 'ours') await serveOurs();
else if (process.argv[2] === 'bare') await serveBare(process.argv[3]);
else if (process.argv[1] === SELF) console.table(await publicReadsTable());
