import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { events } from '../../../db/schema/index';
import { EVENT_LIMITS } from '../../../shared/events.schema';
import { AGENDA_SOCKET, agendaJoinSchema, agendaRoom } from '../../../shared/events.public.schema';

type Ack = (reply: { ok: boolean; error?: string }) => void;

/**
 * Visitors follow a published agenda on the `/public` namespace (no account needed): they may
 * only join the room of an agenda that is published, and only a few at once.
 */
export function registerAgendaSocket(app: FastifyInstance) {
  app.io.of('/public').on('connection', (socket) => {
    const joined = new Set<string>();
    socket.on(AGENDA_SOCKET.join, (payload: unknown, ack?: unknown) => {
      const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
      const parsed = agendaJoinSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: 'Demande invalide.' });
      const event = app.db.select({ status: events.status }).from(events).where(eq(events.slug, parsed.data.slug)).get();
      if (event?.status !== 'published') return reply({ ok: false, error: 'Ce programme est introuvable.' });
      if (!joined.has(parsed.data.slug) && joined.size >= EVENT_LIMITS.agendasPerSocket) return reply({ ok: false, error: 'Trop de programmes suivis à la fois.' });
      joined.add(parsed.data.slug);
      void socket.join(agendaRoom(parsed.data.slug));
      reply({ ok: true });
    });
    socket.on(AGENDA_SOCKET.leave, (payload: unknown) => {
      const parsed = agendaJoinSchema.safeParse(payload);
      if (!parsed.success) return;
      joined.delete(parsed.data.slug);
      void socket.leave(agendaRoom(parsed.data.slug));
    });
  });
}
