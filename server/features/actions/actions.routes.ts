import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  actionChildParamsSchema, actionInputSchema, actionListQuerySchema, actionListSchema, actionParamsSchema, actionReplySchema,
  linkInputSchema, meetingInputSchema, requestInputSchema, stateInputSchema,
} from '../../../shared/actions.schema';
import { okSchema } from '../../../shared/errors.schema';
import { ACTION_RATES } from '../../../shared/limits';
import { currentUser, requireRole } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { actionsService } from './actions.service';
import { requestsService } from './requests.service';

export default async function actionsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = actionsService(app);
  const requests = requestsService(app);
  const tags = ['actions'];
  const params = actionParamsSchema;

  r.get('/', {
    schema: { tags, summary: 'Les actions que je peux voir (tableau, listes, filtres)', querystring: actionListQuerySchema, response: { 200: actionListSchema } },
  }, async (request) => service.list(currentUser(request), request.query));

  r.get('/requests/mine', {
    schema: { tags, summary: 'Mes demandes d’appui et leur état', response: { 200: actionListSchema } },
  }, async (request) => service.myRequests(currentUser(request)));

  r.post('/requests', {
    schema: { tags, summary: 'Demander l’appui de la plateforme (conseil, mise en relation, aide méthodologique)', body: requestInputSchema, response: { 201: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.request) },
  }, async (request, reply) => {
    reply.status(201);
    return { action: requests.send(currentUser(request), request.body) };
  });

  r.post('/', {
    schema: { tags, summary: 'Créer une action (coordination)', body: actionInputSchema, response: { 201: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.create) },
  }, async (request, reply) => {
    const user = requireRole(request, 'coordinator');
    reply.status(201);
    return { action: service.create(user, request.body) };
  });

  r.get('/:id', { schema: { tags, summary: 'Une action', params, response: { 200: actionReplySchema } } },
    async (request) => ({ action: service.get(currentUser(request), request.params.id) }));

  r.put('/:id', {
    schema: { tags, summary: 'Modifier une action (coordination, responsable)', params, body: actionInputSchema, response: { 200: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.edit) },
  }, async (request) => ({ action: service.update(currentUser(request), request.params.id, request.body) }));

  r.put('/:id/state', {
    schema: { tags, summary: 'Changer l’état d’une action', params, body: stateInputSchema, response: { 200: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.state) },
  }, async (request) => ({ action: service.setState(currentUser(request), request.params.id, request.body.state) }));

  r.delete('/:id', {
    schema: { tags, summary: 'Supprimer une action (coordination)', params, response: { 200: okSchema } },
    config: { rateLimit: rateOf(ACTION_RATES.edit) },
  }, async (request) => {
    service.remove(currentUser(request), request.params.id);
    return { ok: true as const };
  });

  r.post('/:id/links', {
    schema: { tags, summary: 'Lier un document, une discussion ou un événement', params, body: linkInputSchema, response: { 200: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.edit) },
  }, async (request) => ({ action: service.addLink(currentUser(request), request.params.id, request.body) }));

  r.delete('/:id/links/:childId', {
    schema: { tags, summary: 'Retirer un lien', params: actionChildParamsSchema, response: { 200: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.edit) },
  }, async (request) => ({ action: service.removeLink(currentUser(request), request.params.id, request.params.childId) }));

  r.post('/:id/meetings', {
    schema: { tags, summary: 'Consigner une réunion', params, body: meetingInputSchema, response: { 200: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.meeting) },
  }, async (request) => ({ action: service.addMeeting(currentUser(request), request.params.id, request.body) }));

  r.delete('/:id/meetings/:childId', {
    schema: { tags, summary: 'Retirer une réunion du journal', params: actionChildParamsSchema, response: { 200: actionReplySchema } },
    config: { rateLimit: rateOf(ACTION_RATES.meeting) },
  }, async (request) => ({ action: service.removeMeeting(currentUser(request), request.params.id, request.params.childId) }));
}
