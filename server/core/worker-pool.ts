import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import Piscina from 'piscina';

/**
 * Heavy work (large documents, exports) runs in worker threads so that the event loop that
 * serves everyone keeps answering. Piscina (the Node.js project's own pool) queues tasks, bounds
 * each thread's heap and terminates a thread whose task overruns its time: a hostile document
 * can cost one worker, never the process.
 */
export interface WorkerPoolOptions {
  /** Threads at most (default: cores − 1, at least 1). */
  maxThreads?: number;
  /** Heap of one thread, in MiB: past it the thread dies with ERR_WORKER_OUT_OF_MEMORY. */
  maxHeapMb?: number;
  /** Tasks waiting for a thread; beyond it `run` rejects at once with WorkerPoolBusy. */
  maxQueue?: number;
  /** Keep one thread started, so that the first task does not wait for a thread to load. */
  warm?: boolean;
}

export class WorkerPoolBusy extends Error {}
export class WorkerTaskTimeout extends Error {}

export interface WorkerPool {
  /** Runs the exported function `name` of the pool's module with `payload` (structured-cloned). */
  run<T>(name: string, payload: unknown, options: { timeoutMs: number; transfer?: ArrayBuffer[] }): Promise<T>;
  readonly queued: number;
  close(): Promise<void>;
}

/** True when this code runs from the compiled server (dist/server/*.js), false from the TypeScript sources. */
const fromBuild = import.meta.url.endsWith('.js');

/**
 * The module a worker thread loads for `source` (a `.ts` task module of the sources). The build
 * (scripts/build-server.mjs) bundles every task module into `<name>.js` beside main.js, where this
 * code also lives then: `source` itself, resolved from the bundle, would name a file that does not exist.
 */
export function taskModule(source: URL): URL {
  return fromBuild ? new URL(`./${basename(source.pathname, '.ts')}.js`, import.meta.url) : source;
}

/**
 * A pool running the exported functions of the task module `module`, given as the URL of its
 * TypeScript source (`new URL('./x.tasks.ts', import.meta.url)`); see taskModule for the build.
 */
export function createWorkerPool(module: URL, options: WorkerPoolOptions = {}): WorkerPool {
  const threads = options.maxThreads ?? Math.max(1, availableParallelism() - 1);
  const pool = new Piscina({
    // bootstrap.mjs is plain JavaScript: the build copies it to dist/server/workers/, the same place relative to this code.
    filename: new URL('./workers/bootstrap.mjs', import.meta.url).href,
    workerData: { module: taskModule(module).href },
    minThreads: options.warm ? 1 : 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    maxQueue: options.maxQueue ?? 64,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
  });
  return {
    async run<T>(name: string, payload: unknown, { timeoutMs, transfer }: { timeoutMs: number; transfer?: ArrayBuffer[] }): Promise<T> {
      if (pool.queueSize >= pool.options.maxQueue) throw new WorkerPoolBusy('worker queue full');
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        return (await pool.run({ name, payload }, { signal, transferList: transfer })) as T;
      } catch (err) {
        if (signal.aborted) throw new WorkerTaskTimeout(`worker task ${name} took longer than ${timeoutMs} ms`);
        if ((err as Error).message?.includes('Task queue is at limit')) throw new WorkerPoolBusy('worker queue full');
        throw err;
      }
    },
    get queued() {
      return pool.queueSize;
    },
    close: () => pool.destroy(),
  };
}
