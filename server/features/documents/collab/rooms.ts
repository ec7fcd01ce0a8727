import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../../../db/schema/index';
import type { CollabSettings } from '../../../../shared/limits';
import { notFound } from '../../../core/errors';
import { buildDocument } from './load';
import { compact } from './persist';
import { CLOSE } from './protocol';
import { Room, type RoomEvents } from './room';
import type { CollabStore } from './store';

/** The documents loaded in memory, loaded on first use and unloaded a while after the last client. */
export function createRooms(app: FastifyInstance, store: CollabStore, settings: CollabSettings, events: RoomEvents) {
  const rooms = new Map<string, Room>();

  const registry = {
    get: (documentId: string) => rooms.get(documentId),
    all: () => [...rooms.values()],

    /** The loaded room, loading it if needed. Throws (never returns an empty stand-in) when it cannot. */
    acquire(documentId: string): Room {
      const loaded = rooms.get(documentId);
      if (loaded) {
        if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
        loaded.unloadTimer = null;
        return loaded;
      }
      const row = app.db.select({ groupId: documents.groupId }).from(documents).where(eq(documents.id, documentId)).get();
      if (!row) throw notFound('Document introuvable.');
      const stored = store.read(documentId);
      const doc = buildDocument(documentId, stored);
      const room = new Room(documentId, row.groupId, doc, stored.lastUpdateId, stored.bytes, stored.updates.length, events);
      rooms.set(documentId, room);
      return room;
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

    /** Compacts what the log holds, then forgets the document. Pending writes go first. */
    unload(room: Room): void {
      if (room.closed) return;
      if (room.pending.length > 0) return registry.scheduleUnloadAfterFlush(room);
      try {
        compact(store, room);
      } catch (err) {
        // The log still holds everything: the next load replays it.
        app.log.error({ err, documentId: room.id }, 'collab: compaction at unload failed');
      }
      registry.drop(room);
    },

    scheduleUnloadAfterFlush(room: Room): void {
      setImmediate(() => registry.unload(room));
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
