import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
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

async function load(base: string, path: string): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next++ < REQUESTS) {
      const res = await fetch(base + path);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`bench: ${path} answered ${res.status}`);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return REQUESTS / ((performance.now() - start) / 1000);
}

export async function directoryBenchTable() {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir }), clientDir: null, logLevel: 'silent', port: 0, demo: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const ours = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const bare = Fastify({ logger: false });
  const bodies = new Map<string, { type: string; bytes: Buffer }>();
  for (const path of PATHS) {
    const res = await fetch(ours + path);
    bodies.set(path, { type: res.headers.get('content-type')!, bytes: Buffer.from(await res.arrayBuffer()) });
  }
  bare.get('/*', async (request, reply) => {
    const body = bodies.get(request.url)!;
    return reply.header('content-type', body.type).send(body.bytes);
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const reference = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  try {
    const rows = [];
    for (const path of PATHS) {
      await load(ours, path); // warm-up: JIT, cache filled
      await load(reference, path);
      const oursRate = await load(ours, path);
      const bareRate = await load(reference, path);
      rows.push({ address: path, bytes: bodies.get(path)!.bytes.length, 'Maillage req/s': Math.round(oursRate), 'bare Fastify req/s': Math.round(bareRate), ratio: (oursRate / bareRate).toFixed(2) });
    }
    return rows;
  } finally {
    await bare.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
