import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * Asks SQLite whether it answers, with a real time bound. better-sqlite3 is synchronous: a query
 * on the event loop against a stalled disk or a locked file would hang the health check itself
 * (and everything else). The probe reads from its own connection in a worker thread, so a
 * timeout can be kept; a worker that does not answer in time is replaced.
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

/** A thread's start (loading the driver) is not the database's answer; it gets its own, wider bound. */
const startBoundMs = (timeoutMs: number) => Math.max(5000, timeoutMs * 10);

export function createDbProbe(file: string, timeoutMs: number): DbProbe {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: ProbeWorker | null = null;
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
    // The replacement starts now, so the next check finds it ready.
    if (worker === stuck) worker = start();
    void stuck.thread.terminate();
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
      const current = (worker ??= start());
      if (!(await current.ready)) {
        retire(current);
        return { ok: false, reason: 'the probe could not start' };
      }
      return ask(current);
    },
    async close() {
      const current = worker;
      worker = null;
      if (current) await current.thread.terminate();
    },
  };
}
