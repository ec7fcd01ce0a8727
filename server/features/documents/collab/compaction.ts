import type { FastifyBaseLogger } from 'fastify';
import type { WorkerPool } from '../../../core/worker-pool';
import type { Room } from './room';

/**
 * Folds a document's log into its snapshot in a worker process (collab.tasks.ts `compact`), one
 * compaction at a time per document. The worker reads what is stored up to the room's last
 * written id, so the updates still in memory are never part of it and nothing waits for it.
 */
export function createCompactor(pool: WorkerPool, databaseFile: string, timeoutMs: number, log: FastifyBaseLogger) {
  const running = new Map<string, Promise<void>>();

  async function run(room: Room): Promise<void> {
    const through = room.lastUpdateId;
    const count = room.logCount;
    const bytes = room.logBytes;
    try {
      const { snapshotBytes } = await pool.run<{ snapshotBytes: number }>('compact', { file: databaseFile, documentId: room.id, throughUpdateId: through }, { timeoutMs });
      if (room.closed) return;
      room.logCount = Math.max(0, room.logCount - count);
      room.logBytes = Math.max(0, room.logBytes - bytes);
      room.bytes = snapshotBytes + room.logBytes;
    } catch (err) {
      // The log still holds everything: the next compaction or load replays it.
      log.error({ err, documentId: room.id }, 'collab: compaction failed');
    }
  }

  return {
    /** Starts a compaction of what the room has written, unless one is running for the document. */
    compact(room: Room): void {
      if (room.logCount === 0 || running.has(room.id)) return;
      const task = run(room).finally(() => running.delete(room.id));
      running.set(room.id, task);
    },
    isCompacting: (room: Room) => running.has(room.id),
    /** Waits for the compactions under way (shutdown), at most `graceMs`. */
    async idle(graceMs: number): Promise<void> {
      await Promise.race([Promise.allSettled([...running.values()]), new Promise((r) => setTimeout(r, graceMs).unref())]);
    },
  };
}
