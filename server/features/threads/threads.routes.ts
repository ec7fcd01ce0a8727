import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createdThreadSchema, mentionListSchema, mentionQuerySchema, overviewSchema, readInputSchema, searchQuerySchema, searchResultSchema,
  threadInputSchema, threadListQuerySchema, threadListSchema, threadModerationSchema, threadMoveSchema, threadParamsSchema, threadReplySchema,
} from '../../../shared/threads.schema';
import { okSchema } from '../../../shared/errors.schema';
import { badRequest, notFound } from '../../core/errors';
import { currentUser } from '../../core/auth-guard';
import { threadsService } from './threads.service';
import { searchService } from './search.service';
import { scopeAccess, threadScope } from './threads.policy';
import { searchReaders } from './readers';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

export default async function threadsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = threadsService(app);
  const search = searchService(app);
  const tags = ['threads'];

  r.get('/overview', {
    schema: { tags, summary: 'Forum et discussions récentes de mes groupes', response: { 200: overviewSchema } },
  }, async (request) => service.overview(currentUser(request)));

  r.get('/', {
    schema: { tags, summary: "Discussions d'un groupe, d'une catégorie ou liées à un document", querystring: threadListQuerySchema, response: { 200: threadListSchema } },
  }, async (request) => service.list(currentUser(request), request.query));

  r.post('/', {
    schema: { tags, summary: 'Ouvrir une discussion', body: threadInputSchema, response: { 200: createdThreadSchema, 201: createdThreadSchema } },
    config: { rateLimit: rateOf(WRITE_RATES.threadCreate) },
  }, async (request, reply) => {
    const { created, ...result } = service.create(currentUser(request), request.body);
    reply.status(created ? 201 : 200);
    return result;
  });

  r.get('/search', {
    schema: { tags, summary: 'Rechercher dans les discussions', querystring: searchQuerySchema, response: { 200: searchResultSchema } },
  }, async (request) => search.search(currentUser(request), request.query.q));

  r.get('/mentionable', {
    schema: { tags, summary: 'Personnes que l’on peut mentionner (elles lisent la discussion)', querystring: mentionQuerySchema, response: { 200: mentionListSchema } },
  }, async (request) => {
    const user = currentUser(request);
    const { threadId, groupId, categoryId, q } = request.query;
    const scope = threadId ? threadScope(app.db, threadId) : { groupId: groupId ?? null, categoryId: groupId ? null : categoryId ?? null };
    if (!scope || (!scope.groupId && !scope.categoryId)) throw badRequest('Précisez une discussion, un groupe ou une catégorie.');
    if (!scopeAccess(app.db, user, scope).canRead) throw notFound('Cette discussion');
    return { people: searchReaders(app.db, scope, q, user.id) };
  });

  r.get('/:id', {
    schema: { tags, summary: 'Une discussion', params: threadParamsSchema, response: { 200: threadReplySchema } },
  }, async (request) => ({ thread: service.detail(currentUser(request), request.params.id) }));

  r.patch('/:id', {
    schema: { tags, summary: 'Épingler ou verrouiller (modération)', params: threadParamsSchema, body: threadModerationSchema, response: { 200: threadReplySchema } },
  }, async (request) => ({ thread: service.moderate(currentUser(request), request.params.id, request.body) }));

  r.post('/:id/move', {
    schema: { tags, summary: 'Déplacer une discussion (modération)', params: threadParamsSchema, body: threadMoveSchema, response: { 200: threadReplySchema } },
  }, async (request) => ({ thread: service.move(currentUser(request), request.params.id, request.body) }));

  r.post('/:id/read', {
    schema: { tags, summary: 'Marquer comme lu jusqu’à un message', params: threadParamsSchema, body: readInputSchema, response: { 200: okSchema } },
    config: { rateLimit: rateOf(WRITE_RATES.readMarker) },
  }, async (request) => {
    service.markRead(currentUser(request), request.params.id, request.body.messageId);
    return { ok: true as const };
  });
}
