import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eventParamsSchema, publishInputSchema, publishReplySchema, slugParamsSchema } from '../../../shared/events.schema';
import { publicAgendaSchema } from '../../../shared/events.public.schema';
import { currentUser } from '../../core/auth-guard';
import { requireEdit } from './events.policy';
import { publicationService } from './publication.service';
import { notifyEditors } from './events.editors';

export default async function publicationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = publicationService(app);
  const tags = ['events'];

  r.post('/:id/publish', {
    schema: { tags, summary: 'Publier le programme (nouvelle version)', params: eventParamsSchema, body: publishInputSchema, response: { 200: publishReplySchema } },
  }, async (request) => {
    const user = currentUser(request);
    requireEdit(app.db, user, request.params.id);
    const published = await service.publish(request.params.id, request.body, user);
    await notifyEditors(app, { eventId: request.params.id, part: 'publication', itemId: null }, user);
    return published;
  });

  r.get('/public/:slug', {
    schema: { tags, summary: 'Le programme publié (public)', params: slugParamsSchema, response: { 200: publicAgendaSchema } },
    config: { public: true },
  }, async (request) => {
    const { eventId: _e, ...agenda } = service.publicAgenda(request.params.slug);
    return agenda;
  });
}
