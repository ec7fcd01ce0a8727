// Entry of every worker process of a pool (see ../worker-pool.ts): loads the task module named
// on its command line, then runs one task per message and answers it. TypeScript sources are
// compiled on the fly by tsx, as the main process's are.
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
let collect;
const collectWhenIdle = () => {
  clearTimeout(collect);
  if (globalThis.gc) collect = setTimeout(() => globalThis.gc(), 1000);
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
