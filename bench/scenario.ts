import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { CLIENT_KINDS, type ClientKind, type Target } from './clients';
import type { ReadersReply, ReadersRequest } from './readers';

export const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
export const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 400);
export const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 10);

export async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Reader processes (readers.ts) the readers of every scenario are shared among, forked on first use. */
export const READER_PROCESSES = Number(process.env.BENCH_READER_PROCESSES ?? 4);
let readerProcesses: ChildProcess[] = [];

function ask(child: ChildProcess, request: ReadersRequest, expect: ReadersReply['type']): Promise<ReadersReply> {
  // Referenced only while a reply is awaited: idle reader processes never keep the bench alive.
  const channel = child.channel as unknown as { ref(): void; unref(): void };
  channel.ref();
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench: a reader process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (reply: ReadersReply) => {
      child.off('exit', onExit);
      channel.unref();
      if (reply.type === expect) resolve(reply);
      else reject(new Error(`bench: a reader process answered ${reply.type}, not ${expect}`));
    });
    child.send(request);
  });
}

function readerPool(): ChildProcess[] {
  if (readerProcesses.length === 0) {
    readerProcesses = Array.from({ length: READER_PROCESSES }, () => {
      const child = fork(fileURLToPath(new URL('./readers.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.unref();
      (child.channel as unknown as { unref(): void }).unref();
      return child;
    });
  }
  return readerProcesses;
}

/**
 * One person types among CLIENTS people in one document: the typer here, the readers shared among
 * READER_PROCESSES processes (each reader is a person's own browser: a pause of one delays only
 * the readers it holds). Latencies of every delivery, and the wall-clock window from the first
 * keystroke to the last delivery.
 */
export async function scenario(target: Target, keystrokes: number, kind: ClientKind) {
  const now = () => performance.timeOrigin + performance.now();
  const typer = CLIENT_KINDS[kind](target);
  const typerId = typer.doc.clientID;
  const pool = readerPool();
  const readers = CLIENTS - 1;
  const shares = pool.map((_, i) => Math.floor(readers / pool.length) + (i < readers % pool.length ? 1 : 0));
  await Promise.all(pool.map((child, i) => ask(child, { type: 'connect', target, kind, count: shares[i], typerId }, 'synced')));
  await waitUntil(() => typer.synced(), 'the typer synced');
  // Typed where Tiptap types: a paragraph of the `default` fragment (our server refuses anything else).
  const text = new Y.XmlText();
  typer.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    typer.doc.getXmlFragment('default').push([paragraph]);
  });
  const sentAt = new Map<number, number>();
  const from = Date.now();
  for (let i = 0; i < keystrokes; i++) {
    sentAt.set(Y.getState(typer.doc.store, typerId), now());
    text.insert(text.length, 'abcdefghij'[i % 10]);
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  const untilClock = Y.getState(typer.doc.store, typerId);
  const replies = await Promise.all(pool.map((child) => ask(child, { type: 'collect', untilClock }, 'arrivals')));
  const to = Date.now();
  typer.destroy();
  const latencies: number[] = [];
  for (const reply of replies) {
    if (reply.type !== 'arrivals') continue;
    for (const [clock, at] of reply.arrivals) {
      const sent = sentAt.get(clock);
      if (sent !== undefined) latencies.push(at - sent);
    }
  }
  if (latencies.length !== readers * keystrokes) throw new Error(`bench: ${latencies.length} deliveries, ${readers * keystrokes} expected`);
  return { latencies, from, to };
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];


/** A table row of latency percentiles. */
export function latencyRow(name: string, latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    server: name,
    'p50 ms': percentile(sorted, 50).toFixed(2),
    'p90 ms': percentile(sorted, 90).toFixed(2),
    'p99 ms': percentile(sorted, 99).toFixed(2),
    'max ms': sorted[sorted.length - 1].toFixed(2),
    'mean ms': (sorted.reduce((s, v) => s + v, 0) / sorted.length).toFixed(2),
    deliveries: sorted.length,
  };
}
