import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { events } from '../../../db/schema/index';
import { EVENT_LIMITS } from '../../../shared/events.schema';
import { agendaRoom } from '../../../shared/events.public.schema';
import { agendaToServer } from '../../../shared/events.live';
import { onLive } from '../../core/socket-io';

/**
 * Visitors follow a published agenda on the `/public` namespace (no account needed): they may
 * only join the room of an agenda that is published, and only a few at once.
 */
export function registerAgendaSocket(app: FastifyInstance) {
  app.io.of('/public').on('connection', (socket) => {
    const joined = new Set<string>();
    onLive(socket, agendaToServer.join, ({ slug }, reply) => {
      const event = app.db.select({ status: events.status }).from(events).where(eq(events.slug, slug)).get();
      if (event?.status !== 'published') return reply({ ok: false, error: 'Ce programme est introuvable.' });
      if (!joined.has(slug) && joined.size >= EVENT_LIMITS.agendasPerSocket) return reply({ ok: false, error: 'Trop de programmes suivis à la fois.' });
      joined.add(slug);
      void socket.join(agendaRoom(slug));
      reply({ ok: true });
    });
    onLive(socket, agendaToServer.leave, ({ slug }, reply) => {
      joined.delete(slug);
      void socket.leave(agendaRoom(slug));
      reply({ ok: true });
    });
  });
}
