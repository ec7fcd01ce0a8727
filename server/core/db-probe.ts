import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * Asks SQLite whether it answers, with a real time bound. better-sqlite3 is synchronous: a query
 * on the event loop against a stalled disk or a locked file would hang the health check itself
 * (and everything else). The probe reads from its own connection in a worker thread, so a
 * timeout can be kept; a worker that does not answer in time is replaced. It is never terminated:
 * a thread stopped while better-sqlite3 waits on a lock aborts the whole process ("FATAL ERROR:
 * v8::ToLocalChecked Empty MaybeLocal") when SQLite's error is thrown. It is asked to end once its
 * call returns (the busy timeout bounds it on a lock), and at most MAX_RETIRED wait at a time.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
function open() {
  db ??= new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = ' + workerData.busyMs);
  return db;
}
// Opened before the first question (opening takes no lock): the bound then times SQLite, not our start.
try { open(); } catch {}
parentPort.postMessage({ ready: true });
parentPort.on('message', (id) => {
  // Retired: asked once the call in progress has returned, never cut off inside it.
  if (id === 'close') {
    try { if (db) db.close(); } catch {}
    parentPort.close();
    return;
  }
  try {
    open().prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    parentPort.postMessage({ id, ok: true });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, error: String(err && err.message || err) });
  }
});
`;

export type ProbeResult = { ok: true } | { ok: false; reason: string };

export interface DbProbe {
  check(): Promise<ProbeResult>;
  close(): Promise<void>;
}

type ProbeWorker = { thread: Worker; ready: Promise<boolean> };

/** Probes still inside a call past their bound (a stalled disk): beyond this, no new one is started. */
const MAX_RETIRED = 2;

/** A thread's start (loading the driver) is not the database's answer; it gets its own, wider bound. */
const startBoundMs = (timeoutMs: number) => Math.max(5000, timeoutMs * 10);

export function createDbProbe(file: string, timeoutMs: number): DbProbe {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: ProbeWorker | null = null;
  const retired = new Set<ProbeWorker>();
  let next = 0;

  function start(): ProbeWorker {
    // Waiting on a lock a little longer than the bound turns a held lock into a timeout, like a stalled disk.
    const thread = new Worker(WORKER, { eval: true, workerData: { file, driver, busyMs: timeoutMs * 2 } });
    thread.unref();
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), startBoundMs(timeoutMs));
      const done = (ok: boolean) => { clearTimeout(timer); resolve(ok); };
      thread.once('message', () => done(true));
      thread.once('error', () => done(false));
      thread.once('exit', () => done(false));
    });
    const started = { thread, ready };
    thread.on('error', () => { if (worker === started) worker = null; });
    return started;
  }

  function retire(stuck: ProbeWorker): void {
    retired.add(stuck);
    stuck.thread.once('exit', () => retired.delete(stuck));
    stuck.thread.postMessage('close');
    // The replacement starts now, so the next check finds it ready.
    if (worker === stuck) worker = retired.size < MAX_RETIRED ? start() : null;
  }

  async function ask(current: ProbeWorker): Promise<ProbeResult> {
    const id = ++next;
    return new Promise<ProbeResult>((resolve) => {
      const timer = setTimeout(() => {
        current.thread.off('message', answer);
        retire(current);
        resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` });
      }, timeoutMs);
      function answer(message: { id?: number; ok?: boolean; error?: string }) {
        if (message.id !== id) return;
        clearTimeout(timer);
        current.thread.off('message', answer);
        resolve(message.ok ? { ok: true } : { ok: false, reason: message.error ?? 'error' });
      }
      current.thread.on('message', answer);
      current.thread.postMessage(id);
    });
  }

  return {
    async check() {
      if (!worker && retired.size >= MAX_RETIRED) return { ok: false, reason: `${retired.size} probes still wait for the database` };
      const current = (worker ??= start());
      if (!(await current.ready)) {
        retire(current);
        return { ok: false, reason: 'the probe could not start' };
      }
      return ask(current);
    },
    async close() {
      const all = [...(worker ? [worker] : []), ...retired];
      worker = null;
      const ended = all.map((p) => new Promise<void>((resolve) => {
        p.thread.once('exit', () => resolve());
        p.thread.postMessage('close');
      }));
      // One still inside SQLite past this is left to end with the process (its thread is unref'd).
      await Promise.race([Promise.all(ended), new Promise((resolve) => setTimeout(resolve, timeoutMs * 2 + 1000).unref())]);
    },
  };
}
