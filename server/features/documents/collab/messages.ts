import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { applyClientUpdate, type ApplyOptions } from './apply';
import { encodeAllAwareness, receiveAwareness } from './awareness';
import type { Connection } from './connection';
import { CLOSE, MalformedMessage, decodeMessage, encodeAwareness, encodeUpdate } from './protocol';
import type { PackedState } from './state-packing';

export interface FrameContext extends Omit<ApplyOptions, 'readOnly'> {
  /** The stored state, its state vector and frame, read and merged in a worker process. */
  readStored(documentId: string): Promise<PackedState>;
}

/** While writes are pending the state holds unwritten changes: the replies wait for the commit. */
function reply(conn: Connection, replies: Uint8Array[]): void {
  const room = conn.room;
  if (room.pending.length > 0) for (const message of replies) room.outbox.push([conn, message]);
  else for (const message of replies) conn.send(message);
}

/**
 * A new client of a large document whose room keeps no usable frame (changed too much since, or
 * the budget of kept frames was full): the stored state is merged in the worker, then only what
 * memory holds beyond it is encoded here. Encoding 32 MB on the event loop would stall every
 * other document for a few hundred milliseconds. The stored frame is kept for the next newcomers.
 */
async function sendLargeState(conn: Connection, context: FrameContext, log: FastifyBaseLogger): Promise<void> {
  const room = conn.room;
  const bytesAtBase = room.bytes;
  try {
    const stored = await context.readStored(room.id);
    if (room.closed || !conn.open) return;
    room.keepServed({ frame: stored.frame, vector: stored.stateVector, exact: false, bytesAtBase });
    reply(conn, [stored.frame, encodeUpdate(Y.encodeStateAsUpdate(room.doc, stored.stateVector))]);
  } catch (err) {
    log.error({ err, documentId: room.id }, 'collab: reading the stored state failed');
    conn.close(CLOSE.serverError, 'Le document ne peut pas être chargé.');
  }
}

/**
 * One client frame through the pipeline. Updates are applied in memory at once (so the next
 * frame of the same turn sees them) but leave the server only after the batch commit.
 */
export function handleFrame(conn: Connection, frame: Uint8Array, options: FrameContext, log: FastifyBaseLogger): void {
  const { settings } = options;
  const room = conn.room;
  if (room.closed) return;
  let message;
  try {
    message = decodeMessage(frame);
  } catch (err) {
    if (!(err instanceof MalformedMessage)) throw err;
    return conn.close(CLOSE.malformed, `Message refusé : ${err.message}.`);
  }
  switch (message.type) {
    case 'sync-step1': {
      let replies: Uint8Array[] | null;
      try {
        replies = room.syncReplies(message.stateVector);
      } catch {
        return conn.close(CLOSE.malformed, 'Message refusé : vecteur d’état illisible.');
      }
      if (!replies) return void sendLargeState(conn, options, log);
      return reply(conn, replies);
    }
    case 'sync-step2':
    case 'update': {
      const result = applyClientUpdate(room, message.update, conn, { ...options, readOnly: conn.readOnly });
      switch (result.status) {
        case 'refused':
          return log.info({ documentId: room.id, userId: conn.user.id }, 'collab: update from a read-only connection refused');
        case 'malformed':
          return conn.close(CLOSE.malformed, 'Message refusé : mise à jour illisible.');
        case 'invalid':
          log.info({ documentId: room.id, userId: conn.user.id, reason: result.reason }, 'collab: update outside the schema refused');
          return conn.close(CLOSE.invalidContent, result.reason);
        case 'too-large':
          return conn.close(CLOSE.documentTooLarge, result.reason);
        case 'busy':
          log.warn({ documentId: room.id }, 'collab: memory limit of loaded documents reached');
          return conn.close(CLOSE.tryAgainLater, result.reason);
      }
      return;
    }
    case 'awareness':
      try {
        receiveAwareness(room, conn, message.update, {
          maxClients: settings.maxAwarenessClientsPerConnection, maxStateBytes: settings.maxAwarenessStateBytes,
        });
      } catch (err) {
        if (!(err instanceof MalformedMessage)) throw err;
        conn.close(CLOSE.malformed, `Message refusé : ${err.message}.`);
      }
      return;
    case 'query-awareness': {
      const states = encodeAllAwareness(room);
      if (states) conn.send(encodeAwareness(states));
      return;
    }
    case 'auth':
      return;
  }
}
