import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors';
import { JSON_TYPE, PUBLIC_CACHE_CONTROL, type PublicBody } from '../../core/public-cache';
import { agendaCalendar, scheduleJson } from './calendars.service';
import { publicationService } from './publication.service';
import { agendaResource, agendaVersions } from './publication.versions';

const slug = z.string().min(1).max(80);
const ics = (body: string, modifiedAt: Date): PublicBody => ({ body, type: 'text/calendar; charset=utf-8', modifiedAt });
const named = (name: string) => ({ 'content-disposition': `inline; filename="${name}.ics"` });

/** The public files of an agenda, outside /api: their addresses are given to calendar apps. */
export default async function calendarsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const publication = publicationService(app);
  const tags = ['events'];
  const versions = agendaVersions(app);
  // Each file is built once per published version and kept (app.publicCache).
  const cached = (request: FastifyRequest, reply: FastifyReply, slug: string, what: string, build: (published: Date) => PublicBody, headers?: Record<string, string>) => {
    const head = versions.head(slug);
    return app.publicCache.send(request, reply, {
      resource: agendaResource(head.eventId, what), version: String(head.version), cacheControl: PUBLIC_CACHE_CONTROL.published, headers,
      build: () => build(head.publishedAt()),
    });
  };
  const agendaUrl = (s: string) => `${app.config.publicUrl}/agenda/${s}`;
  const load = (s: string) => {
    const agenda = publication.publicAgenda(s);
    return { ...agenda, stamp: new Date(agenda.publishedAt) };
  };

  r.get('/agenda/:slug(^[a-z0-9-]+).ics', {
    schema: { tags, summary: 'Le programme au format iCalendar (RFC 5545)', params: z.object({ slug }) },
    config: { public: true },
  }, async (request, reply) => cached(request, reply, request.params.slug, 'ics', () => {
    const a = load(request.params.slug);
    return ics(agendaCalendar(a.agenda, a.stamp, agendaUrl(a.agenda.slug))!, a.stamp);
  }, named(request.params.slug)));

  r.get('/agenda/:slug/sessions/:sessionId(^[0-9a-f-]+).ics', {
    schema: { tags, summary: "Une session au format iCalendar", params: z.object({ slug, sessionId: z.string().min(1).max(64) }) },
    config: { public: true },
  }, async (request, reply) => {
    const { sessionId } = request.params;
    return cached(request, reply, request.params.slug, `session:${sessionId}`, () => {
      const a = load(request.params.slug);
      const body = agendaCalendar(a.agenda, a.stamp, agendaUrl(a.agenda.slug), sessionId);
      if (!body) throw notFound('Cette session');
      return ics(body, a.stamp);
    }, named(`session-${sessionId.slice(0, 8)}`));
  });

  r.get('/agenda/:slug/schedule.json', {
    schema: { tags, summary: 'Le programme au format schedule.json (frab / c3voc)', params: z.object({ slug }) },
    config: { public: true },
  }, async (request, reply) => cached(request, reply, request.params.slug, 'schedule.json', (published) => {
    const a = load(request.params.slug);
    return { body: JSON.stringify(scheduleJson(a.agenda, a.version, agendaUrl(a.agenda.slug), a.eventId)), type: JSON_TYPE, modifiedAt: published };
  }));
}
