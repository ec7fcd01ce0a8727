import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  categoryInputSchema, categoryListSchema, muteInputSchema, muteListQuerySchema, muteListSchema, reportListSchema, reportParamsSchema,
  reportResolveSchema, threadParamsSchema,
} from '../../../shared/threads.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser, requireRole } from '../../core/auth-guard';
import { moderationService } from './moderation.service';
import { categoriesService } from './categories.service';

/** The coordinators' and leads' side: forum categories, the review queue, mutes. */
export default async function moderationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const moderation = moderationService(app);
  const categories = categoriesService(app);
  const tags = ['threads'];

  r.get('/categories', {
    schema: { tags, summary: 'Catégories du forum', response: { 200: categoryListSchema } },
  }, async (request) => {
    const user = currentUser(request);
    return { categories: categories.list(user), canManage: user.role === 'coordinator' };
  });

  r.post('/categories', {
    schema: { tags, summary: 'Créer une catégorie du forum (coordination)', body: categoryInputSchema, response: { 201: categoryListSchema } },
  }, async (request, reply) => {
    const user = requireRole(request, 'coordinator');
    categories.create(user, request.body);
    reply.status(201);
    return { categories: categories.list(user), canManage: true };
  });

  r.put('/categories/:id', {
    schema: { tags, summary: 'Modifier une catégorie du forum (coordination)', params: threadParamsSchema, body: categoryInputSchema, response: { 200: categoryListSchema } },
  }, async (request) => {
    const user = requireRole(request, 'coordinator');
    categories.update(request.params.id, request.body);
    return { categories: categories.list(user), canManage: true };
  });

  r.get('/reports', {
    schema: { tags, summary: 'Signalements à examiner (coordination)', response: { 200: reportListSchema } },
  }, async (request) => ({ reports: moderation.queue(currentUser(request)) }));

  r.post('/reports/:id/resolve', {
    schema: { tags, summary: 'Traiter un signalement (coordination)', params: reportParamsSchema, body: reportResolveSchema, response: { 200: okSchema } },
  }, async (request) => {
    moderation.resolve(currentUser(request), request.params.id, request.body.action, request.body.reason);
    return { ok: true as const };
  });

  r.get('/mutes', {
    schema: { tags, summary: 'Personnes rendues muettes dans un groupe (ou le forum)', querystring: muteListQuerySchema, response: { 200: muteListSchema } },
  }, async (request) => ({ people: moderation.mutes(currentUser(request), request.query.groupId) }));

  r.post('/mutes', {
    schema: { tags, summary: 'Rendre une personne muette dans un groupe (ou le forum)', body: muteInputSchema, response: { 200: okSchema } },
  }, async (request) => {
    moderation.mute(currentUser(request), request.body.groupId, request.body.userId);
    return { ok: true as const };
  });

  r.post('/mutes/remove', {
    schema: { tags, summary: 'Rendre la parole à une personne', body: muteInputSchema, response: { 200: okSchema } },
  }, async (request) => {
    moderation.unmute(currentUser(request), request.body.groupId, request.body.userId);
    return { ok: true as const };
  });
}
