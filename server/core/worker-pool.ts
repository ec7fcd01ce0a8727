import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Heavy work (large documents, exports) runs in worker processes so that the event loop that
 * serves everyone keeps answering. Processes, not threads: V8 can abort the whole process when a
 * worker *thread* runs out of heap (nodejs/node#47224; Node 24 did so in our tests), whereas a
 * child process that runs out of heap dies alone. A hostile document costs one worker, never the
 * server. The pool queues tasks, bounds each worker's heap (--max-old-space-size) and kills a
 * worker whose task overruns its time; a dead worker is replaced on the next task.
 */
export interface WorkerPoolOptions {
  /** Workers at most (default: cores − 1, at least 1). */
  maxWorkers?: number;
  /** Heap of one worker, in MiB: past it the worker dies and its task fails with ERR_WORKER_OUT_OF_MEMORY. */
  maxHeapMb?: number;
  /** Tasks waiting for a worker; beyond it `run` rejects at once with WorkerPoolBusy. */
  maxQueue?: number;
  /** Keep one worker started, so that the first task does not wait for a worker to load. */
  warm?: boolean;
  /** An idle worker beyond the warm one stops after this long (ms). */
  idleTimeoutMs?: number;
}

export class WorkerPoolBusy extends Error {}
export class WorkerTaskTimeout extends Error {}

export interface WorkerPool {
  /** Runs the exported function `name` of the pool's module with `payload` (copied by structured clone). */
  run<T>(name: string, payload: unknown, options: { timeoutMs: number }): Promise<T>;
  close(): Promise<void>;
}

/** True when this code runs from the compiled server (dist/server/*.js), false from the TypeScript sources. */
const fromBuild = import.meta.url.endsWith('.js');

/**
 * The module a worker loads for `source` (a `.ts` task module of the sources). The build
 * (scripts/build-server.mjs) bundles every task module into `<name>.js` beside main.js, where this
 * code also lives then: `source` itself, resolved from the bundle, would name a file that does not exist.
 */
export function taskModule(source: URL): URL {
  return fromBuild ? new URL(`./${basename(source.pathname, '.ts')}.js`, import.meta.url) : source;
}

// bootstrap.mjs is plain JavaScript: the build copies it to dist/server/workers/, the same place relative to this code.
const BOOTSTRAP = fileURLToPath(new URL('./workers/bootstrap.mjs', import.meta.url));
const WORKER_STACK_KB = 3900;
/** What a worker printed last on stderr, kept to tell an out-of-memory death from another. */
const STDERR_TAIL = 4096;

interface Task {
  name: string;
  payload: unknown;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  worker?: Worker;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  task: Task | null;
  stderr: string;
  idle?: NodeJS.Timeout;
}

type Reply = { ready: true } | { ok: true; value: unknown } | { ok: false; error: { name?: string; message: string; code?: string } };

function outOfMemory(): Error {
  const err = new Error('worker ran out of memory') as Error & { code: string };
  err.code = 'ERR_WORKER_OUT_OF_MEMORY';
  return err;
}

/**
 * A pool running the exported functions of the task module `module`, given as the URL of its
 * TypeScript source (`new URL('./x.tasks.ts', import.meta.url)`); see taskModule for the build.
 */
export function createWorkerPool(module: URL, options: WorkerPoolOptions = {}): WorkerPool {
  const maxWorkers = options.maxWorkers ?? Math.max(1, availableParallelism() - 1);
  const maxQueue = options.maxQueue ?? 64;
  const minWorkers = options.warm ? 1 : 0;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const target = taskModule(module).href;
  const workers = new Set<Worker>();
  const queue: Task[] = [];
  let closed = false;

  function spawn(): Worker {
    const child = fork(BOOTSTRAP, [target], {
      // Advanced serialization: Uint8Array states cross as bytes, not as JSON arrays of numbers.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      execArgv: [
        `--max-old-space-size=${options.maxHeapMb ?? 512}`,
        // The stack a worker thread had (4 MiB less Node's margin): deeply nested documents are read
        // recursively. The OS gives a process's main thread 8 MiB (ulimit -s); under 4 MiB a deep
        // document would crash that one worker, still never the server.
        `--stack-size=${WORKER_STACK_KB}`,
        // An idle worker collects its garbage (bootstrap.mjs).
        '--expose-gc',
        ...(process.sourceMapsEnabled ? ['--enable-source-maps'] : []),
      ],
    });
    const worker: Worker = { child, ready: false, task: null, stderr: '' };
    workers.add(worker);
    child.stderr!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      worker.stderr = (worker.stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    child.on('message', (reply: Reply) => onReply(worker, reply));
    // A failed spawn emits 'error' (and maybe no 'exit'): both end the worker once.
    child.on('error', (err) => onExit(worker, err));
    child.on('exit', (code, signal) => onExit(worker, new Error(`worker exited (${signal ?? `code ${code}`})`)));
    idle(worker);
    return worker;
  }

  /** An idle worker neither keeps the process alive nor lives forever beyond the warm one. */
  function idle(worker: Worker) {
    worker.child.unref();
    (worker.child.channel as { unref?(): void } | undefined)?.unref?.();
    (worker.child.stderr as { unref?(): void } | null)?.unref?.();
    clearTimeout(worker.idle);
    worker.idle = setTimeout(() => {
      if (!worker.task && workers.size > minWorkers) stop(worker);
    }, idleTimeoutMs).unref();
  }

  function stop(worker: Worker) {
    workers.delete(worker);
    clearTimeout(worker.idle);
    worker.child.kill('SIGKILL');
  }

  function onReply(worker: Worker, reply: Reply) {
    if ('ready' in reply) {
      worker.ready = true;
      return pump();
    }
    const task = worker.task;
    if (!task) return;
    worker.task = null;
    clearTimeout(task.timer);
    if (reply.ok) task.resolve(reply.value);
    else task.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name ?? 'Error', code: reply.error.code }));
    idle(worker);
    pump();
  }

  function onExit(worker: Worker, reason: Error) {
    const known = workers.delete(worker);
    // A worker the pool stopped itself (idle, overrun, closing) has nothing left to settle.
    if (!known && !worker.task) return keepWarm();
    clearTimeout(worker.idle);
    const task = worker.task;
    worker.task = null;
    if (task) {
      clearTimeout(task.timer);
      task.reject(/heap out of memory|Reached heap limit/i.test(worker.stderr) ? outOfMemory() : reason);
    } else if (!worker.ready && !closed) {
      // The module itself does not load: waiting tasks would wait for ever.
      for (const waiting of queue.splice(0)) {
        clearTimeout(waiting.timer);
        waiting.reject(new Error(`worker failed to start: ${worker.stderr.trim().split('\n').at(-1) ?? reason.message}`));
      }
    }
    keepWarm();
    pump();
  }

  function keepWarm() {
    if (!closed && workers.size < minWorkers) spawn();
  }

  function pump() {
    while (!closed && queue.length > 0) {
      const free = [...workers].find((w) => w.ready && !w.task);
      if (!free) {
        const starting = [...workers].some((w) => !w.ready);
        if (!starting && workers.size < maxWorkers) spawn();
        return;
      }
      const task = queue.shift()!;
      dispatch(free, task);
    }
  }

  function dispatch(worker: Worker, task: Task) {
    worker.task = task;
    task.worker = worker;
    clearTimeout(worker.idle);
    worker.child.ref();
    (worker.child.channel as { ref?(): void } | undefined)?.ref?.();
    try {
      worker.child.send({ name: task.name, payload: task.payload });
    } catch (err) {
      // A payload that cannot be cloned fails its task alone.
      worker.task = null;
      clearTimeout(task.timer);
      task.reject(err as Error);
      idle(worker);
    }
  }

  keepWarm();

  return {
    run<T>(name: string, payload: unknown, { timeoutMs }: { timeoutMs: number }): Promise<T> {
      if (closed) return Promise.reject(new Error('worker pool closed'));
      if (queue.length >= maxQueue) return Promise.reject(new WorkerPoolBusy('worker queue full'));
      return new Promise<T>((resolve, reject) => {
        const task: Task = {
          name, payload, resolve: resolve as (value: unknown) => void, reject,
          // The time counts from the request, waiting included: the person waits for all of it.
          timer: setTimeout(() => {
            const waiting = queue.indexOf(task);
            if (waiting >= 0) queue.splice(waiting, 1);
            else if (task.worker?.task === task) {
              task.worker.task = null;
              stop(task.worker);
              pump();
            }
            reject(new WorkerTaskTimeout(`worker task ${name} took longer than ${timeoutMs} ms`));
          }, timeoutMs),
        };
        queue.push(task);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) {
        clearTimeout(task.timer);
        task.reject(new Error('worker pool closed'));
      }
      const exits = [...workers].map((w) => new Promise<void>((done) => {
        if (w.child.exitCode !== null || w.child.signalCode !== null) return done();
        w.child.once('exit', () => done());
      }));
      for (const worker of [...workers]) {
        const task = worker.task;
        worker.task = null;
        if (task) {
          clearTimeout(task.timer);
          task.reject(new Error('worker pool closed'));
        }
        stop(worker);
      }
      await Promise.all(exits);
    },
  };
}
