import { hocuspocusClient, yWebsocketClient, type ConnectClient } from './clients';
import { KEYSTROKES, latencyRow, percentile, scenario } from './scenario';
import { startServer } from './servers';

/**
 * Collaboration delivery, the first row of the bench: the reference y-websocket server, our
 * endpoint and Hocuspocus, one after the other, BENCH_COLLAB_RUNS times (default 1) so that a
 * busy machine's spread shows. Each run: a warm-up scenario, then the measured one.
 */
export const COLLAB_RUNS = Number(process.env.BENCH_COLLAB_RUNS ?? 1);

const SIDES = [
  { key: 'reference', name: 'y-websocket v1 reference (memory only)', script: 'bench/reference-server.ts', connect: yWebsocketClient },
  { key: 'ours', name: 'Maillage /collab (SQLite before send)', script: 'bench/our-server.ts', connect: yWebsocketClient },
  { key: 'hocuspocus', name: 'Hocuspocus 3 (stores after 2 s debounce)', script: 'bench/hocuspocus-server.ts', connect: hocuspocusClient },
] as const;

type Key = (typeof SIDES)[number]['key'];

async function measure(name: string, script: string, connect: ConnectClient) {
  const { target, storedAt, stop } = await startServer(script);
  try {
    await scenario(target, 50, connect); // warm-up: JIT, SQLite pages, sockets
    const { latencies, from, to } = await scenario(target, KEYSTROKES, connect);
    // Stores the server reported while the measured keystrokes were being delivered.
    const stores = storedAt.filter((at) => at >= from && at <= to).length;
    const sorted = [...latencies].sort((a, b) => a - b);
    return { row: latencyRow(name, latencies), p99: percentile(sorted, 99), stores };
  } finally {
    await stop();
  }
}

/** Every run's rows, and each side's p99 per run (to report the median and the spread). */
export async function collabRuns() {
  const rows = [];
  const p99s: Record<Key, number[]> = { reference: [], ours: [], hocuspocus: [] };
  let stores = 0;
  for (let run = 1; run <= COLLAB_RUNS; run++) {
    for (const side of SIDES) {
      const m = await measure(side.name, side.script, side.connect);
      rows.push(COLLAB_RUNS > 1 ? { run, ...m.row } : m.row);
      p99s[side.key].push(m.p99);
      if (side.key === 'hocuspocus') stores = m.stores;
    }
  }
  return { rows, p99s, stores };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const durabilityNote = (stores: number) => `Durability, row by row:
- y-websocket v1 reference: memory only, never written; a crash loses the whole document.
- Maillage /collab: every update is in SQLite (one transaction per event-loop turn) before anyone
  else receives it; a crash loses nothing that anyone has seen.
- Hocuspocus 3.4 (default configuration, better-sqlite3 in onStoreDocument): broadcasts at once and
  writes the whole document 2 s after typing pauses, at the latest 10 s after the first unsaved
  change, and when the last client leaves; a crash loses up to ~10 s of edits others have seen.
  Stores while the measured ${KEYSTROKES} keystrokes were delivered (last run): ${stores}.
Clients: the stock y-websocket provider, except on the Hocuspocus row: @hocuspocus/provider 3
(Hocuspocus 3 prefixes each message with the document name and waits for an auth message, so a
stock provider connects but never syncs); that row includes its provider's client-side cost.`;
