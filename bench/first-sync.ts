import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchClient, Target } from './clients';
import { holdsAll, SIDES, topLevelNodes } from './open-documents';
import { waitUntil } from './scenario';
import { MB, startServer } from './servers';
import { largeDocumentState } from './seed-documents';

/**
 * First sync of a large document: the same stored state of SYNC_MB megabytes in every server; a
 * fresh client opens it while nobody else has it open (the server loads it from its storage),
 * then a second fresh client opens it while the first stays (the server has it in memory). Time
 * until the client holds every paragraph, and the server's memory meanwhile.
 */
const SYNC_MB = Number(process.env.BENCH_SYNC_MB ?? 8);

type Seeded = Target & { seeded: string[] };

export async function firstSyncRows() {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-sync-'));
  const state = largeDocumentState(SYNC_MB);
  const nodes = topLevelNodes(state);
  writeFileSync(join(dir, 'large.bin'), state);
  const rows = [];
  try {
    for (const side of SIDES) {
      const server = await startServer<Seeded>(side.script, { BENCH_SEED_FILE: join(dir, 'large.bin'), BENCH_SEED_DOCUMENTS: '1' });
      const clients: BenchClient[] = [];
      const open = async () => {
        const t0 = performance.now();
        const client = side.connect({ ...server.target, documentId: server.target.seeded[0] });
        clients.push(client);
        await waitUntil(() => holdsAll(client, nodes), `the ${SYNC_MB} MB document synced`);
        return performance.now() - t0;
      };
      try {
        const before = await server.memory();
        const cold = await open();
        const warm = await open();
        const after = await server.memory();
        rows.push({
          server: side.name, 'state MB': (state.byteLength / MB).toFixed(1),
          'first open ms (loaded from storage)': cold.toFixed(0), 'second client ms (in memory)': warm.toFixed(0),
          'RSS before MB': (before.rss / MB).toFixed(0), 'RSS open MB': (after.rss / MB).toFixed(0), 'RSS peak MB': (after.maxRss / MB).toFixed(0),
          cold, peakGrowth: (after.maxRss - before.rss) / MB,
        });
      } finally {
        for (const c of clients) c.destroy();
        await server.stop();
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
