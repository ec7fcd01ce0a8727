import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { hocuspocusClient, yWebsocketClient, type ConnectClient, type Target } from './clients';
import { CLIENTS, INTERVAL_MS, KEYSTROKES, latencyRow, scenario } from './scenario';
import { schemaCheckTable } from './schema-check';
import { exportsBesideTyping, signInUnderFlood } from './under-load';
import { directoryBenchTable } from './directory';
import { publicReadsTable } from './public-reads';
import { preparedStatementsTable } from './prepared';

/**
 * npm run bench: one person types fast among CLIENTS people in one document; how long until each
 * keystroke reaches everyone else? Our endpoint (auth, SQLite write before broadcast) side by
 * side with a reference y-websocket v1 server (memory only) and Hocuspocus 3, the anchor issue 3
 * names (stores the whole document after its default debounce). Each server runs in its own
 * process; the clients share this one. Loopback only, bounded in count and time.
 */
const TIME_LIMIT_MS = 360_000;

interface Started { target: Target; child: ChildProcess; storedAt: number[]; loop: () => Promise<LoopDelay> }
interface LoopDelay { p50: number; p99: number; max: number }

/** The first stdout line is the target; later `{"stored": <epoch ms>}` lines report a store. */
function startServer(script: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const storedAt: number[] = [];
  const loopWaiters: Array<(d: LoopDelay) => void> = [];
  // Our server answers SIGUSR2 with how late its event loop ran since the previous one.
  const loop = () => new Promise<LoopDelay>((resolve) => {
    loopWaiters.push(resolve);
    child.kill('SIGUSR2');
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      resolve({ target: JSON.parse(line) as Target, child, storedAt, loop });
      lines.on('line', (event) => {
        if (event.startsWith('{"stored":')) storedAt.push((JSON.parse(event) as { stored: number }).stored);
        if (event.startsWith('{"loop":')) loopWaiters.shift()?.((JSON.parse(event) as { loop: LoopDelay }).loop);
      });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
}

async function measure(name: string, script: string, connect: ConnectClient = yWebsocketClient) {
  const { target, child, storedAt } = await startServer(script);
  try {
    await scenario(target, 50, connect); // warm-up: JIT, SQLite pages, sockets
    const { latencies, from, to } = await scenario(target, KEYSTROKES, connect);
    // Stores the server reported while the measured keystrokes were being delivered.
    const stores = storedAt.filter((at) => at >= from && at <= to).length;
    return { row: latencyRow(name, latencies), stores };
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

// Heavy work runs off the event loop: the same typing, alone and while a 32 MB document is exported.
const loaded = await startServer('bench/our-server.ts', { BENCH_LARGE_DOCUMENT_MB: '32' });
try {
  const target = loaded.target as Target & { largeDocumentId: string; email: string; password: string };
  await scenario(target, 50, yWebsocketClient);
  const delays: LoopDelay[] = [];
  const { alone, during, exports } = await exportsBesideTyping(target, async (t) => {
    await loaded.loop();
    const result = await scenario(t, KEYSTROKES, yWebsocketClient);
    delays.push(await loaded.loop());
    return result;
  });
  const withLoop = (row: ReturnType<typeof latencyRow>, d: LoopDelay) =>
    ({ ...row, 'server loop p99 ms': d.p99.toFixed(1), 'server loop max ms': d.max.toFixed(1) });
  console.log('\nMaillage /collab, the same typing alone and while a 32 MB document of the same server is exported (HTML, Markdown, DOCX in turn),');
  console.log('with how late the server\'s event loop ran (blocked) meanwhile; on 2 cores the exporting thread also competes with the server and the 50 clients for CPU:');
  console.table([withLoop(latencyRow('typing alone', alone), delays[0]), withLoop(latencyRow('typing while exporting', during), delays[1])]);
  console.table(exports);
  console.log('\nSign-in of a real person, alone and while 200 wrong ones with made-up addresses arrive from the same address:');
  console.table(await signInUnderFlood(target));
} finally {
  loaded.child.kill('SIGTERM');
}
clearTimeout(guard);
const directoryGuard = setTimeout(() => {
  console.error(`bench: directory stopped after ${TIME_LIMIT_MS / 1000} s`);
  process.exit(1);
}, TIME_LIMIT_MS);
console.log('\nThe public directory of programmes (issue 10), requests per second against a bare Fastify route sending the same bytes (goal: ratio ≥ 0.5):');
console.table(await directoryBenchTable());
clearTimeout(directoryGuard);
const publicReadsGuard = setTimeout(() => {
  console.error('bench: public reads stopped after 240 s');
  process.exit(1);
}, 240_000);
console.log('\nPublic reads (issue 13), requests per second of each public route beside a bare Fastify route returning the same object, in alternating rounds (goal: ratio ≥ 0.5):');
console.table(await publicReadsTable());
clearTimeout(publicReadsGuard);
console.log('\nHot paths of signed-in traffic (issue 13): the session lookup and a group access check, drizzle building and preparing on each call beside the statements prepared once now:');
console.table(await preparedStatementsTable());
process.exit(0);
