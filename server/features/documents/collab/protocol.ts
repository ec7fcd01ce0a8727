import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/**
 * The y-websocket wire protocol (y-protocols sync and awareness), decoded strictly: a frame that
 * does not parse is refused whole instead of being half-applied.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Close codes; 4400–4499 tell y-websocket (v3) not to reconnect, anything else is transient. */
export const CLOSE = {
  shuttingDown: 1001,
  unsupportedData: 1003,
  tooBig: 1009,
  serverError: 1011,
  tryAgainLater: 1013,
  malformed: 4400,
  sessionEnded: 4401,
  forbidden: 4403,
  notFound: 4404,
  documentTooLarge: 4413,
  /** The update would break the document's schema: refused, nothing of it applied. */
  invalidContent: 4422,
} as const;

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2' | 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

export class MalformedMessage extends Error {}

/** Decodes one client frame; throws MalformedMessage on anything a stock client would not send. */
export function decodeMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SYNC_STEP1) return { type: 'sync-step1', stateVector: payload };
        if (syncType === SYNC_STEP2) return { type: 'sync-step2', update: payload };
        if (syncType === SYNC_UPDATE) return { type: 'update', update: payload };
        break;
      }
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'query-awareness' };
      case MESSAGE_AUTH:
        return { type: 'auth' };
    }
  } catch {
    throw new MalformedMessage('message illisible');
  }
  throw new MalformedMessage('type de message inconnu');
}

const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

export const encodeSyncStep1 = (stateVector: Uint8Array) => frame((e) => {
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, stateVector);
});

export const encodeSyncStep2 = (update: Uint8Array) => frame((e) => {
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, update);
});

export const encodeUpdate = (update: Uint8Array) => frame((e) => {
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
});

export const encodeAwareness = (update: Uint8Array) => frame((e) => {
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
});
