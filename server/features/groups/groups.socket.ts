import type { FastifyInstance } from 'fastify';
import type { Socket } from 'socket.io';
import { userRoom, type SocketData } from '../../core/socket-io';
import { GROUP_EVENTS, groupRoomMessageSchema, type GroupRoomAck } from '../../../shared/groups.schema';
import { groupAccess, groupRoom } from './groups.policy';

/** Client → server messages of this feature. */
export const GROUP_SOCKET_MESSAGES = { join: 'group:join' } as const;

/**
 * Live updates of a group: a socket enters `group:<id>` only if the policy lets its person read
 * the group, and leaves it the moment the bus says that access changed and the policy now says no.
 * That is the only way out: several features share the room (the group home, thread unread
 * counts, open documents), so no page may take a socket out of it when it closes.
 */
export function registerGroupsSocket(app: FastifyInstance) {
  const nsp = app.io.of('/');

  app.io.on('connection', (socket: Socket) => {
    const user = () => (socket.data as SocketData).user;

    socket.on(GROUP_SOCKET_MESSAGES.join, (message: unknown, ack?: unknown) => {
      const reply = (r: GroupRoomAck) => { if (typeof ack === 'function') ack(r); };
      const parsed = groupRoomMessageSchema.safeParse(message);
      if (!parsed.success) return reply({ ok: false, message: 'Message invalide : un identifiant de groupe est attendu.' });
      // Checked and joined in the same tick: no access change can slip in between.
      if (!groupAccess(app.db, user(), parsed.data.groupId).canRead) {
        return reply({ ok: false, message: "Vous n'avez pas accès à ce groupe." });
      }
      void socket.join(groupRoom(parsed.data.groupId));
      reply({ ok: true });
    });
  });

  /** This process's sockets in a room, synchronously (the in-memory adapter), so no event slips past a revoked access. */
  const socketsIn = (room: string): Socket[] =>
    [...(nsp.adapter.rooms.get(room) ?? [])].map((id) => nsp.sockets.get(id)).filter((s): s is Socket => !!s);

  function recheck(socket: Socket, groupId: string) {
    const room = groupRoom(groupId);
    if (!socket.rooms.has(room)) return;
    if (groupAccess(app.db, (socket.data as SocketData).user, groupId).canRead) return;
    void socket.leave(room);
    socket.emit(GROUP_EVENTS.accessLost, { groupId });
  }

  app.bus.on('group.access.changed', ({ groupId, userId }) => {
    for (const socket of socketsIn(userRoom(userId))) recheck(socket, groupId);
  });
  app.bus.on('group.changed', ({ groupId }) => {
    for (const socket of socketsIn(groupRoom(groupId))) recheck(socket, groupId);
  });
}
