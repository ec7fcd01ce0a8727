import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { hocuspocusClient, yWebsocketClient, type ConnectClient, type Target } from './clients';
import { schemaCheckTable } from './schema-check';
import { directoryBenchTable } from './directory';

/**
 * npm run bench: one person types fast among CLIENTS people in one document; how long until each
 * keystroke reaches everyone else? Our endpoint (auth, SQLite write before broadcast) side by
 * side with a reference y-websocket v1 server (memory only) and Hocuspocus 3, the anchor issue 3
 * names (stores the whole document after its default debounce). Each server runs in its own
 * process; the clients share this one. Loopback only, bounded in count and time.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 400);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 10);
const TIME_LIMIT_MS = 120_000;

interface Started { target: Target; child: ChildProcess; storedAt: number[] }

/** The first stdout line is the target; later `{"stored": <epoch ms>}` lines report a store. */
function startServer(script: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const storedAt: number[] = [];
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      resolve({ target: JSON.parse(line) as Target, child, storedAt });
      lines.on('line', (event) => {
        if (event.startsWith('{"stored":')) storedAt.push((JSON.parse(event) as { stored: number }).stored);
      });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
}

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Latencies, and the wall-clock window from the first keystroke to the last delivery. */
async function scenario(target: Target, keystrokes: number, connect: ConnectClient) {
  const clients = Array.from({ length: CLIENTS }, () => connect(target));
  await waitUntil(() => clients.every((c) => c.synced()), 'all clients synced');
  const [typer, ...readers] = clients;
  // Typed where Tiptap types: a paragraph of the `default` fragment (our server refuses anything else).
  const text = new Y.XmlText();
  typer.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    typer.doc.getXmlFragment('default').push([paragraph]);
  });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const typerId = typer.doc.clientID;
  for (const reader of readers) {
    let seen = Y.getState(reader.doc.store, typerId);
    reader.doc.on('update', () => {
      const now = performance.now();
      const state = Y.getState(reader.doc.store, typerId);
      for (let clock = seen; clock < state; clock++) {
        const sent = sentAt.get(clock);
        if (sent !== undefined) latencies.push(now - sent);
      }
      seen = state;
    });
  }
  const from = Date.now();
  for (let i = 0; i < keystrokes; i++) {
    sentAt.set(Y.getState(typer.doc.store, typerId), performance.now());
    text.insert(text.length, 'abcdefghij'[i % 10]);
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  await waitUntil(() => latencies.length >= readers.length * keystrokes, 'every keystroke delivered');
  const to = Date.now();
  for (const c of clients) c.destroy();
  return { latencies, from, to };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(name: string, script: string, connect: ConnectClient = yWebsocketClient) {
  const { target, child, storedAt } = await startServer(script);
  try {
    await scenario(target, 50, connect); // warm-up: JIT, SQLite pages, sockets
    const { latencies, from, to } = await scenario(target, KEYSTROKES, connect);
    const sorted = latencies.sort((a, b) => a - b);
    // Stores the server reported while the measured keystrokes were being delivered.
    const stores = storedAt.filter((at) => at >= from && at <= to).length;
    const row = {
      server: name,
      'p50 ms': percentile(sorted, 50).toFixed(2),
      'p90 ms': percentile(sorted, 90).toFixed(2),
      'p99 ms': percentile(sorted, 99).toFixed(2),
      'max ms': sorted[sorted.length - 1].toFixed(2),
      'mean ms': (sorted.reduce((s, v) => s + v, 0) / sorted.length).toFixed(2),
      deliveries: sorted.length,
    };
    return { row, stores };
  } finally {
    child.kill('SIGTERM');
  }
}

// Each provider listens for process exit; fifty of them are expected here.
process.setMaxListeners(0);
const guard = setTimeout(() => {
  console.error(`bench: stopped after ${TIME_LIMIT_MS / 1000} s`);
  process.exit(1);
}, TIME_LIMIT_MS);
console.log(`${CLIENTS} clients in one document, one typing ${KEYSTROKES} keystrokes every ${INTERVAL_MS} ms; delivery latency to the ${CLIENTS - 1} others:`);
const reference = await measure('y-websocket v1 reference (memory only)', 'bench/reference-server.ts');
const ours = await measure('Maillage /collab (SQLite before send)', 'bench/our-server.ts');
const hocuspocus = await measure('Hocuspocus 3 (stores after 2 s debounce)', 'bench/hocuspocus-server.ts', hocuspocusClient);
console.table([reference.row, ours.row, hocuspocus.row]);
console.log(`Durability, row by row:
- y-websocket v1 reference: memory only, never written; a crash loses the whole document.
- Maillage /collab: every update is in SQLite (one transaction per event-loop turn) before anyone
  else receives it; a crash loses nothing that anyone has seen.
- Hocuspocus 3.4 (default configuration, better-sqlite3 in onStoreDocument): broadcasts at once and
  writes the whole document 2 s after typing pauses, at the latest 10 s after the first unsaved
  change, and when the last client leaves; a crash loses up to ~10 s of edits others have seen.
  Stores while the measured ${KEYSTROKES} keystrokes were delivered: ${hocuspocus.stores}.
Clients: the stock y-websocket provider, except on the Hocuspocus row: @hocuspocus/provider 3
(Hocuspocus 3 prefixes each message with the document name and waits for an auth message, so a
stock provider connects but never syncs); that row includes its provider's client-side cost.`);
console.log('\nThe schema check of every update (issue 8), beside applying it, on a 60-page reference programme:');
console.table(schemaCheckTable());
clearTimeout(guard);
const directoryGuard = setTimeout(() => {
  console.error(`bench: directory stopped after ${TIME_LIMIT_MS / 1000} s`);
  process.exit(1);
}, TIME_LIMIT_MS);
console.log('\nThe public directory of programmes (issue 10), requests per second against a bare Fastify route sending the same bytes (goal: ratio ≥ 0.5):');
console.table(await directoryBenchTable());
clearTimeout(directoryGuard);
process.exit(0);
