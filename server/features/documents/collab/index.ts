import * as Y from 'yjs';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { databaseFile } from '../../../../db/client';
import { DOCUMENT_CONTENT } from '../../../../shared/documents.content';
import { COLLAB, type CollabSettings } from '../../../../shared/limits';
import type { UpgradeHandler } from '../../../core/upgrade';
import { createWorkerPool } from '../../../core/worker-pool';
import { editorSchema } from '../content/editor-schema';
import { FRAGMENT } from '../content/yjs-content';
import { watchAccess } from './access';
import { broadcastBatch, sendAwareness, sendOutbox } from './broadcast';
import { createCompactor } from './compaction';
import type { CollabService } from './collab.types';
import { reportCollabMetrics } from './collab.metrics';
import { countStructs } from './document-check';
import { createBatcher } from './persist';
import { CLOSE } from './protocol';
import { ServerOrigin, type Room } from './room';
import { repairDocument as repair } from './repair';
import { createRooms } from './rooms';
import type { GuardOptions } from './schema-guard';
import { schemaRules } from './schema-rules';
import { unpackState } from './state-packing';
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
  const file = databaseFile(app.config.dataDir);
  // One worker: rebuilding and folding documents is rare and must not compete with the exports' pool.
  const pool = createWorkerPool(new URL('./collab.tasks.ts', import.meta.url), { maxWorkers: 1, maxHeapMb: 2048, maxQueue: 256, warm: app.config.warmWorkers !== false });
  if (app.config.warmWorkers !== false) {
    // The server says it is ready once its worker has loaded the editor's schema: otherwise the
    // first person to open a document after a restart waits for that load (a second or more).
    app.addHook('onReady', async () => {
      await pool.run('ready', null, { timeoutMs: settings.loadTimeoutMs }).catch((err) => app.log.warn({ err }, 'collab: worker not ready at start'));
    });
  }
  const compactor = createCompactor(pool, file, settings.loadTimeoutMs, app.log);
  const guard: GuardOptions = {
    rules: schemaRules(editorSchema), fragment: FRAGMENT, maxDepth: DOCUMENT_CONTENT.maxDepth, maxItemsPerUpdate: settings.maxItemsPerUpdate,
  };

  const metrics = reportCollabMetrics(app);
  const batcher = createBatcher(store, {
    persisted(room, entries) {
      broadcastBatch(room, entries);
      sendOutbox(room);
      sendAwareness(room);
      room.settle();
      const userIds = [...new Set(entries.map((e) => (e.origin instanceof ServerOrigin ? e.origin.userId : e.origin.user.id)))]
        .filter((id): id is string => id !== null);
      for (const listener of listeners) {
        try {
          listener({ documentId: room.id, userIds });
        } catch (err) {
          app.log.error({ err }, 'collab: onPersisted listener failed');
        }
      }
      if (room.logCount >= settings.compactAfterUpdates || room.logBytes >= settings.compactAfterBytes) compactor.compact(room);
    },
    failed: (room) => rooms.fail(room, 'Enregistrement impossible : reconnexion…'),
    idle(room) {
      sendOutbox(room);
      sendAwareness(room);
    },
  }, app.log, metrics.observer);

  const rooms = createRooms(app, {
    pool,
    databaseFile: file,
    read: (documentId) => store.read(documentId),
    settings,
    events: {
      changed(room, update, origin) {
        room.pending.push({ update, origin });
        batcher.schedule(room);
      },
      awareness(room, clients) {
        for (const client of clients) room.awarenessChanged.add(client);
        batcher.schedule(room);
      },
      unsettled(room, err) {
        app.log.error({ err, documentId: room.id }, 'collab: an accepted update could not be applied in memory');
        rooms.fail(room, 'Erreur du serveur : reconnexion…');
      },
    },
    repair: (room, problems) => repairDocument(room, problems),
    compact: (room) => compactor.compact(room),
  });

  // A document stored before the server checked updates may break the schema: it is rewritten
  // once, as a forward change everyone receives, into the nearest valid document (text kept).
  function repairDocument(room: Room, problems: string[]): void {
    app.log.warn({ documentId: room.id, problems }, 'collab: stored document outside the schema, repaired at load');
    const origin = new ServerOrigin(null);
    try {
      repair(room.doc, origin);
    } catch (err) {
      app.log.error({ err, documentId: room.id }, 'collab: repair failed; the document is served as stored');
    }
    room.items = countStructs(room.doc);
    origin.persisted.catch((err) => app.log.error({ err, documentId: room.id }, 'collab: repair could not be written'));
  }

  function closeDocument(documentId: string, reason: string): void {
    const room = rooms.get(documentId);
    if (!room) return;
    batcher.flushNow();
    for (const conn of room.connections) conn.close(CLOSE.notFound, reason);
    rooms.unload(room);
  }

  // Read from SQLite in the worker: a large document is merged there, not on the event loop.
  const storedState = async (documentId: string) =>
    unpackState(await pool.run<Uint8Array>('state', { file, documentId }, { timeoutMs: settings.loadTimeoutMs }));

  async function encodeSmallState(documentId: string): Promise<Uint8Array | null> {
    const loaded = rooms.get(documentId);
    if (loaded && loaded.bytes < settings.encodeInPlaceBytes) return Y.encodeStateAsUpdate(loaded.doc);
    // Updates accepted this turn are written at its end (persist.ts, setImmediate): a reader that
    // starts after them finds them in SQLite.
    if (loaded && loaded.pending.length > 0) await new Promise((resolve) => setImmediate(resolve));
    return null;
  }

  const { handleUpgrade, wss } = createUpgradeHandler(app, rooms, settings, state, {
    settings, guard, itemsInMemory: () => rooms.totalItems(), readStored: storedState,
  });
  watchAccess(app, rooms, closeDocument);
  metrics.watch(rooms, wss);

  const service: CollabService = {
    async applyServerChange(documentId, change, userId) {
      const room = await rooms.acquire(documentId);
      const origin = new ServerOrigin(userId ?? null);
      try {
        room.doc.transact(() => change(room.doc), origin);
        room.items = countStructs(room.doc);
      } finally {
        rooms.scheduleUnload(room);
      }
      if (origin.changed) await origin.persisted;
    },
    async encodeState(documentId) {
      const loaded = rooms.get(documentId);
      // Small documents are encoded at once; large ones are read back from SQLite in the worker
      // (what is in memory reaches SQLite within the same event-loop turn).
      if (loaded && (loaded.bytes < settings.encodeInPlaceBytes || loaded.pending.length > 0)) return Y.encodeStateAsUpdate(loaded.doc);
      return (await storedState(documentId)).state;
    },
    async stateSource(documentId) {
      return (await encodeSmallState(documentId)) ?? { file, documentId };
    },
    // Asked by every open editor after each save: from memory it costs a walk of the client ids only.
    async encodeStateVector(documentId) {
      const loaded = rooms.get(documentId);
      if (loaded) return Y.encodeStateVector(loaded.doc);
      return (await storedState(documentId)).stateVector;
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
      await compactor.idle(settings.loadTimeoutMs);
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
  app.addHook('onClose', async () => {
    batcher.flushNow();
    await compactor.idle(settings.closeGraceMs);
    await pool.close();
  });

  return { ...service, handleUpgrade };
}

async function waitForClose(clients: Set<WebSocket>, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const client of clients) client.terminate();
}
