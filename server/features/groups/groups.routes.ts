import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  activityListSchema, activityQuerySchema, groupInputSchema, groupListSchema, groupParamsSchema, groupReplySchema, groupUpdateSchema,
} from '../../../shared/groups.schema';
import { currentUser } from '../../core/auth-guard';
import { listActivity } from './activity';
import { requireGroupAccess } from './groups.policy';
import { groupsService } from './groups.service';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

/** Groups themselves: the list, a group's home data, creating and editing. */
export default async function groupsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = groupsService(app);
  const tags = ['groups'];

  r.get('/', {
    schema: { tags, summary: 'Mes groupes et ceux que je peux rejoindre', response: { 200: groupListSchema } },
  }, async (request) => service.list(currentUser(request)));

  r.post('/', {
    config: { rateLimit: rateOf(WRITE_RATES.groupCreate) },
    schema: { tags, summary: 'Créer un groupe de travail (coordination, membres)', body: groupInputSchema, response: { 201: groupReplySchema } },
  }, async (request, reply) => {
    const created = service.create(currentUser(request), request.body);
    reply.status(201);
    return created;
  });

  r.get('/:groupId', {
    schema: { tags, summary: "Un groupe et mes droits (404 s'il ne m'est pas visible)", params: groupParamsSchema, response: { 200: groupReplySchema } },
  }, async (request) => service.get(currentUser(request), request.params.groupId));

  r.patch('/:groupId', {
    schema: { tags, summary: 'Modifier un groupe (animateurs)', params: groupParamsSchema, body: groupUpdateSchema, response: { 200: groupReplySchema } },
  }, async (request) => service.update(currentUser(request), request.params.groupId, request.body));

  r.get('/:groupId/activity', {
    schema: { tags, summary: "Activité récente d'un groupe (membres)", params: groupParamsSchema, querystring: activityQuerySchema, response: { 200: activityListSchema } },
  }, async (request) => {
    requireGroupAccess(app.db, currentUser(request), request.params.groupId, 'read');
    return { entries: listActivity(app.db, request.params.groupId, request.query) };
  });
}
