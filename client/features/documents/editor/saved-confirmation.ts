import * as Y from 'yjs';
import { stateVectorReplySchema } from '../../../../shared/documents.schema';
import { api } from '../../../lib/api';

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * Whether the server holds every change this browser made: y-websocket has no acknowledgement,
 * and a socket that accepted a frame proves nothing on a dying network. The server's state vector
 * must cover this client's own clock. Throws when the server cannot be reached.
 */
export async function serverHasMyChanges(documentId: string, ydoc: Y.Doc): Promise<boolean> {
  const reply = await api('GET', `/documents/${encodeURIComponent(documentId)}/state-vector`, { schema: stateVectorReplySchema });
  const server = Y.decodeStateVector(fromBase64(reply.stateVector));
  const mine = Y.decodeStateVector(Y.encodeStateVector(ydoc));
  return (server.get(ydoc.clientID) ?? 0) >= (mine.get(ydoc.clientID) ?? 0);
}
