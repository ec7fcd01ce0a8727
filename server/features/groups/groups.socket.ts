import type { FastifyInstance } from 'fastify';
import { onLive, socketsIn, userRoom, type AppSocket } from '../../core/socket-io';
import { GROUP_EVENTS } from '../../../shared/groups.schema';
import { groupsToServer } from '../../../shared/groups.live';
import { groupAccess, groupRoom } from './groups.policy';

/**
 * Live updates of a group: a socket enters `group:<id>` only if the policy lets its person read
 * the group, and leaves it the moment the bus says that access changed and the policy now says no.
 * That is the only way out: several features share the room (the group home, thread unread
 * counts, open documents), so no page may take a socket out of it when it closes.
 */
export function registerGroupsSocket(app: FastifyInstance) {
  app.io.on('connection', (socket) => {
    onLive(socket, groupsToServer.join, ({ groupId }, reply) => {
      // Checked and joined in the same tick: no access change can slip in between.
      if (!groupAccess(app.db, socket.data.user, groupId).canRead) return reply({ ok: false, error: "Vous n'avez pas accès à ce groupe." });
      void socket.join(groupRoom(groupId));
      reply({ ok: true });
    });
  });

  /** Takes the socket out of the group's room when its person may no longer read it; one policy call per person. */
  function recheck(sockets: AppSocket[], groupId: string) {
    const room = groupRoom(groupId);
    const decided = new Map<string, boolean>();
    for (const socket of sockets) {
      if (!socket.rooms.has(room)) continue;
      const { user } = socket.data;
      if (!decided.has(user.id)) decided.set(user.id, groupAccess(app.db, user, groupId).canRead);
      if (decided.get(user.id)) continue;
      void socket.leave(room);
      socket.emit(GROUP_EVENTS.accessLost, { groupId });
    }
  }

  app.bus.on('group.access.changed', ({ groupId, userId }) => recheck(socketsIn(app.io, [userRoom(userId)]), groupId));
  app.bus.on('group.changed', ({ groupId }) => recheck(socketsIn(app.io, [groupRoom(groupId)]), groupId));
}
