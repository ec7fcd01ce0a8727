import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { ConnectClient, Target } from './clients';

/** One person types among CLIENTS people in one document; latencies of every delivery. */
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

/** Latencies, and the wall-clock window from the first keystroke to the last delivery. */
export async function scenario(target: Target, keystrokes: number, connect: ConnectClient) {
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
