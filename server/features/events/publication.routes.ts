import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eventParamsSchema, publishInputSchema, publishReplySchema, slugParamsSchema } from '../../../shared/events.schema';
import { publicAgendaSchema } from '../../../shared/events.public.schema';
import { currentUser } from '../../core/auth-guard';
import { JSON_TYPE, PUBLIC_CACHE_CONTROL } from '../../core/public-cache';
import { requireEdit } from './events.policy';
import { publicationService } from './publication.service';
import { notifyEditors } from './events.editors';
import { agendaResource, agendaVersions } from './publication.versions';

export default async function publicationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = publicationService(app);
  const versions = agendaVersions(app);
  const tags = ['events'];

  r.post('/:id/publish', {
    schema: { tags, summary: 'Publier le programme (nouvelle version)', params: eventParamsSchema, body: publishInputSchema, response: { 200: publishReplySchema } },
  }, async (request) => {
    const user = currentUser(request);
    requireEdit(app.db, user, request.params.id);
    const published = await service.publish(request.params.id, request.body, user);
    app.publicCache.invalidate(agendaResource(request.params.id, ''));
    await notifyEditors(app, { eventId: request.params.id, part: 'publication', itemId: null }, user);
    return published;
  });

  r.get('/public/:slug', {
    schema: { tags, summary: 'Le programme publié (public)', params: slugParamsSchema, response: { 200: publicAgendaSchema } },
    config: { public: true },
  }, async (request, reply) => {
    const { slug } = request.params;
    const current = versions.agenda(slug);
    return app.publicCache.send(request, reply, {
      resource: agendaResource(current.eventId, 'json'), version: current.key, cacheControl: PUBLIC_CACHE_CONTROL.live,
      build: () => {
        const { eventId: _e, ...agenda } = service.publicAgenda(slug);
        return { body: JSON.stringify(publicAgendaSchema.parse(agenda)), type: JSON_TYPE };
      },
    });
  });
}
