import type { FastifyBaseLogger } from 'fastify';
import type { CollabSettings } from '../../../../shared/limits';
import { applyClientUpdate } from './apply';
import { encodeAllAwareness, receiveAwareness } from './awareness';
import type { Connection } from './connection';
import { CLOSE, MalformedMessage, decodeMessage, encodeAwareness, encodeSyncStep2 } from './protocol';

/**
 * One client frame through the pipeline. Updates are applied in memory at once (so the next
 * frame of the same turn sees them) but leave the server only after the batch commit.
 */
export function handleFrame(conn: Connection, frame: Uint8Array, settings: CollabSettings, log: FastifyBaseLogger): void {
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
      let reply: Uint8Array;
      try {
        reply = encodeSyncStep2(room.stateSince(message.stateVector));
      } catch {
        return conn.close(CLOSE.malformed, 'Message refusé : vecteur d’état illisible.');
      }
      // While writes are pending the state holds unwritten changes: the reply waits for the commit.
      if (room.pending.length > 0) room.outbox.push([conn, reply]);
      else conn.send(reply);
      return;
    }
    case 'sync-step2':
    case 'update': {
      const result = applyClientUpdate(room.doc, message.update, conn, {
        readOnly: conn.readOnly, storedBytes: room.bytes, maxDocumentBytes: settings.maxDocumentBytes,
      });
      if (result === 'refused') log.info({ documentId: room.id, userId: conn.user.id }, 'collab: update from a read-only connection refused');
      if (result === 'too-large') conn.close(CLOSE.documentTooLarge, 'Le document a atteint sa taille maximale.');
      if (result === 'malformed') conn.close(CLOSE.malformed, 'Message refusé : mise à jour illisible.');
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
