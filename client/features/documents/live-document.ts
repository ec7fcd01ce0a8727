import { onBeforeUnmount } from 'vue';
import type { DocumentMeta } from '../../../shared/documents.schema';
import { documentsToClient } from '../../../shared/documents.live';
import { groupsToServer } from '../../../shared/groups.live';
import { listen } from '../../lib/live';
import { getSocket } from '../../lib/socket';

/**
 * Live metadata of an open document: the page joins its group's room (`group:join`, the same room
 * and check as the group home) and hears `documents:updated` for this document after each commit.
 * It does not leave the room on unmount: other features (threads' unread counts, the group home)
 * share it on this one socket, and the server removes whoever loses access.
 */
export function useLiveDocument(documentId: () => string, groupId: () => string | null, onUpdate: (document: DocumentMeta) => void, refresh: () => void) {
  const socket = getSocket();
  // Once in the room, read the document again: a change committed between the page's read and the
  // join (or while a reconnecting socket was away) sends no event this page can still hear.
  const join = () => {
    const id = groupId();
    if (id) socket.emit(groupsToServer.join.name, { groupId: id }, () => refresh());
  };
  const stop = listen(socket, documentsToClient.updated, ({ document }) => {
    if (document.id === documentId()) onUpdate(document);
  });
  // Rooms do not survive a reconnection.
  socket.on('connect', join);
  onBeforeUnmount(() => {
    stop();
    socket.off('connect', join);
  });
  return { join: () => { if (socket.connected) join(); } };
}
