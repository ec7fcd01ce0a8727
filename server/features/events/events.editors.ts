import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../../shared/auth.schema';
import { EDITORS_SOCKET, editorsRoom, type EditorsChanged } from '../../../shared/events.editors.schema';
import { eventsToServer } from '../../../shared/events.live';
import { onLive } from '../../core/socket-io';
import { eventAccess } from './events.policy';

/**
 * Organisers editing the same event hear each other's committed changes live, on the default
 * namespace (cookie-authenticated), room `event-editors:<eventId>`. The events policy decides
 * the join, and is asked again before each emission: someone no longer an organiser is dropped.
 */
export function registerEditorsSocket(app: FastifyInstance) {
  app.io.on('connection', (socket) => {
    onLive(socket, eventsToServer.editorsJoin, ({ eventId }, reply) => {
      const access = eventAccess(app.db, socket.data.user, eventId);
      if (!access?.canSee) return reply({ ok: false, error: 'Cet événement est introuvable.' });
      if (!access.canEdit) return reply({ ok: false, error: "Seuls les organisateurs de l'événement et la coordination peuvent suivre ses modifications." });
      void socket.join(editorsRoom(eventId));
      reply({ ok: true });
    });
    onLive(socket, eventsToServer.editorsLeave, ({ eventId }, reply) => {
      void socket.leave(editorsRoom(eventId));
      reply({ ok: true });
    });
  });
}

/** Tells the event's editors that something was saved; call it after the change is committed. */
export async function notifyEditors(app: FastifyInstance, change: Omit<EditorsChanged, 'by' | 'byId'>, by: SessionUser) {
  const room = editorsRoom(change.eventId);
  const message: EditorsChanged = { ...change, by: by.name, byId: by.id };
  // One policy check per person, however many tabs they keep open on the event.
  const mayEdit = new Map<string, boolean>();
  for (const socket of await app.io.in(room).fetchSockets()) {
    const user = socket.data.user as SessionUser | undefined;
    if (user && !mayEdit.has(user.id)) mayEdit.set(user.id, eventAccess(app.db, user, change.eventId)?.canEdit ?? false);
    if (user && mayEdit.get(user.id)) socket.emit(EDITORS_SOCKET.changed, message);
    else socket.leave(room);
  }
}
