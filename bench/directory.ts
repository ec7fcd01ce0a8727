import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app';
import { configFromEnv } from '../server/core/config';

/**
 * The public directory against a bare Fastify route returning the same bytes: what our routes add
 * (session lookup, security headers, validation, the directory cache) on the two addresses people
 * in the field hit, the page's data and the open-data file. Demo region, loopback, one process.
 */
const REQUESTS = Number(process.env.BENCH_DIRECTORY_REQUESTS ?? 1000);
const CONCURRENCY = 16;
// /api/health first: what any /api route costs here, before the directory's own work.
const PATHS = ['/api/health', '/api/programmes/public', '/api/programmes/public?condition=diabete_type_2&departement=69', '/programmes.csv'];

// What a browser sends. Read raw with node:http (no decompression in this process): both servers
// send the very same bytes, so the figure is what the server does, not what this client decodes.
const HEADERS = { 'accept-encoding': 'br, gzip' };
type Served = { status: number; headers: Record<string, string>; bytes: Buffer };

function get(agent: Agent, base: string, path: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { agent, headers: HEADERS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'content-encoding', 'vary']) {
          const value = res.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        resolve({ status: res.statusCode ?? 0, headers, bytes: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function load(base: string, path: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const worker = async () => {
    while (next++ < REQUESTS) {
      const res = await get(agent, base, path);
      if (res.status !== 200) throw new Error(`bench: ${path} answered ${res.status}`);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const rate = REQUESTS / ((performance.now() - start) / 1000);
  agent.destroy();
  return rate;
}

export async function directoryBenchTable() {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir }), clientDir: null, logLevel: 'silent', port: 0, demo: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const ours = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const bare = Fastify({ logger: false });
  const bodies = new Map<string, Served>();
  const probe = new Agent();
  for (const path of PATHS) bodies.set(path, await get(probe, ours, path));
  probe.destroy();
  bare.get('/*', async (req, reply) => {
    const body = bodies.get(req.url)!;
    return reply.headers(body.headers).send(body.bytes);
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const reference = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  try {
    const rows = [];
    for (const path of PATHS) {
      await load(ours, path); // warm-up: JIT, cache filled
      await load(reference, path);
      // Alternating rounds, the median of each round's ratio: a burst of load from elsewhere on a
      // shared machine falls on both sides of a round alike instead of on one side's only run.
      const rounds: Array<{ ours: number; bare: number }> = [];
      for (let round = 0; round < ROUNDS; round++) rounds.push({ ours: await load(ours, path), bare: await load(reference, path) });
      const oursRate = median(rounds.map((r) => r.ours));
      const bareRate = median(rounds.map((r) => r.bare));
      const ratio = median(rounds.map((r) => r.ours / r.bare));
      rows.push({ address: path, 'bytes sent': bodies.get(path)!.bytes.length, encoding: bodies.get(path)!.headers['content-encoding'] ?? 'none', 'Maillage req/s': Math.round(oursRate), 'bare Fastify req/s': Math.round(bareRate), ratio: ratio.toFixed(2) });
    }
    return rows;
  } finally {
    await bare.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
