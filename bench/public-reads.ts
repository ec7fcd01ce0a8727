import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { and, eq, isNotNull } from 'drizzle-orm';

/**
 * Public reads, side by side in one run: requests/s of each of our public routes (the demo
 * region, every hook of the real server) and of a bare Fastify route returning the same object
 * (JSON) or the same text (iCalendar). Each server in its own process, autocannon in this one,
 * loopback only, about 15 s per row.
 */
const SECONDS = Number(process.env.BENCH_PUBLIC_SECONDS ?? 2);
const ROUNDS = 3;
const CONNECTIONS = 10;
const SELF = fileURLToPath(import.meta.url);

interface Read { name: string; path: string }
interface Served { path: string; type: string; body: string }

function start(args: string[]): Promise<{ child: ChildProcess; info: { url: string; reads: Read[] } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`public-reads server exited (${code})`)));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function rate(url: string, seconds: number): Promise<{ rps: number; failed: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { rps: result.requests.average, failed: result.errors + result.timeouts + result.non2xx };
}

/**
 * Both servers run at once and each read is measured in alternating rounds (ours, bare, ours…),
 * the median kept: on a shared machine, load from elsewhere then weighs on both sides alike.
 */
export async function publicReadsTable() {
  const ours = await start(['ours']);
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-bare-'));
  let bare: Awaited<ReturnType<typeof start>> | null = null;
  try {
    // What the bare server answers: the very bytes our routes send, fetched once.
    const served: Served[] = [];
    for (const read of ours.info.reads) {
      const res = await fetch(`${ours.info.url}${read.path}`);
      if (!res.ok) throw new Error(`${read.path}: ${res.status}`);
      served.push({ path: read.path, type: res.headers.get('content-type') ?? 'application/json', body: await res.text() });
    }
    writeFileSync(join(dir, 'served.json'), JSON.stringify(served));
    bare = await start(['bare', join(dir, 'served.json')]);
    const rows = [];
    for (const [i, read] of ours.info.reads.entries()) {
      const sides = [ours.info.url, bare.info.url];
      for (const url of sides) await rate(`${url}${read.path}`, 1); // warm-up: JIT, SQLite pages, the first build
      const rounds: Array<Array<{ rps: number; failed: number }>> = [[], []];
      for (let round = 0; round < ROUNDS; round++) {
        for (const [side, url] of sides.entries()) rounds[side].push(await rate(`${url}${read.path}`, SECONDS));
      }
      const [mine, reference] = rounds.map((r) => median(r.map((x) => x.rps)));
      rows.push({
        'public read': read.name, KB: (Buffer.byteLength(served[i].body) / 1024).toFixed(1),
        'Maillage req/s': Math.round(mine), 'bare Fastify req/s': Math.round(reference), ratio: `${(mine / reference).toFixed(2)}×`,
        'non-2xx/errors': rounds.flat().reduce((sum, r) => sum + r.failed, 0),
      });
    }
    return rows;
  } finally {
    bare?.child.kill('SIGTERM');
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

/** The reference: Fastify alone, each route returning the same object (serialised per request, as Fastify does). */
async function serveBare(file: string) {
  const app = Fastify({ logger: false });
  for (const s of JSON.parse(readFileSync(file, 'utf8')) as Served[]) {
    if (s.type.startsWith('application/json')) {
      const object = JSON.parse(s.body) as unknown;
      app.get(s.path, async () => object);
    } else {
      app.get(s.path, async (_request, reply) => reply.type(s.type).send(s.body));
    }
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, reads: [] }));
  process.once('SIGTERM', () => process.exit(0));
}

if (process.argv[2] === 'ours') await serveOurs();
else if (process.argv[2] === 'bare') await serveBare(process.argv[3]);
else if (process.argv[1] === SELF) console.table(await publicReadsTable());
