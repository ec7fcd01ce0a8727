import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVENT_LIMITS, eventParamsSchema, slugParamsSchema } from '../../../shared/events.schema';
import {
  attendanceInputSchema, cancelInputSchema, registrationInputSchema, registrationReceivedSchema, registrationReplySchema, registrationsListSchema,
  resendLinkInputSchema, resendLinkReplySchema, tokenParamsSchema,
} from '../../../shared/events.public.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser } from '../../core/auth-guard';
import { requireEdit } from './events.policy';
import { registrationsAdmin } from './registrations.admin';
import { registrationLinks } from './registrations.links';
import { registrationsService } from './registrations.service';

export default async function registrationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = registrationsService(app);
  const admin = registrationsAdmin(app);
  const links = registrationLinks(app, service);
  const tags = ['events'];

  r.post('/public/:slug/registrations', {
    schema: { tags, summary: "S'inscrire à la journée (public)", params: slugParamsSchema, body: registrationInputSchema, response: { 201: registrationReceivedSchema } },
    config: { public: true, rateLimit: { max: EVENT_LIMITS.registrationsPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    // 201 whether the address was new or not: the difference goes to the mailbox only.
    reply.status(201);
    return service.register(request.params.slug, request.body);
  });

  r.post('/public/:slug/registrations/resend-link', {
    schema: { tags, summary: 'Recevoir à nouveau mon lien personnel (public)', params: slugParamsSchema, body: resendLinkInputSchema, response: { 202: resendLinkReplySchema } },
    config: { public: true, rateLimit: { max: EVENT_LIMITS.linkResendsPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    reply.status(202);
    return links.resend(request.params.slug, request.body.email);
  });

  r.get('/registrations/:token', {
    schema: { tags, summary: 'Mon inscription (lien personnel)', params: tokenParamsSchema, response: { 200: registrationReplySchema } },
    config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
  }, async (request) => service.show(request.params.token));

  r.post('/registrations/:token/cancel', {
    schema: { tags, summary: 'Annuler mon inscription ou un atelier (lien personnel)', params: tokenParamsSchema, body: cancelInputSchema, response: { 200: registrationReplySchema } },
    config: { public: true, rateLimit: { max: 30, timeWindow: 60_000 } },
  }, async (request) => service.cancel(request.params.token, request.body.sessionId));

  r.get('/:id/registrations', {
    schema: { tags, summary: 'Inscriptions par atelier (organisateurs)', params: eventParamsSchema, response: { 200: registrationsListSchema } },
  }, async (request) => {
    requireEdit(app.db, currentUser(request), request.params.id);
    return admin.list(request.params.id);
  });

  r.get('/:id/registrations.csv', {
    schema: { tags, summary: 'Export CSV des inscriptions (organisateurs)', params: eventParamsSchema, response: { 200: z.string() } },
  }, async (request, reply) => {
    requireEdit(app.db, currentUser(request), request.params.id);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="inscriptions.csv"');
    return admin.csv(request.params.id);
  });

  r.put('/:id/registrations/:registrationId/attendance', {
    schema: { tags, summary: 'Noter la présence (organisateurs)', params: eventParamsSchema.extend({ registrationId: z.string().min(1).max(64) }), body: attendanceInputSchema, response: { 200: okSchema } },
  }, async (request) => {
    requireEdit(app.db, currentUser(request), request.params.id);
    admin.setAttendance(request.params.id, request.params.registrationId, request.body.attended, request.body.sessionId);
    return { ok: true as const };
  });
}
