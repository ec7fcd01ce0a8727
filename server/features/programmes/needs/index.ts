import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NEEDS_RATES } from '../../../../shared/limits';
import {
  indicatorsImportReplySchema, indicatorsImportSchema, needMapQuerySchema, needMapReplySchema,
} from '../../../../shared/programmes.needs.schema';
import { currentUser, requireRole } from '../../../core/auth-guard';
import { rateOf } from '../../../core/rate-limit';
import { indicatorsService } from './indicators.service';
import { needsService } from './needs.service';

/**
 * Offer versus need by département (/api/programmes/needs): the map's figures for any signed-in
 * person, the import of need indicators for the coordination.
 */
export default async function programmeNeeds(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const needs = needsService(app);
  const indicators = indicatorsService(app);
  const tags = ['programmes'];

  r.get('/map', {
    schema: { tags, summary: 'Offre et besoin par département', querystring: needMapQuerySchema, response: { 200: needMapReplySchema } },
  }, async (request) => needs.map(currentUser(request), request.query));

  r.post('/indicators/preview', {
    schema: { tags, summary: 'Lire un fichier d’indicateurs de besoin sans rien enregistrer (coordination)', body: indicatorsImportSchema, response: { 200: indicatorsImportReplySchema } },
    config: { rateLimit: rateOf(NEEDS_RATES.indicatorsPreview) },
  }, async (request) => {
    const user = requireRole(request, 'coordinator');
    return indicators.import(user.id, { ...request.body, confirm: false });
  });

  r.post('/indicators/import', {
    schema: { tags, summary: 'Enregistrer un fichier d’indicateurs de besoin, entier ou pas du tout (coordination)', body: indicatorsImportSchema, response: { 200: indicatorsImportReplySchema } },
    config: { rateLimit: rateOf(NEEDS_RATES.indicatorsConfirm) },
  }, async (request) => {
    const user = requireRole(request, 'coordinator');
    return indicators.import(user.id, { ...request.body, confirm: true });
  });
}
