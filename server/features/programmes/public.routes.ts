import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROGRAMME_RATES } from '../../../shared/limits';
import { programmeParamsSchema, publicListSchema, publicProgrammeReplySchema, publicSearchSchema } from '../../../shared/programmes.replies.schema';
import { conditionInputSchema, conditionListSchema, conditionParamsSchema, conditionSchema } from '../../../shared/programmes.schema';
import { requireRole } from '../../core/auth-guard';
import { notFound } from '../../core/errors';
import { JSON_TYPE, PUBLIC_CACHE_CONTROL } from '../../core/public-cache';
import { rateOf } from '../../core/rate-limit';
import { conditionsService } from './conditions.service';
import { forgetPublicDirectory, publicDirectory } from './programmes.public';

/** What visitors read (the directory, a programme's page) and the managed list of conditions. */
export default async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const conditions = conditionsService(app.db, () => forgetPublicDirectory(app.db));
  conditions.ensureDefaults();
  const directory = publicDirectory(app.db, () => conditions.list());
  const tags = ['programmes'];

  // The reply is sent as bytes already encoded from entries checked against this schema (programmes.public.ts).
  r.get('/public', {
    config: { public: true },
    schema: { tags, summary: 'Annuaire public : recherche par mots et filtres (maladie, département, population, lieu)', querystring: publicSearchSchema, response: { 200: publicListSchema } },
  }, async (request, reply) => {
    const q = request.query;
    // One entry per search asked (bounded, least recently used first out), compressed once.
    return app.publicCache.send(request, reply, {
      resource: `programmes:search:${JSON.stringify([q.q ?? '', q.condition, q.departement, q.population, q.setting])}`,
      version: directory.version(),
      cacheControl: PUBLIC_CACHE_CONTROL.live,
      build: () => ({ body: directory.searchReply(q), type: JSON_TYPE }),
    });
  });

  r.get('/public/:id', {
    config: { public: true },
    schema: { tags, summary: 'Un programme publié, avec son contact', params: programmeParamsSchema, response: { 200: publicProgrammeReplySchema } },
  }, async (request) => {
    const programme = directory.get(request.params.id);
    if (!programme) throw notFound('Ce programme');
    return { programme, conditions: directory.conditions() };
  });

  r.get('/conditions', {
    config: { public: true },
    schema: { tags, summary: 'Liste des maladies et situations de santé', response: { 200: conditionListSchema } },
  }, async () => ({ conditions: conditions.list() }));

  r.post('/conditions', {
    schema: { tags, summary: 'Ajouter une maladie ou situation de santé à la liste (coordination)', body: conditionInputSchema, response: { 201: z.object({ condition: conditionSchema }) } },
    config: { rateLimit: rateOf(PROGRAMME_RATES.conditions) },
  }, async (request, reply) => {
    requireRole(request, 'coordinator');
    reply.status(201);
    return { condition: conditions.create(request.body) };
  });

  r.put('/conditions/:code', {
    schema: { tags, summary: 'Renommer ou retirer une maladie de la liste (coordination)', params: conditionParamsSchema, body: conditionInputSchema.omit({ code: true }), response: { 200: z.object({ condition: conditionSchema }) } },
    config: { rateLimit: rateOf(PROGRAMME_RATES.conditions) },
  }, async (request) => {
    requireRole(request, 'coordinator');
    return { condition: conditions.update(request.params.code, request.body) };
  });
}
