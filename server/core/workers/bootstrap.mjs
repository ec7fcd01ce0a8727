// Entry of every worker thread of a pool (see ../worker-pool.ts). Loads the task module named by
// the pool; TypeScript sources are compiled on the fly by tsx, as the main thread's are.
import Piscina from 'piscina';

const target = Piscina.workerData.module;
if (target.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const tasks = await import(target);

export default function run({ name, payload }) {
  const task = tasks[name];
  if (typeof task !== 'function') throw new Error(`unknown worker task ${name}`);
  return task(payload);
}
