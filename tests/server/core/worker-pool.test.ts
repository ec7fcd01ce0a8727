import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool, WorkerPoolBusy, WorkerTaskTimeout } from '../../../server/core/worker-pool';

/** Whether a process runs (a zombie, ended but not yet reaped by whoever adopted it, does not). */
function running(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tasks = new URL('./fixtures/worker-tasks.ts', import.meta.url);
const pool = createWorkerPool(tasks, { maxWorkers: 1, maxHeapMb: 64 });
afterAll(() => pool.close());

describe('worker pool', () => {
  it('runs a TypeScript task in another process and returns its result', async () => {
    const result = await pool.run<{ text: string; pid: number }>('echo', { text: 'maillage' }, { timeoutMs: 20_000 });
    expect(result.text).toBe('MAILLAGE');
    expect(result.pid).not.toBe(process.pid);
  });

  it('passes bytes both ways as bytes', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const back = await pool.run<Uint8Array>('reverse', { bytes }, { timeoutMs: 20_000 });
    expect(back).toBeInstanceOf(Uint8Array);
    expect(back.byteLength).toBe(bytes.byteLength);
    expect(back[0]).toBe(bytes.at(-1));
    expect(back.at(-1)).toBe(bytes[0]);
  });

  it("hands a task's error back with its message and code", async () => {
    await expect(pool.run('fail', {}, { timeoutMs: 20_000 })).rejects.toMatchObject({ message: 'document illisible', code: 'E_UNREADABLE' });
  });

  it('gives a worker the stack a deeply nested document needs (a process has less by default)', async () => {
    await expect(pool.run('nest', { depth: 30_000 }, { timeoutMs: 20_000 })).resolves.toBe(30_000);
  });

  it('stops a task that overruns its time, keeps the event loop free meanwhile, and serves the next task', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await expect(pool.run('spin', {}, { timeoutMs: 600 })).rejects.toBeInstanceOf(WorkerTaskTimeout);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    await expect(pool.run('echo', { text: 'encore' }, { timeoutMs: 20_000 })).resolves.toMatchObject({ text: 'ENCORE' });
  });

  it('a task that exhausts its heap fails alone, as out of memory; the process and the pool go on', async () => {
    await expect(pool.run('allocate', {}, { timeoutMs: 30_000 })).rejects.toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    await expect(pool.run('echo', { text: 'vivant' }, { timeoutMs: 20_000 })).resolves.toMatchObject({ text: 'VIVANT' });
  });

  it('a task that ends its worker fails alone; the next task gets a new worker', async () => {
    const before = await pool.run<{ pid: number }>('echo', { text: 'a' }, { timeoutMs: 20_000 });
    await expect(pool.run('exit', {}, { timeoutMs: 20_000 })).rejects.toThrow(/code 3/);
    const after = await pool.run<{ pid: number }>('echo', { text: 'b' }, { timeoutMs: 20_000 });
    expect(after.pid).not.toBe(before.pid);
  });

  it('a worker finishes its task through Ctrl-C (the server decides when it ends)', async () => {
    const { pid } = await pool.run<{ pid: number }>('echo', { text: 'a' }, { timeoutMs: 20_000 });
    const task = pool.run('sleep', { ms: 800 }, { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 200));
    process.kill(pid, 'SIGINT');
    await expect(task).resolves.toBe(800);
  });

  it('no worker outlives its server, even one killed outright in the middle of a task', async () => {
    const owner = spawn(process.execPath, ['--import', 'tsx', new URL('./fixtures/pool-owner.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = await Promise.race([
        createInterface({ input: owner.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the server stand-in never started its worker')), 30_000)),
      ]);
      const worker = Number(line);
      expect(running(worker)).toBe(true);
      owner.kill('SIGKILL');
      await until(() => !running(worker), 'the orphaned worker has exited');
    } finally {
      owner.kill('SIGKILL');
    }
  });

  it('an idle worker gives back what a large task held, and leaves the small tasks without a full collection', async () => {
    const roomy = createWorkerPool(tasks, { maxWorkers: 1, maxHeapMb: 512 });
    try {
      const idle = () => new Promise((r) => setTimeout(r, 1_500));
      const before = await roomy.run<{ held: number; fullCollections: number }>('heap', null, { timeoutMs: 20_000 });
      // A document's text every few seconds of typing: no full collection follows.
      for (let i = 0; i < 3; i++) await roomy.run('echo', { text: 'frappe' }, { timeoutMs: 20_000 });
      await idle();
      const afterSmall = await roomy.run<{ held: number; fullCollections: number }>('heap', null, { timeoutMs: 20_000 });
      expect(afterSmall.fullCollections).toBe(before.fullCollections);
      // An export's worth of memory: a second later the worker holds about what it held before.
      const during = await roomy.run<number>('hoard', { mb: 200 }, { timeoutMs: 20_000 });
      expect(during - before.held).toBeGreaterThan(48 * 1024 * 1024);
      await idle();
      const afterLarge = await roomy.run<{ held: number; fullCollections: number }>('heap', null, { timeoutMs: 20_000 });
      expect(afterLarge.fullCollections).toBeGreaterThan(afterSmall.fullCollections);
      expect(afterLarge.held - before.held).toBeLessThan(16 * 1024 * 1024);
    } finally {
      await roomy.close();
    }
  });

  it('refuses at once past its queue, and serves what it accepted', async () => {
    const small = createWorkerPool(tasks, { maxWorkers: 1, maxQueue: 2 });
    try {
      const accepted = [small.run('echo', { text: 'un' }, { timeoutMs: 20_000 }), small.run('echo', { text: 'deux' }, { timeoutMs: 20_000 })];
      await expect(small.run('echo', { text: 'trois' }, { timeoutMs: 20_000 })).rejects.toBeInstanceOf(WorkerPoolBusy);
      await expect(Promise.all(accepted)).resolves.toMatchObject([{ text: 'UN' }, { text: 'DEUX' }]);
    } finally {
      await small.close();
    }
  });

  it('closing fails the waiting tasks and ends its workers', async () => {
    const closing = createWorkerPool(tasks, { maxWorkers: 1 });
    const first = await closing.run<{ pid: number }>('echo', { text: 'x' }, { timeoutMs: 20_000 });
    const running = expect(closing.run('spin', {}, { timeoutMs: 20_000 })).rejects.toThrow(/closed/);
    await closing.close();
    await running;
    expect(() => process.kill(first.pid, 0)).toThrow();
  });
});
