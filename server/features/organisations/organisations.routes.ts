import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  organisationInputSchema, organisationListSchema, organisationParamsSchema, organisationSchema,
} from '../../../shared/organisations.schema';
import { requireRole } from '../../core/auth-guard';
import { organisationsService } from './organisations.service';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

export default async function organisationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = organisationsService(app);
  const tags = ['organisations'];
  const reply = z.object({ organisation: organisationSchema });

  r.get('/', { schema: { tags, summary: 'Organisations', response: { 200: organisationListSchema } } }, async () => ({
    organisations: service.list(),
  }));

  r.post('/', { schema: { tags, summary: 'Créer une organisation (coordination)', body: organisationInputSchema, response: { 201: reply } }, config: { rateLimit: rateOf(WRITE_RATES.organisationCreate) } }, async (request, res) => {
    requireRole(request, 'coordinator');
    res.status(201);
    return { organisation: service.create(request.body) };
  });

  r.put('/:id', {
    schema: { tags, summary: 'Modifier une organisation (coordination)', params: organisationParamsSchema, body: organisationInputSchema, response: { 200: reply } },
  }, async (request) => {
    requireRole(request, 'coordinator');
    return { organisation: service.update(request.params.id, request.body) };
  });
}
