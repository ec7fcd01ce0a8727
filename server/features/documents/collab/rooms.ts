import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../../../db/schema/index';
import type { CollabSettings } from '../../../../shared/limits';
import { notFound } from '../../../core/errors';
import type { WorkerPool } from '../../../core/worker-pool';
import type { LoadResult } from './collab.tasks';
import { countStructs } from './document-check';
import { LoadError, replay } from './load';
import { CLOSE } from './protocol';
import { Room, type RoomEvents } from './room';
import type { StoredDocument } from './store';
import { SCHEMA_FINGERPRINT } from './schema-fingerprint';
import { SERVED_STATE_BUDGET_BYTES, ServedBudget } from './served-state';
import { packState, unpackState } from './state-packing';

export interface RoomsOptions {
  pool: WorkerPool;
  databaseFile: string;
  settings: CollabSettings;
  events: RoomEvents;
  /** The stored snapshot and log, read on this thread (one read transaction, no decoding). */
  read(documentId: string): StoredDocument;
  /** A loaded document breaks the schema (stored before the checks existed): repair it. */
  repair(room: Room, problems: string[]): void;
  /** The room is about to be forgotten: fold its log into the snapshot. */
  compact(room: Room): void;
}

/** The stored document as one Y.Doc, or null when it cannot be applied here (the worker's state is used). */
function applyStored(stored: StoredDocument): Y.Doc | null {
  try {
    return replay(stored, true);
  } catch {
    return null;
  }
}

/**
 * The documents loaded in memory: loaded on first use (applied here from storage while a worker
 * thread rebuilds and checks it and encodes the whole state the first clients receive) and
 * unloaded a while after the last client.
 */
export function createRooms(app: FastifyInstance, options: RoomsOptions) {
  const { settings, events, pool } = options;
  const rooms = new Map<string, Room>();
  const loading = new Map<string, Promise<Room>>();
  const budget = new ServedBudget(SERVED_STATE_BUDGET_BYTES);

  async function load(documentId: string): Promise<Room> {
    const row = app.db.select({ groupId: documents.groupId }).from(documents).where(eq(documents.id, documentId)).get();
    if (!row) throw notFound('Ce document');
    const stored = options.read(documentId);
    // A snapshot alone, already found valid against this very schema (by a compaction or an earlier
    // opening): applied here, and its stored bytes framed as they are for the first clients. No
    // worker rebuilds or checks it again, and nothing is encoded on this loop.
    if (stored.snapshot && stored.updates.length === 0 && stored.checkedSchema === SCHEMA_FINGERPRINT) {
      const doc = applyStored(stored);
      if (doc) {
        const { frame, stateVector } = unpackState(packState(Y.encodeStateVector(doc), stored.snapshot));
        return open(documentId, row.groupId, doc, { lastUpdateId: stored.lastUpdateId, bytes: stored.bytes, logCount: 0, frame, stateVector, problems: [] });
      }
    }
    // The worker rebuilds and checks the document while this thread applies the same stored bytes:
    // the two run side by side instead of one after the other (the room opens once both are done).
    const checked = pool.run<LoadResult>('load', { file: options.databaseFile, documentId }, { timeoutMs: settings.loadTimeoutMs });
    let doc = applyStored(stored);
    let result: LoadResult;
    try {
      result = await checked;
    } catch (err) {
      doc?.destroy();
      throw new LoadError(`document ${documentId} cannot be loaded: ${(err as Error).message}`);
    }
    const { frame, state, stateVector } = unpackState(result.packed);
    // What this thread could not apply (a stored deletion nested too deep for Yjs's collection), or a
    // different version than the worker read, is taken from the worker's rebuilt state instead.
    if (!doc || result.lastUpdateId !== stored.lastUpdateId) {
      doc?.destroy();
      doc = new Y.Doc();
      Y.applyUpdate(doc, state, 'load');
    }
    return open(documentId, row.groupId, doc, { ...result, frame, stateVector });
  }

  function open(documentId: string, groupId: string, doc: Y.Doc, loaded: Omit<LoadResult, 'packed' | 'items'> & { frame: Uint8Array; stateVector: Uint8Array }): Room {
    const room = new Room(documentId, groupId, doc, loaded.lastUpdateId, loaded.bytes, loaded.logCount, events, budget, settings.encodeInPlaceBytes);
    room.items = countStructs(doc);
    // The whole document as the first clients need it: sent as it is.
    room.keepServed({ frame: loaded.frame, vector: loaded.stateVector, exact: true, bytesAtBase: loaded.bytes });
    rooms.set(documentId, room);
    if (loaded.problems.length > 0) options.repair(room, loaded.problems);
    return room;
  }

  const registry = {
    get: (documentId: string) => rooms.get(documentId),
    all: () => [...rooms.values()],
    /** Structs held in memory by every loaded document. */
    totalItems: () => {
      let total = 0;
      for (const room of rooms.values()) total += room.items;
      return total;
    },

    /** The loaded room, loading it if needed. Rejects (never resolves an empty stand-in) when it cannot. */
    async acquire(documentId: string): Promise<Room> {
      const loaded = rooms.get(documentId);
      if (loaded) {
        if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
        loaded.unloadTimer = null;
        return loaded;
      }
      let pending = loading.get(documentId);
      if (!pending) {
        pending = load(documentId).finally(() => loading.delete(documentId));
        loading.set(documentId, pending);
      }
      return pending;
    },

    /** Called when a client leaves or a server change is done: unload once nobody has come back. */
    scheduleUnload(room: Room): void {
      if (room.closed || room.connections.size > 0 || room.unloadTimer) return;
      room.unloadTimer = setTimeout(() => {
        room.unloadTimer = null;
        if (room.connections.size === 0) registry.unload(room);
      }, settings.unloadDelayMs);
      room.unloadTimer.unref();
    },

    /** Forgets the document once its pending writes are on disk; its log is compacted by a worker. */
    unload(room: Room): void {
      if (room.closed) return;
      if (room.pending.length > 0) return void setImmediate(() => registry.unload(room));
      options.compact(room);
      registry.drop(room);
    },

    /** Writing failed: memory is ahead of the database. Close, forget, let clients resend on reconnect. */
    fail(room: Room, reason: string): void {
      for (const conn of room.connections) conn.close(CLOSE.serverError, reason);
      registry.drop(room);
    },

    drop(room: Room): void {
      room.destroy();
      if (rooms.get(room.id) === room) rooms.delete(room.id);
    },
  };
  return registry;
}

export type Rooms = ReturnType<typeof createRooms>;
