import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool, WorkerTaskTimeout } from '../../../server/core/worker-pool';

const pool = createWorkerPool(new URL('./fixtures/worker-tasks.ts', import.meta.url), { maxThreads: 1, maxHeapMb: 64 });
afterAll(() => pool.close());

describe('worker pool', () => {
  it('runs a TypeScript task in another thread and returns its result', async () => {
    await expect(pool.run('echo', { text: 'maillage' }, { timeoutMs: 10_000 })).resolves.toEqual({ text: 'MAILLAGE', thread: 'worker' });
  });

  it('stops a task that overruns its time, keeps the event loop free meanwhile, and serves the next task', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await expect(pool.run('spin', {}, { timeoutMs: 600 })).rejects.toBeInstanceOf(WorkerTaskTimeout);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    await expect(pool.run('echo', { text: 'encore' }, { timeoutMs: 10_000 })).resolves.toMatchObject({ text: 'ENCORE' });
  });

  it('a task that exhausts its heap fails alone; the process and the pool go on', async () => {
    await expect(pool.run('allocate', {}, { timeoutMs: 20_000 })).rejects.toThrow();
    await expect(pool.run('echo', { text: 'vivant' }, { timeoutMs: 10_000 })).resolves.toMatchObject({ text: 'VIVANT' });
  });
});
