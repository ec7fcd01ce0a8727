import type { FastifyInstance } from 'fastify';
import type { Socket } from 'socket.io';
import { userRoom, type SocketData } from '../../core/socket-io';
import { COMMENT_SOCKET_MESSAGES, commentSocketJoinSchema } from '../../../shared/comments.schema';
import type { SocketAck } from '../../../shared/threads.schema';
import { requireCommentRead } from './comments.policy';
import { commentsRoom } from './comments.live';

const PREFIX = 'comments:';

/** Whether the person may still read the document (the same policy as REST; roles change live). */
function mayRead(app: FastifyInstance, socket: Socket, documentId: string): boolean {
  try {
    requireCommentRead(app.db, (socket.data as SocketData).user, documentId);
    return true;
  } catch {
    return false;
  }
}

/** A document's comment room: entered after the read check, left when the right goes. */
export function registerCommentsSocket(app: FastifyInstance) {
  const nsp = app.io.of('/');
  app.io.on('connection', (socket: Socket) => {
    socket.on(COMMENT_SOCKET_MESSAGES.join, (payload: unknown, ack?: unknown) => {
      const reply = (r: SocketAck) => { if (typeof ack === 'function') ack(r); };
      const parsed = commentSocketJoinSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: 'Message invalide : un identifiant de document est attendu.' });
      // Checked and joined in the same tick: no access change slips in between.
      if (!mayRead(app, socket, parsed.data.documentId)) return reply({ ok: false, error: 'Ce document est introuvable.' });
      void socket.join(commentsRoom(parsed.data.documentId));
      reply({ ok: true });
    });
    socket.on(COMMENT_SOCKET_MESSAGES.leave, (payload: unknown) => {
      const parsed = commentSocketJoinSchema.safeParse(payload);
      if (parsed.success) void socket.leave(commentsRoom(parsed.data.documentId));
    });
  });

  const recheck = (socket: Socket) => {
    for (const room of socket.rooms) {
      if (room.startsWith(PREFIX) && !mayRead(app, socket, room.slice(PREFIX.length))) void socket.leave(room);
    }
  };
  const socketsOf = (userId: string): Socket[] =>
    [...(nsp.adapter.rooms.get(userRoom(userId)) ?? [])].map((id) => nsp.sockets.get(id)).filter((s): s is Socket => !!s);
  app.bus.on('group.access.changed', ({ userId }) => socketsOf(userId).forEach(recheck));
  app.bus.on('user.access.changed', ({ userId }) => socketsOf(userId).forEach(recheck));
  app.bus.on('group.changed', () => nsp.sockets.forEach(recheck));
  // A trashed or purged document: nobody stays in its room.
  app.bus.on('document.removed', ({ documentId }) => { nsp.in(commentsRoom(documentId)).socketsLeave(commentsRoom(documentId)); });
}
