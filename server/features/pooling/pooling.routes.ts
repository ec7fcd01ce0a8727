import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { groupMembers, groups } from '../../../db/schema/index';
import { POOLING_RATES } from '../../../shared/limits';
import { ledGroupsReplySchema, partnershipInputSchema, partnershipReplySchema, partnersQuerySchema, partnersReplySchema } from '../../../shared/pooling.schema';
import { currentUser } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { findPartners } from './partners.service';
import { partnershipService } from './partnership.service';

/**
 * /api/pooling: the guide itself is editorial (client i18n); the server finds partners in the
 * directory and starts partnerships. Both need an account: the guide is public, its tools are not.
 */
export default async function poolingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const partnerships = partnershipService(app);
  const tags = ['pooling'];

  r.get('/partners', {
    schema: {
      tags, summary: 'Partenaires possibles pour une option du guide : programmes publiés sur la maladie dans le département et ses voisins, hôpital / ville',
      querystring: partnersQuerySchema, response: { 200: partnersReplySchema },
    },
  }, async (request) => findPartners(app.db, currentUser(request), request.query));

  r.get('/groups', {
    schema: { tags, summary: 'Les groupes que j’anime, où démarrer un partenariat', response: { 200: ledGroupsReplySchema } },
  }, async (request) => {
    const user = currentUser(request);
    const rows = app.db.select({ id: groups.id, name: groups.name }).from(groups)
      .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, user.id), eq(groupMembers.role, 'lead')))
      .orderBy(asc(groups.name)).all();
    return { groups: rows };
  });

  r.post('/partnerships', {
    schema: {
      tags, summary: 'Démarrer un partenariat : groupe de travail avec les partenaires et convention remplie (option, parties, responsabilités)',
      body: partnershipInputSchema, response: { 201: partnershipReplySchema },
    },
    config: { rateLimit: rateOf(POOLING_RATES.partnershipStart) },
  }, async (request, reply) => {
    reply.status(201);
    return partnerships.start(currentUser(request), request.body);
  });
}
