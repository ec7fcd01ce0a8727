import type { FastifyInstance } from 'fastify';
import { authorise } from './authorise';
import type { Connection } from './connection';
import { CLOSE } from './protocol';
import type { Rooms } from './rooms';

/** The close reason shown in the editor, which then offers to sign in again. */
const SESSION_ENDED = 'Session terminée : veuillez vous reconnecter.';

/**
 * Roles change live: when the bus says access changed, every affected connection asks the
 * policy again. No read right → closed with a reason; no write right → read-only at once.
 */
export function watchAccess(app: FastifyInstance, rooms: Rooms, closeDocument: (documentId: string, reason: string) => void) {
  function recheck(conn: Connection, refreshUser: boolean): void {
    if (!conn.open) return;
    if (refreshUser) {
      const user = app.sessions.userOf(conn.sessionId);
      // Ended sessions are closed by 'session.ended' (4401); here the account itself lost access.
      if (!user) return conn.close(CLOSE.forbidden, 'Votre session a pris fin.');
      conn.user = user;
    }
    const access = authorise(app.db, conn.user, conn.room.id);
    if (!access.ok) {
      return conn.close(access.status === 404 ? CLOSE.notFound : CLOSE.forbidden,
        access.status === 404 ? 'Ce document a été supprimé.' : "Vous n'avez plus accès à ce document.");
    }
    conn.readOnly = !access.canWrite;
  }

  const connectionsWhere = (test: (conn: Connection) => boolean) =>
    rooms.all().flatMap((room) => [...room.connections].filter(test));

  app.bus.on('group.access.changed', ({ groupId, userId }) => {
    for (const conn of connectionsWhere((c) => c.room.groupId === groupId && c.user.id === userId)) recheck(conn, false);
  });
  app.bus.on('group.changed', ({ groupId }) => {
    for (const conn of connectionsWhere((c) => c.room.groupId === groupId)) recheck(conn, false);
  });
  app.bus.on('user.access.changed', ({ userId }) => {
    for (const conn of connectionsWhere((c) => c.user.id === userId)) recheck(conn, true);
  });
  app.bus.on('session.ended', ({ sessionIds }) => {
    const ended = new Set(sessionIds);
    for (const conn of connectionsWhere((c) => ended.has(c.sessionId))) conn.close(CLOSE.sessionEnded, SESSION_ENDED);
  });
  app.bus.on('document.removed', ({ documentId }) => closeDocument(documentId, 'Ce document a été supprimé.'));
}
