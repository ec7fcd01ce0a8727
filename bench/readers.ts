import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { CLIENT_KINDS, type BenchClient, type ClientKind, type Target } from './clients';
import { waitUntil } from './scenario';

/**
 * A share of a scenario's readers, in a process of its own (forked by scenario.ts). Each reader is
 * one person's browser: a collection pause in one of them delays that person only, as on real
 * machines, instead of all 49 at once when every reader lived in the bench's process. Each reader
 * notes when every clock of the typer arrived, on the machine's clock, which every process reads
 * alike (`performance.timeOrigin` + `performance.now()`).
 */
export type ReadersRequest =
  | { type: 'connect'; target: Target; kind: ClientKind; count: number; typerId: number }
  | { type: 'collect'; untilClock: number };

export type ReadersReply =
  | { type: 'synced' }
  | { type: 'arrivals'; arrivals: Array<[clock: number, at: number]> };

// Each stock y-websocket provider listens to the process's exit: a dozen readers are no leak.
process.setMaxListeners(0);

let readers: BenchClient[] = [];
let arrivals: Array<[number, number]> = [];
let states: number[] = [];

const send = (reply: ReadersReply) => process.send!(reply);
const now = () => performance.timeOrigin + performance.now();

async function connect({ target, kind, count, typerId }: Extract<ReadersRequest, { type: 'connect' }>) {
  readers = Array.from({ length: count }, () => CLIENT_KINDS[kind](target));
  arrivals = [];
  states = readers.map(() => 0);
  readers.forEach((reader, i) => {
    reader.doc.on('update', () => {
      const at = now();
      const state = Y.getState(reader.doc.store, typerId);
      for (let clock = states[i]; clock < state; clock++) arrivals.push([clock, at]);
      states[i] = state;
    });
  });
  await waitUntil(() => readers.every((r) => r.synced()), 'the readers synced');
  send({ type: 'synced' });
}

async function collect({ untilClock }: Extract<ReadersRequest, { type: 'collect' }>) {
  await waitUntil(() => states.every((s) => s >= untilClock), 'every keystroke read');
  for (const r of readers) r.destroy();
  readers = [];
  send({ type: 'arrivals', arrivals });
}

process.on('message', (request: ReadersRequest) => {
  const done = request.type === 'connect' ? connect(request) : collect(request);
  done.catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
