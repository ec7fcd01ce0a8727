import { onBeforeUnmount } from 'vue';
import { DOCUMENT_EVENTS, documentUpdatedPayloadSchema, type DocumentMeta } from '../../../shared/documents.schema';
import type { GroupRoomAck } from '../../../shared/groups.schema';
import { getSocket } from '../../lib/socket';

/**
 * Live metadata of an open document: the page joins its group's room (`group:join`, the same room
 * and check as the group home) and hears `documents:updated` for this document after each commit.
 * It does not leave the room on unmount: other features (threads' unread counts, the group home)
 * share it on this one socket, and the server removes whoever loses access.
 */
export function useLiveDocument(documentId: () => string, groupId: () => string | null, onUpdate: (document: DocumentMeta) => void) {
  const socket = getSocket();
  const join = () => {
    const id = groupId();
    if (id) socket.emit('group:join', { groupId: id }, (_ack: GroupRoomAck) => undefined);
  };
  const onUpdated = (payload: unknown) => {
    const parsed = documentUpdatedPayloadSchema.safeParse(payload);
    if (parsed.success && parsed.data.document.id === documentId()) onUpdate(parsed.data.document);
  };
  socket.on(DOCUMENT_EVENTS.updated, onUpdated);
  // Rooms do not survive a reconnection.
  socket.on('connect', join);
  onBeforeUnmount(() => {
    socket.off(DOCUMENT_EVENTS.updated, onUpdated);
    socket.off('connect', join);
  });
  return { join: () => { if (socket.connected) join(); } };
}
