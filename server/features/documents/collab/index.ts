import * as Y from 'yjs';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { COLLAB, type CollabSettings } from '../../../../shared/limits';
import type { UpgradeHandler } from '../../../core/upgrade';
import { watchAccess } from './access';
import { broadcastBatch, sendAwareness, sendOutbox } from './broadcast';
import type { CollabService } from './collab.types';
import { compact, createBatcher } from './persist';
import { CLOSE } from './protocol';
import { ServerOrigin, type Room } from './room';
import { createRooms } from './rooms';
import { createStore } from './store';
import { createUpgradeHandler } from './upgrade';

type PersistedListener = Parameters<CollabService['onPersisted']>[0];

/**
 * The Yjs collaboration endpoint (/collab/<documentId>): a small pipeline in the shape of
 * Hocuspocus — authenticate → authorise → load → apply → persist → broadcast, awareness beside.
 * The documents feature creates it once and routes the upgrades to `handleUpgrade`.
 */
export function createCollab(app: FastifyInstance): CollabService & { handleUpgrade: UpgradeHandler } {
  const settings: CollabSettings = { ...COLLAB, ...app.config.collab };
  const state = { closing: false };
  const store = createStore(app.sqlite);
  const listeners: PersistedListener[] = [];
  const compactSoon = new Set<Room>();

  const batcher = createBatcher(store, {
    persisted(room, entries) {
      broadcastBatch(room, entries);
      sendOutbox(room);
      sendAwareness(room);
      const userIds = [...new Set(entries.map((e) => (e.origin instanceof ServerOrigin ? e.origin.userId : e.origin.user.id)))]
        .filter((id): id is string => id !== null);
      for (const listener of listeners) {
        try {
          listener({ documentId: room.id, userIds });
        } catch (err) {
          app.log.error({ err }, 'collab: onPersisted listener failed');
        }
      }
      if (room.logCount >= settings.compactAfterUpdates || room.logBytes >= settings.compactAfterBytes) scheduleCompaction(room);
    },
    failed: (room) => rooms.fail(room, 'Enregistrement impossible : reconnexion…'),
    idle(room) {
      sendOutbox(room);
      sendAwareness(room);
    },
  }, app.log);

  const rooms = createRooms(app, store, settings, {
    changed(room, update, origin) {
      room.pending.push({ update, origin });
      batcher.schedule(room);
    },
    awareness(room, clients) {
      for (const client of clients) room.awarenessChanged.add(client);
      batcher.schedule(room);
    },
  });

  // Compaction runs after the batch that triggered it has been sent, never in its way.
  function scheduleCompaction(room: Room): void {
    if (compactSoon.has(room)) return;
    compactSoon.add(room);
    setImmediate(() => {
      compactSoon.delete(room);
      if (room.pending.length > 0) return scheduleCompaction(room);
      try {
        compact(store, room);
      } catch (err) {
        app.log.error({ err, documentId: room.id }, 'collab: compaction failed');
      }
    });
  }

  function closeDocument(documentId: string, reason: string): void {
    const room = rooms.get(documentId);
    if (!room) return;
    batcher.flushNow();
    for (const conn of room.connections) conn.close(CLOSE.notFound, reason);
    rooms.unload(room);
  }

  function storedState(documentId: string): Uint8Array {
    const stored = store.read(documentId);
    return Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]);
  }

  const { handleUpgrade, wss } = createUpgradeHandler(app, rooms, settings, state);
  watchAccess(app, rooms, closeDocument);

  const service: CollabService = {
    async applyServerChange(documentId, change, userId) {
      const room = rooms.acquire(documentId);
      const origin = new ServerOrigin(userId ?? null);
      try {
        room.doc.transact(() => change(room.doc), origin);
      } finally {
        rooms.scheduleUnload(room);
      }
      if (origin.changed) await origin.persisted;
    },
    async encodeState(documentId) {
      const loaded = rooms.get(documentId);
      if (loaded) return Y.encodeStateAsUpdate(loaded.doc);
      return storedState(documentId);
    },
    // Asked by every open editor after each save: from memory it costs a walk of the client ids only.
    async encodeStateVector(documentId) {
      const loaded = rooms.get(documentId);
      if (loaded) return Y.encodeStateVector(loaded.doc);
      return Y.encodeStateVectorFromUpdate(storedState(documentId));
    },
    onPersisted(listener) {
      listeners.push(listener);
    },
    async closeDocument(documentId, reason) {
      closeDocument(documentId, reason);
    },
    async flushAll() {
      batcher.flushNow();
      for (const room of rooms.all()) rooms.unload(room);
    },
  };

  // Shutdown: finish writing, say why to everyone, then let the server close.
  app.addHook('preClose', async () => {
    state.closing = true;
    batcher.flushNow();
    for (const client of wss.clients) client.close(CLOSE.shuttingDown, 'Le serveur redémarre.');
    await service.flushAll();
    await waitForClose(wss.clients, settings.closeGraceMs);
    wss.close();
  });

  // Anything a request still in flight wrote after preClose goes out before the database closes
  // (a feature's onClose runs before the core's).
  app.addHook('onClose', async () => batcher.flushNow());

  return { ...service, handleUpgrade };
}

async function waitForClose(clients: Set<WebSocket>, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const client of clients) client.terminate();
}
