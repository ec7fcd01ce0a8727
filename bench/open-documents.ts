import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { hocuspocusClient, yWebsocketClient, type BenchClient, type ConnectClient, type Target } from './clients';
import { waitUntil } from './scenario';
import { MB, startServer, type Memory } from './servers';
import { referenceProgrammeState } from './seed-documents';

/**
 * Idle memory per open document: each server is given the same DOCUMENTS reference programmes
 * (about 60 pages each), one client opens each of them, then everyone idles. What the server
 * holds after a full garbage collection, minus what it held before the first open, divided by
 * the number of documents. The sockets are counted too: one per document on every side.
 */
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 200);
const IDLE_MS = 2000;

type Seeded = Target & { seeded: string[] };
export interface Side { name: string; script: string; connect: ConnectClient }

export const SIDES: Side[] = [
  { name: 'y-websocket v1 reference (memory only)', script: 'bench/reference-server.ts', connect: yWebsocketClient },
  { name: 'Maillage /collab', script: 'bench/our-server.ts', connect: yWebsocketClient },
  { name: 'Hocuspocus 3', script: 'bench/hocuspocus-server.ts', connect: hocuspocusClient },
];

/** A client has the whole document once its synced and its fragment holds every top-level node. */
export const holdsAll = (client: BenchClient, nodes: number) => client.synced() && client.doc.getXmlFragment('default').length === nodes;

export const topLevelNodes = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getXmlFragment('default').length;
};

const perDocument = (after: Memory, before: Memory, key: 'rss' | 'heapUsed') => (after[key] - before[key]) / DOCUMENTS / MB;

/**
 * Runs `measure` on each server of SIDES in turn, each started with `documents` copies of `state`
 * in its storage; the clients `measure` puts in `clients` are closed after it, the server stopped.
 */
export async function onEachSeededSide<R>(
  state: Uint8Array, documents: number,
  measure: (side: Side, server: Awaited<ReturnType<typeof startServer<Seeded>>>, clients: BenchClient[]) => Promise<R>,
): Promise<R[]> {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-seed-'));
  writeFileSync(join(dir, 'state.bin'), state);
  const rows: R[] = [];
  try {
    for (const side of SIDES) {
      const server = await startServer<Seeded>(side.script, { BENCH_SEED_FILE: join(dir, 'state.bin'), BENCH_SEED_DOCUMENTS: String(documents) });
      const clients: BenchClient[] = [];
      try {
        rows.push(await measure(side, server, clients));
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

export function idleMemoryRows() {
  const state = referenceProgrammeState();
  const nodes = topLevelNodes(state);
  return onEachSeededSide(state, DOCUMENTS, async (side, server, clients) => {
    const before = await server.memory();
    for (const documentId of server.target.seeded) clients.push(side.connect({ ...server.target, documentId }));
    await waitUntil(() => clients.every((c) => holdsAll(c, nodes)), `${DOCUMENTS} documents open`);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const after = await server.memory();
    return {
      server: side.name, documents: DOCUMENTS, 'state KB each': (state.byteLength / 1024).toFixed(0),
      'RSS before MB': (before.rss / MB).toFixed(0), 'RSS open MB': (after.rss / MB).toFixed(0),
      'RSS MB per document': perDocument(after, before, 'rss').toFixed(2), 'heap MB per document': perDocument(after, before, 'heapUsed').toFixed(2),
    };
  });
}
