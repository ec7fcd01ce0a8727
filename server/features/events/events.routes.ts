import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createdSchema, eventInputSchema, eventListSchema, eventParamsSchema, eventReplySchema, organisersInputSchema,
} from '../../../shared/events.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser, requireRole } from '../../core/auth-guard';
import { notFound } from '../../core/errors';
import { eventAccess, requireEdit } from './events.policy';
import { eventsService } from './events.service';
import { notifyEditors } from './events.editors';

export default async function eventsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = eventsService(app);
  const tags = ['events'];

  r.get('/', {
    schema: { tags, summary: 'Événements : publiés pour tous, brouillons pour leurs organisateurs', response: { 200: eventListSchema } },
    config: { public: true },
  }, async (request) => ({ events: service.list(request.user), canCreate: request.user?.role === 'coordinator' }));

  r.post('/', { schema: { tags, summary: 'Créer un événement (coordination)', body: eventInputSchema, response: { 201: createdSchema } } }, async (request, reply) => {
    const user = requireRole(request, 'coordinator');
    reply.status(201);
    return { id: service.create(request.body, user.id) };
  });

  r.get('/:id', { schema: { tags, summary: "Un événement et son programme de travail (organisateurs)", params: eventParamsSchema, response: { 200: eventReplySchema } } }, async (request) => ({
    event: service.detail(request.params.id, currentUser(request)),
  }));

  r.put('/:id', { schema: { tags, summary: 'Modifier un événement (organisateurs)', params: eventParamsSchema, body: eventInputSchema, response: { 200: okSchema } } }, async (request) => {
    const user = currentUser(request);
    requireEdit(app.db, user, request.params.id);
    service.update(request.params.id, request.body);
    await notifyEditors(app, { eventId: request.params.id, part: 'settings', itemId: null }, user);
    return { ok: true as const };
  });

  r.put('/:id/organisers', { schema: { tags, summary: 'Nommer les organisateurs (coordination)', params: eventParamsSchema, body: organisersInputSchema, response: { 200: okSchema } } }, async (request) => {
    requireRole(request, 'coordinator');
    if (!eventAccess(app.db, request.user, request.params.id)) throw notFound('Cet événement');
    service.setOrganisers(request.params.id, request.body.userIds);
    await notifyEditors(app, { eventId: request.params.id, part: 'organisers', itemId: null }, currentUser(request));
    return { ok: true as const };
  });

  r.delete('/:id', { schema: { tags, summary: 'Supprimer un événement (coordination)', params: eventParamsSchema, response: { 200: okSchema } } }, async (request) => {
    requireRole(request, 'coordinator');
    service.remove(request.params.id);
    return { ok: true as const };
  });
}
