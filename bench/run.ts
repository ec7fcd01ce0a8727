import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';

/**
 * npm run bench: one person types fast among CLIENTS people in one document; how long until each
 * keystroke reaches everyone else? Our endpoint (auth, SQLite write before broadcast) side by
 * side with a reference y-websocket v1 server (memory only). Both servers run in their own
 * process; the clients share this one, so both pay the same client-side cost. Loopback only,
 * bounded in count and time.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 400);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 10);
const TIME_LIMIT_MS = 120_000;

interface Target { url: string; documentId: string; cookie: string }

function startServer(script: string): Promise<{ target: Target; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ target: JSON.parse(line) as Target, child }));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
}

const socketWithCookie = (cookie: string) => class extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { headers: cookie ? { cookie } : {} });
  }
};

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function scenario(target: Target, keystrokes: number): Promise<number[]> {
  const clients = Array.from({ length: CLIENTS }, () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${target.url.replace('http', 'ws')}/collab`, target.documentId, doc, {
      WebSocketPolyfill: socketWithCookie(target.cookie) as never, disableBc: true,
    });
    return { doc, provider };
  });
  await waitUntil(() => clients.every((c) => c.provider.synced), 'all clients synced');
  const [typer, ...readers] = clients;
  const text = typer.doc.getText('bench');
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
  for (let i = 0; i < keystrokes; i++) {
    sentAt.set(Y.getState(typer.doc.store, typerId), performance.now());
    text.insert(text.length, 'abcdefghij'[i % 10]);
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  await waitUntil(() => latencies.length >= readers.length * keystrokes, 'every keystroke delivered');
  for (const c of clients) c.provider.destroy();
  return latencies;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(name: string, script: string) {
  const { target, child } = await startServer(script);
  try {
    await scenario(target, 50); // warm-up: JIT, SQLite pages, sockets
    const sorted = (await scenario(target, KEYSTROKES)).sort((a, b) => a - b);
    return {
      server: name,
      'p50 ms': percentile(sorted, 50).toFixed(2),
      'p90 ms': percentile(sorted, 90).toFixed(2),
      'p99 ms': percentile(sorted, 99).toFixed(2),
      'max ms': sorted[sorted.length - 1].toFixed(2),
      'mean ms': (sorted.reduce((s, v) => s + v, 0) / sorted.length).toFixed(2),
      deliveries: sorted.length,
    };
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
const rows = [
  await measure('y-websocket v1 reference (memory only)', 'bench/reference-server.ts'),
  await measure('Maillage /collab (SQLite before send)', 'bench/our-server.ts'),
];
console.table(rows);
clearTimeout(guard);
process.exit(0);
