import { performance } from 'node:perf_hooks';
import { holdsAll, onEachSeededSide, topLevelNodes } from './open-documents';
import { waitUntil } from './scenario';
import { MB } from './servers';
import { largeDocumentState } from './seed-documents';

/**
 * First sync of a large document: the same stored state of SYNC_MB megabytes in every server; a
 * fresh client opens it while nobody else has it open (the server loads it from its storage),
 * then a second fresh client opens it while the first stays (the server has it in memory). Time
 * until the client holds every paragraph, and the server's memory meanwhile.
 */
const SYNC_MB = Number(process.env.BENCH_SYNC_MB ?? 8);

export function firstSyncRows() {
  const state = largeDocumentState(SYNC_MB);
  const nodes = topLevelNodes(state);
  return onEachSeededSide(state, 1, async (side, server, clients) => {
    const open = async () => {
      const t0 = performance.now();
      const client = side.connect({ ...server.target, documentId: server.target.seeded[0] });
      clients.push(client);
      await waitUntil(() => holdsAll(client, nodes), `the ${SYNC_MB} MB document synced`);
      return performance.now() - t0;
    };
    const before = await server.memory();
    const cold = await open();
    const warm = await open();
    const after = await server.memory();
    return {
      server: side.name, 'state MB': (state.byteLength / MB).toFixed(1),
      'first open ms (loaded from storage)': cold.toFixed(0), 'second client ms (in memory)': warm.toFixed(0),
      'RSS before MB': (before.rss / MB).toFixed(0), 'RSS open MB': (after.rss / MB).toFixed(0), 'RSS peak MB': (after.maxRss / MB).toFixed(0),
      cold, peakGrowth: (after.maxRss - before.rss) / MB,
    };
  });
}
