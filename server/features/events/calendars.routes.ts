import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors';
import { agendaCalendar, scheduleJson } from './calendars.service';
import { publicationService } from './publication.service';

const slug = z.string().min(1).max(80);
const sendIcs = (reply: FastifyReply, body: string, name: string) =>
  reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${name}.ics"`)
    .header('cache-control', 'no-cache').send(body);

/** The public files of an agenda, outside /api: their addresses are given to calendar apps. */
export default async function calendarsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const publication = publicationService(app);
  const tags = ['events'];
  const agendaUrl = (s: string) => `${app.config.publicUrl}/agenda/${s}`;
  const load = (s: string) => {
    const agenda = publication.publicAgenda(s);
    return { ...agenda, stamp: new Date(agenda.publishedAt) };
  };

  r.get('/agenda/:slug(^[a-z0-9-]+).ics', {
    schema: { tags, summary: 'Le programme au format iCalendar (RFC 5545)', params: z.object({ slug }) },
    config: { public: true },
  }, async (request, reply) => {
    const a = load(request.params.slug);
    return sendIcs(reply, agendaCalendar(a.agenda, a.stamp, agendaUrl(a.agenda.slug))!, a.agenda.slug);
  });

  r.get('/agenda/:slug/sessions/:sessionId(^[0-9a-f-]+).ics', {
    schema: { tags, summary: "Une session au format iCalendar", params: z.object({ slug, sessionId: z.string().min(1).max(64) }) },
    config: { public: true },
  }, async (request, reply) => {
    const a = load(request.params.slug);
    const body = agendaCalendar(a.agenda, a.stamp, agendaUrl(a.agenda.slug), request.params.sessionId);
    if (!body) throw notFound('Cette session');
    return sendIcs(reply, body, `session-${request.params.sessionId.slice(0, 8)}`);
  });

  r.get('/agenda/:slug/schedule.json', {
    schema: { tags, summary: 'Le programme au format schedule.json (frab / c3voc)', params: z.object({ slug }) },
    config: { public: true },
  }, async (request, reply) => {
    const a = load(request.params.slug);
    reply.header('cache-control', 'no-cache');
    return scheduleJson(a.agenda, a.version, agendaUrl(a.agenda.slug), a.eventId);
  });
}
