import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { documents } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { commentsToServer } from '../../../shared/comments.live';
import { onLive, socketsIn, userRoom, type AppSocket } from '../../core/socket-io';
import { requireCommentRead } from './comments.policy';
import { commentsRoom } from './comments.live';

const PREFIX = 'comments:';

/** Whether the person may still read the document (the same policy as REST; roles change live). */
function mayRead(app: FastifyInstance, user: SessionUser, documentId: string): boolean {
  try {
    requireCommentRead(app.db, user, documentId);
    return true;
  } catch {
    return false;
  }
}

/** A document's comment room: entered after the read check, left when the right goes. */
export function registerCommentsSocket(app: FastifyInstance) {
  app.io.on('connection', (socket) => {
    onLive(socket, commentsToServer.join, ({ documentId }, reply) => {
      // Checked and joined in the same tick: no access change slips in between.
      if (!mayRead(app, socket.data.user, documentId)) return reply({ ok: false, error: 'Ce document est introuvable.' });
      void socket.join(commentsRoom(documentId));
      reply({ ok: true });
    });
    onLive(socket, commentsToServer.leave, ({ documentId }, reply) => {
      void socket.leave(commentsRoom(documentId));
      reply({ ok: true });
    });
  });

  const recheck = (socket: AppSocket) => {
    for (const room of socket.rooms) {
      if (room.startsWith(PREFIX) && !mayRead(app, socket.data.user, room.slice(PREFIX.length))) void socket.leave(room);
    }
  };
  app.bus.on('group.access.changed', ({ userId }) => socketsIn(app.io, [userRoom(userId)]).forEach(recheck));
  app.bus.on('user.access.changed', ({ userId }) => socketsIn(app.io, [userRoom(userId)]).forEach(recheck));
  // Only the rooms of that group's documents: one query finds them, one check per person and document.
  app.bus.on('group.changed', ({ groupId }) => {
    const ids = app.db.select({ id: documents.id }).from(documents).where(eq(documents.groupId, groupId)).all().map(({ id }) => id);
    const decided = new Map<string, boolean>();
    for (const documentId of ids) {
      const room = commentsRoom(documentId);
      for (const socket of socketsIn(app.io, [room])) {
        const key = `${socket.data.user.id}:${documentId}`;
        if (!decided.has(key)) decided.set(key, mayRead(app, socket.data.user, documentId));
        if (!decided.get(key)) void socket.leave(room);
      }
    }
  });
  // A trashed or purged document: nobody stays in its room.
  app.bus.on('document.removed', ({ documentId }) => { app.io.in(commentsRoom(documentId)).socketsLeave(commentsRoom(documentId)); });
}
