import type { FastifyBaseLogger } from 'fastify';
import type { CollabStore } from './store';
import { ServerOrigin, type BatchEntry, type Room } from './room';

export interface BatchHooks {
  /** After the commit: send the batch's updates, then the replies that waited for it. */
  persisted(room: Room, entries: BatchEntry[]): void;
  /** The document's writes failed: what is in memory is ahead of the database. */
  failed(room: Room, err: Error): void;
  /** Awareness and replies of rooms that had nothing to write. */
  idle(room: Room): void;
}

/** Told of each write transaction: how many updates, how long it took (operators' metrics). */
export interface BatchObserver {
  written(updates: number, seconds: number): void;
}

/**
 * Fifth step: everything that arrived within one event-loop turn is written in ONE
 * transaction (setImmediate runs right after the I/O phase that delivered the frames), and
 * only then handed to broadcast. Nothing is sent before it is on disk.
 */
export function createBatcher(store: CollabStore, hooks: BatchHooks, log: FastifyBaseLogger, observer?: BatchObserver) {
  const scheduled = new Set<Room>();
  let timer: NodeJS.Immediate | null = null;

  function flush(): void {
    timer = null;
    const rooms = [...scheduled].filter((room) => !room.closed);
    scheduled.clear();
    // Taken before anything runs: listeners may start the next batch synchronously.
    const batches = rooms.map((room) => {
      const entries = room.pending;
      room.pending = [];
      return { room, entries };
    });
    const writing = batches.filter((b) => b.entries.length > 0);
    const results = writing.length > 0 ? write(writing) : [];
    writing.forEach(({ room, entries }, i) => {
      const result = results[i];
      if (result instanceof Error) {
        log.error({ err: result, documentId: room.id }, 'collab: updates could not be written');
        for (const e of entries) if (e.origin instanceof ServerOrigin) e.origin.reject(result);
        hooks.failed(room, result);
        return;
      }
      room.lastUpdateId = result;
      room.logCount += entries.length;
      const bytes = entries.reduce((sum, e) => sum + e.update.byteLength, 0);
      room.logBytes += bytes;
      room.bytes += bytes;
      for (const e of entries) if (e.origin instanceof ServerOrigin) e.origin.resolve();
      guarded(room, () => hooks.persisted(room, entries));
    });
    for (const { room, entries } of batches) if (entries.length === 0 && !room.closed) guarded(room, () => hooks.idle(room));
  }

  function write(writing: Array<{ room: Room; entries: BatchEntry[] }>): Array<number | Error> {
    const started = performance.now();
    let ids: Array<number | Error>;
    try {
      ids = store.append(writing.map(({ room, entries }) => ({
        documentId: room.id,
        updates: entries.map((e) => ({ data: e.update, userId: e.origin instanceof ServerOrigin ? e.origin.userId : e.origin.user.id })),
      })));
    } catch (err) {
      log.error({ err }, 'collab: batch transaction failed');
      return writing.map(() => err as Error);
    }
    observer?.written(writing.reduce((sum, b) => sum + b.entries.length, 0), (performance.now() - started) / 1000);
    return ids;
  }

  // This runs outside any request: a throw here would take the whole process down.
  function guarded(room: Room, send: () => void): void {
    try {
      send();
    } catch (err) {
      log.error({ err, documentId: room.id }, 'collab: sending a batch failed');
    }
  }

  return {
    schedule(room: Room): void {
      scheduled.add(room);
      timer ??= setImmediate(flush);
    },
    /** Writes what is pending now (shutdown, unload). */
    flushNow(): void {
      if (timer) clearImmediate(timer);
      timer = null;
      if (scheduled.size) flush();
    },
  };
}
