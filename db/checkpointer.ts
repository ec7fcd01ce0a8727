import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * Moves SQLite's WAL checkpoints off the event loop. With the default autocheckpoint, the commit
 * that crosses 1,000 WAL pages copies them into the database file inside that commit, and every
 * collaborator waits for it (the tail of `npm run bench`). A worker thread with its own
 * connection runs PASSIVE checkpoints, which never block writers, on a timer.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const tick = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage({ error: String(err) }); }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.postMessage('stopped');
});
parentPort.postMessage('ready');
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, intervalMs, driver } });
  worker.on('message', (m: unknown) => {
    if (typeof m === 'object' && m && 'error' in m) onError(String((m as { error: unknown }).error));
  });
  worker.on('error', (err) => onError(err.message));
  return {
    stop: () => new Promise<void>((resolve) => {
      const done = () => resolve();
      worker.once('exit', done);
      worker.on('message', (m) => { if (m === 'stopped') void worker.terminate(); });
      worker.postMessage('stop');
      // A worker that cannot answer must not hold the shutdown.
      setTimeout(() => void worker.terminate(), 2000).unref();
    }),
  };
}
