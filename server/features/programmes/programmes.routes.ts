import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PROGRAMME_RATES } from '../../../shared/limits';
import {
  importInputSchema, importReportSchema, importResultSchema, manageQuerySchema, programmeParamsSchema, programmeReplySchema,
  programmeSummaryListSchema, reviewInputSchema,
} from '../../../shared/programmes.replies.schema';
import { programmeInputSchema } from '../../../shared/programmes.schema';
import { currentUser, requireRole } from '../../core/auth-guard';
import { forbidden } from '../../core/errors';
import { rateOf } from '../../core/rate-limit';
import { forgetPublicDirectory } from './programmes.public';
import { confirmImport, prepareImport } from './programmes.import';
import { listSummaries } from './programmes.read';
import { programmesService } from './programmes.service';

/** The programmes as their holders and the coordination write them, under /api/programmes. */
export default async function programmesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const published = () => forgetPublicDirectory(app.db);
  const service = programmesService(app.db, published);
  const tags = ['programmes'];

  r.get('/', {
    schema: { tags, summary: 'Programmes de ma structure (tous pour la coordination), avec leur état de validation', querystring: manageQuerySchema, response: { 200: programmeSummaryListSchema } },
  }, async (request) => {
    const user = currentUser(request);
    if (user.role === 'association') throw forbidden('Les comptes associatifs consultent l’annuaire public des programmes.');
    const holderOrganisationId = user.role === 'coordinator' ? undefined : user.organisationId;
    return { programmes: listSummaries(app.db, { holderOrganisationId, reviewState: request.query.review }) };
  });

  r.post('/', {
    schema: { tags, summary: 'Déclarer un programme dans l’annuaire (structure porteuse ou coordination)', body: programmeInputSchema, response: { 201: programmeReplySchema } },
    config: { rateLimit: rateOf(PROGRAMME_RATES.save) },
  }, async (request, reply) => {
    reply.status(201);
    return { programme: service.create(currentUser(request), request.body) };
  });

  r.get('/:id', {
    schema: { tags, summary: 'La version de travail d’un programme et sa version publique', params: programmeParamsSchema, response: { 200: programmeReplySchema } },
  }, async (request) => ({ programme: service.get(currentUser(request), request.params.id) }));

  r.put('/:id', {
    schema: { tags, summary: 'Modifier un programme (publié après validation par la coordination)', params: programmeParamsSchema, body: programmeInputSchema, response: { 200: programmeReplySchema } },
    config: { rateLimit: rateOf(PROGRAMME_RATES.save) },
  }, async (request) => ({ programme: service.update(currentUser(request), request.params.id, request.body) }));

  r.post('/:id/review', {
    schema: { tags, summary: 'Valider ou refuser une modification (coordination)', params: programmeParamsSchema, body: reviewInputSchema, response: { 200: programmeReplySchema } },
    config: { rateLimit: rateOf(PROGRAMME_RATES.review) },
  }, async (request) => ({ programme: service.review(currentUser(request), request.params.id, request.body) }));

  r.post('/import/preview', {
    schema: { tags, summary: 'Lire un fichier CSV de programmes et dire ce qui ne va pas, sans rien enregistrer (coordination)', body: importInputSchema, response: { 200: importReportSchema } },
    config: { rateLimit: rateOf(PROGRAMME_RATES.importPreview) },
  }, async (request) => {
    requireRole(request, 'coordinator');
    return prepareImport(app.db, request.body.csv).report;
  });

  r.post('/import', {
    schema: { tags, summary: 'Importer un fichier CSV de programmes, tout ou rien (coordination)', body: importInputSchema, response: { 201: importResultSchema } },
    config: { rateLimit: rateOf(PROGRAMME_RATES.importConfirm) },
  }, async (request, reply) => {
    const result = confirmImport(app.db, requireRole(request, 'coordinator'), request.body.csv, published);
    reply.status(201);
    return result;
  });
}
