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
parentPort.on('message', (id) => {
  try {
    db ??= new Database(workerData.file, { fileMustExist: true });
    db.pragma('busy_timeout = ' + workerData.busyMs);
    db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
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

export function createDbProbe(file: string, timeoutMs: number): DbProbe {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | null = null;
  let next = 0;

  function start(): Worker {
    // Waiting on a lock a little longer than the bound turns a held lock into a timeout, like a stalled disk.
    const started = new Worker(WORKER, { eval: true, workerData: { file, driver, busyMs: timeoutMs * 2 } });
    started.unref();
    started.on('error', () => { if (worker === started) worker = null; });
    return started;
  }

  function retire(stuck: Worker): void {
    if (worker === stuck) worker = null;
    void stuck.terminate();
  }

  return {
    check() {
      const current = (worker ??= start());
      const id = ++next;
      return new Promise<ProbeResult>((resolve) => {
        const timer = setTimeout(() => {
          current.off('message', answer);
          retire(current);
          resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` });
        }, timeoutMs);
        function answer(message: { id: number; ok: boolean; error?: string }) {
          if (message.id !== id) return;
          clearTimeout(timer);
          current.off('message', answer);
          resolve(message.ok ? { ok: true } : { ok: false, reason: message.error ?? 'error' });
        }
        current.on('message', answer);
        current.postMessage(id);
      });
    },
    async close() {
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
