// Entry of every worker process of a pool (see ../worker-pool.ts): loads the task module named
// on its command line, then runs one task per message and answers it. TypeScript sources are
// compiled on the fly by tsx, as the main process's are.
import { getHeapSpaceStatistics } from 'node:v8';

const target = process.argv[2];
if (target.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const tasks = await import(target);

function reply(message) {
  try {
    process.send(message);
  } catch (err) {
    // A result that cannot be cloned is a failed task, not a silent one.
    process.send({ ok: false, error: { name: 'DataCloneError', message: String(err?.message ?? err) } });
  }
}

// A worker keeps the garbage of its last task (a 32 MB export leaves hundreds of MB) until its
// heap fills again, which an idle worker never does: a second idle, it gives that memory back.
// Only after a task that grew the heap: a full collection stops the worker for tens of
// milliseconds of a core, and the small tasks (a document's text every few seconds of typing)
// leave nothing worth it.
const GREW_BYTES = 32 * 1024 * 1024;
// The young generation is left out: it grows and shrinks on its own, collected cheaply.
const heldBytes = () => getHeapSpaceStatistics().reduce((sum, space) => sum + (space.space_name === 'new_space' ? 0 : space.space_size), 0);
// What the heap held after the last full collection (or once the tasks' modules were loaded).
let settledBytes = heldBytes();
let collect;
const collectWhenIdle = () => {
  clearTimeout(collect);
  if (!globalThis.gc || heldBytes() <= settledBytes + GREW_BYTES) return;
  collect = setTimeout(() => {
    globalThis.gc();
    settledBytes = heldBytes();
  }, 1000);
};

process.on('message', async ({ name, payload }) => {
  clearTimeout(collect);
  try {
    const task = tasks[name];
    if (typeof task !== 'function') throw new Error(`unknown worker task ${name}`);
    reply({ ok: true, value: await task(payload) });
  } catch (err) {
    reply({ ok: false, error: { name: err?.name, message: String(err?.message ?? err), code: err?.code } });
  }
  collectWhenIdle();
});
// The server decides when its workers end: Ctrl-C in a terminal or systemd's SIGTERM reach the
// whole process group, and a worker must not die under a task the server is still finishing.
// When the server is gone (ended or killed), its channel closes and its workers go with it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
