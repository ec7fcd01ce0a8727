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

process.on('message', async ({ name, payload }) => {
  try {
    const task = tasks[name];
    if (typeof task !== 'function') throw new Error(`unknown worker task ${name}`);
    reply({ ok: true, value: await task(payload) });
  } catch (err) {
    reply({ ok: false, error: { name: err?.name, message: String(err?.message ?? err), code: err?.code } });
  }
});
// The server is gone (ended or killed): its workers go with it.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
