import { performance } from 'node:perf_hooks';
import type { Target } from './clients';
import { CLIENTS, INTERVAL_MS, KEYSTROKES, latencyRow, percentile, scenario } from './scenario';
import { schemaCheckTable } from './schema-check';
import { exportsBesideTyping, signInUnderFlood } from './under-load';
import { directoryBenchTable } from './directory';
import { publicReadsTable } from './public-reads';
import { preparedStatementsTable } from './prepared';
import { threadFanOutRows } from './thread-fanout';
import { idleMemoryRows } from './open-documents';
import { firstSyncRows } from './first-sync';
import { COLLAB_RUNS, collabRuns, durabilityNote, median } from './collab';
import { startServer, type LoopDelay } from './servers';
import { chooseSections, SECTIONS, type Section } from './sections';
import { cell, fact, figure, mb, ms, perSecond, summary } from './summary';

/**
 * npm run bench: every figure we promise, each measured beside its reference in this one run,
 * then one summary table (figure, Maillage, reference, ratio, goal, met?). BENCH_ONLY=<name,...>
 * runs a subset (names in sections.ts). Each server runs in its own process; the clients share this one.
 * Loopback only, each section bounded in time.
 */
const { wanted, unknown } = chooseSections(process.env.BENCH_ONLY);
if (unknown.length) {
  console.error(`BENCH_ONLY: unknown ${unknown.join(', ')}; choose among ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const durations: Array<{ section: string; seconds: string }> = [];
const began = performance.now();

async function section(name: Section, limitMs: number, title: string, run: () => Promise<void>) {
  if (!wanted(name)) return;
  const guard = setTimeout(() => {
    console.error(`bench: ${name} stopped after ${limitMs / 1000} s`);
    process.exit(1);
  }, limitMs);
  const t0 = performance.now();
  console.log(`\n${title}`);
  await run();
  clearTimeout(guard);
  durations.push({ section: name, seconds: ((performance.now() - t0) / 1000).toFixed(0) });
}

const MINUTE = 60_000;
// Each provider listens for process exit; hundreds of them are expected here.
process.setMaxListeners(0);

await section('collab', 6 * MINUTE * COLLAB_RUNS, `${CLIENTS} clients in one document, one typing ${KEYSTROKES} keystrokes every ${INTERVAL_MS} ms; delivery latency to the ${CLIENTS - 1} others (${COLLAB_RUNS} run${COLLAB_RUNS > 1 ? 's' : ''}):`, async () => {
  const { rows, p99s, all, stores } = await collabRuns();
  console.table(rows);
  if (COLLAB_RUNS > 1) {
    const spread = (key: keyof typeof all) =>
      `${all[key].toFixed(2)} ms (runs ${Math.min(...p99s[key]).toFixed(2)}–${Math.max(...p99s[key]).toFixed(2)}, median ${median(p99s[key]).toFixed(2)})`;
    console.log(`p99 of every delivery of the ${COLLAB_RUNS} runs: reference ${spread('reference')}; Maillage ${spread('ours')}; Hocuspocus ${spread('hocuspocus')}`);
  }
  console.log(durabilityNote(stores));
  figure('collab delivery p99 (50 clients)', all.ours, { name: 'y-websocket ref.', value: all.reference }, ms, { at: 'most', ratio: 1.2 });
  figure('collab delivery p99, beside Hocuspocus', all.ours, { name: 'Hocuspocus 3', value: all.hocuspocus }, ms, null);
});

await section('schema', MINUTE, 'The schema check of every update (issue 8), beside applying it, on a 60-page reference programme:', async () => {
  const rows = schemaCheckTable();
  console.table(rows);
  figure('schema check + apply, per update', cell(rows[1]['µs per update']), { name: 'apply only', value: cell(rows[0]['µs per update']) }, (v) => `${v.toFixed(1)} µs`, null);
});

// Heavy work runs off the event loop: the same typing, alone and while a 32 MB document is exported.
if (wanted('exports') || wanted('signin')) {
  const loaded = await startServer<Target & { largeDocumentId: string; email: string; password: string }>('bench/our-server.ts', wanted('exports') ? { BENCH_LARGE_DOCUMENT_MB: '32', BENCH_LOOP_MONITOR: '1' } : {});
  try {
    await section('exports', 6 * MINUTE, 'Maillage /collab, the same typing alone and while a 32 MB document of the same server is exported (HTML, Markdown, DOCX in turn),\nwith how late the server\'s event loop ran (blocked) meanwhile; on 2 cores the exporting worker also competes with the server and the 50 clients for CPU:', async () => {
      await scenario(loaded.target, 50, 'y-websocket');
      const delays: LoopDelay[] = [];
      const { alone, during, exports } = await exportsBesideTyping(loaded.target, async (t) => {
        await loaded.loop();
        const result = await scenario(t, KEYSTROKES, 'y-websocket');
        delays.push(await loaded.loop());
        return result;
      });
      const withLoop = (row: ReturnType<typeof latencyRow>, d: LoopDelay) =>
        ({ ...row, 'server loop p99 ms': d.p99.toFixed(1), 'server loop max ms': d.max.toFixed(1) });
      console.table([withLoop(latencyRow('typing alone', alone), delays[0]), withLoop(latencyRow('typing while exporting', during), delays[1])]);
      console.table(exports);
      const p99 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 99);
      figure('typing p99 while a 32 MB export runs', p99(during), { name: 'typing alone', value: p99(alone) }, ms, null);
    });
    await section('signin', 2 * MINUTE, 'Sign-in of a real person, alone and while 200 wrong ones with made-up addresses arrive from the same address:', async () => {
      const rows = await signInUnderFlood(loaded.target);
      console.table(rows);
      figure('sign-in amid 200 wrong ones', cell(rows[1].ms), { name: 'a sign-in alone', value: cell(rows[0].ms) }, ms, null);
      fact('sign-in amid the flood succeeds', `answered ${rows[1].status}`, `alone: ${rows[0].status}`, 'answered 200', rows[1].status === 200);
    });
  } finally {
    await loaded.stop();
  }
}

await section('fanout', 8 * MINUTE, 'Thread message fan-out: members in one thread room, one person posting; time from the post to each member, and messages a second reaching everyone:', async () => {
  const rows = await threadFanOutRows();
  console.table(rows.map(({ p99: _p99, perSecond: _rate, ...shown }) => shown));
  for (let i = 0; i < rows.length; i += 2) {
    const [ours, bare] = [rows[i], rows[i + 1]];
    figure(`thread fan-out p99, ${ours.members} members`, ours.p99, { name: 'bare Socket.IO', value: bare.p99 }, ms, { at: 'most', ratio: 2 });
    figure(`thread fan-out messages/s, ${ours.members} members`, ours.perSecond, { name: 'bare Socket.IO', value: bare.perSecond }, (v) => `${v.toFixed(1)}/s`, { at: 'least', ratio: 0.5 });
  }
});

await section('memory', 6 * MINUTE, 'Idle memory per open document: each server given the same reference programmes (about 60 pages), one client on each, then idle:', async () => {
  const rows = await idleMemoryRows();
  console.table(rows);
  const [reference, ours, hocuspocus] = rows;
  figure('idle memory per open document (RSS)', cell(ours['RSS MB per document']), { name: 'Hocuspocus 3', value: cell(hocuspocus['RSS MB per document']) }, mb, { at: 'most', ratio: 1.2 });
  figure('idle memory per open document (heap)', cell(ours['heap MB per document']), { name: 'Hocuspocus 3', value: cell(hocuspocus['heap MB per document']) }, mb, { at: 'most', ratio: 1.2 });
  figure('idle memory per open document (RSS), beside the reference', cell(ours['RSS MB per document']), { name: 'y-websocket ref.', value: cell(reference['RSS MB per document']) }, mb, null);
});

await section('sync', 4 * MINUTE, 'First sync of a large document: a fresh client opens it (loaded from storage), then a second one (in memory):', async () => {
  const rows = await firstSyncRows();
  console.table(rows.map(({ cold: _cold, peakGrowth: _peak, ...shown }) => shown));
  const [reference, ours, hocuspocus] = rows;
  figure(`first sync of a ${ours['state MB']} MB document`, ours.cold, { name: 'Hocuspocus 3', value: hocuspocus.cold }, ms, { at: 'most', ratio: 1.2 });
  figure('server memory growth during that sync (peak RSS)', ours.peakGrowth, { name: 'Hocuspocus 3', value: hocuspocus.peakGrowth }, (v) => `${v.toFixed(0)} MB`, { at: 'most', ratio: 1.2 });
  figure(`first sync of a ${ours['state MB']} MB document, beside the reference`, ours.cold, { name: 'y-websocket ref.', value: reference.cold }, ms, null);
});

await section('directory', 6 * MINUTE, 'The public directory of programmes (issue 10), requests per second against a bare Fastify route sending the same bytes (goal: ratio ≥ 0.5):', async () => {
  const rows = await directoryBenchTable();
  console.table(rows);
  for (const row of rows.filter((r) => r.address !== '/api/health')) {
    figure(`directory ${row.address}`, row['Maillage req/s'], { name: 'bare Fastify', value: row['bare Fastify req/s'] }, perSecond, { at: 'least', ratio: 0.5 });
  }
});

await section('public', 4 * MINUTE, 'Public reads (issue 13), requests per second of each public route beside a bare Fastify route returning the same object, in alternating rounds (goal: ratio ≥ 0.5):', async () => {
  const rows = await publicReadsTable();
  console.table(rows);
  for (const row of rows.filter((r) => !r['public read'].startsWith('(for scale'))) {
    figure(`public read: ${row['public read']}`, row['Maillage req/s'], { name: 'bare Fastify', value: row['bare Fastify req/s'] }, perSecond, { at: 'least', ratio: 0.5 });
  }
});

await section('prepared', 2 * MINUTE, 'Hot paths of signed-in traffic (issue 13): the session lookup and a group access check, drizzle building and preparing on each call beside the statements prepared once now:', async () => {
  const rows = await preparedStatementsTable();
  console.table(rows);
  for (const row of rows) {
    figure(`${row['hot path']}, per call`, Number(row['prepared once µs']), { name: 'drizzle per call', value: Number(row['drizzle per call µs']) }, (v) => `${v.toFixed(1)} µs`, null);
  }
});

console.log('\nSummary: every figure of this run beside its reference (a ratio above 1 is more time or memory, or more requests a second, than the reference):');
console.table(summary());
console.log(`Sections: ${durations.map((d) => `${d.section} ${d.seconds} s`).join(', ')}; total ${((performance.now() - began) / 1000).toFixed(0)} s.`);
process.exit(0);
