import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOCUMENT_LIMITS, searchQuerySchema, searchReplySchema } from '../../../../shared/documents.schema';
import { currentUser } from '../../../core/auth-guard';
import { searchService } from './search.service';

export default async function searchRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = searchService(app);
  r.get('/search', {
    config: { rateLimit: { max: DOCUMENT_LIMITS.searchesPerMinute, timeWindow: 60_000, keyGenerator: (req) => req.user?.id ?? req.ip } },
    schema: { tags: ['documents'], summary: 'Rechercher dans les documents que je peux lire', querystring: searchQuerySchema, response: { 200: searchReplySchema } },
  }, async (req) => ({ results: service.search(currentUser(req), req.query.q) }));
}
