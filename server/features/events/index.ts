import type { FastifyInstance } from 'fastify';
import eventsRoutes from './events.routes';
import sessionsRoutes from './sessions.routes';
import publicationRoutes from './publication.routes';
import registrationsRoutes from './registrations.routes';
import calendarsRoutes from './calendars.routes';
import { registerAgendaSocket } from './events.socket';
import { registerEditorsSocket } from './events.editors';

/** The regional day's API, under /api/events. */
export default async function events(app: FastifyInstance) {
  await app.register(eventsRoutes);
  await app.register(sessionsRoutes);
  await app.register(publicationRoutes);
  await app.register(registrationsRoutes);
  registerAgendaSocket(app);
  registerEditorsSocket(app);
}

/** The agenda's public files (ICS, schedule.json), registered without a prefix. */
export { calendarsRoutes as agendaFiles };
