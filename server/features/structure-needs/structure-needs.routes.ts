import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { STRUCTURE_NEEDS_RATES as RATES } from '../../../shared/limits';
import {
  organisationParamsSchema, questionnaireCreateSchema, questionnaireReplySchema, questionnaireSaveSchema, readersSaveSchema,
  yearParamsSchema, yearsReplySchema,
} from '../../../shared/structure-needs.schema';
import { answerListReplySchema, answerSetReplySchema, answersSaveSchema } from '../../../shared/structure-needs.answers';
import { synthesisReplySchema } from '../../../shared/structure-needs.synthesis';
import { currentUser } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { structureNeedsPolicy } from './structure-needs.policy';
import { questionnaireService } from './questionnaire.service';
import { answersService } from './answers.service';
import { synthesise } from './synthesis';
import { synthesisCsv } from './synthesis.csv';

/** The needs of structures (/api/structure-needs): questionnaires per year, answers, synthesis. */
export default async function structureNeedsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const policy = structureNeedsPolicy(app);
  const questionnaires = questionnaireService(app, policy);
  const answers = answersService(app, policy, questionnaires);
  const tags = ['structure-needs'];
  questionnaires.ensureDefault();

  const synthesisOf = (request: Parameters<typeof currentUser>[0], year: number) => {
    const q = questionnaires.row(year);
    policy.requireReadAll(currentUser(request), q.id);
    return synthesise(year, q.content, answers.submitted(q.id));
  };

  r.get('/', { schema: { tags, summary: 'Les questionnaires des besoins par année et ce que la personne peut en faire', response: { 200: yearsReplySchema } } }, async (request) => {
    const user = currentUser(request);
    return questionnaires.years(user, { id: user.organisationId, name: user.organisationName });
  });

  r.post('/questionnaires', {
    schema: { tags, summary: 'Préparer le questionnaire d’une année (coordination)', body: questionnaireCreateSchema, response: { 201: questionnaireReplySchema } },
    config: { rateLimit: rateOf(RATES.questionnaireCreate) },
  }, async (request, reply) => {
    reply.status(201);
    return { questionnaire: questionnaires.create(currentUser(request), request.body.year, request.body.copyFrom) };
  });

  r.get('/questionnaires/:year', { schema: { tags, summary: 'Le questionnaire d’une année', params: yearParamsSchema, response: { 200: questionnaireReplySchema } } },
    async (request) => ({ questionnaire: questionnaires.get(request.params.year) }));

  r.put('/questionnaires/:year', {
    schema: { tags, summary: 'Modifier les questions d’une année sans réponse (coordination)', params: yearParamsSchema, body: questionnaireSaveSchema, response: { 200: questionnaireReplySchema } },
    config: { rateLimit: rateOf(RATES.questionnaireSave) },
  }, async (request) => ({ questionnaire: questionnaires.save(currentUser(request), request.params.year, request.body.content) }));

  r.put('/questionnaires/:year/readers', {
    schema: { tags, summary: 'Ouvrir les réponses d’une année à des groupes (coordination)', params: yearParamsSchema, body: readersSaveSchema, response: { 200: questionnaireReplySchema } },
    config: { rateLimit: rateOf(RATES.questionnaireSave) },
  }, async (request) => ({ questionnaire: questionnaires.saveReaders(currentUser(request), request.params.year, request.body.groupIds) }));

  r.get('/answers/:year/mine', { schema: { tags, summary: 'Les réponses de ma structure', params: yearParamsSchema, response: { 200: answerSetReplySchema } } },
    async (request) => ({ answerSet: answers.mine(currentUser(request), request.params.year) }));

  r.put('/answers/:year/mine', {
    schema: { tags, summary: 'Enregistrer le brouillon des réponses de ma structure', params: yearParamsSchema, body: answersSaveSchema, response: { 200: answerSetReplySchema } },
    config: { rateLimit: rateOf(RATES.answerSave) },
  }, async (request) => ({ answerSet: answers.save(currentUser(request), request.params.year, request.body.answers) }));

  r.post('/answers/:year/mine/submit', {
    schema: { tags, summary: 'Envoyer les réponses de ma structure', params: yearParamsSchema, body: answersSaveSchema, response: { 200: answerSetReplySchema } },
    config: { rateLimit: rateOf(RATES.answerSubmit) },
  }, async (request) => ({ answerSet: answers.submit(currentUser(request), request.params.year, request.body.answers) }));

  r.get('/answers/:year', { schema: { tags, summary: 'Les réponses envoyées par les structures (coordination, groupes ouverts)', params: yearParamsSchema, response: { 200: answerListReplySchema } } },
    async (request) => answers.list(currentUser(request), request.params.year));

  r.get('/answers/:year/:organisationId', { schema: { tags, summary: 'Les réponses d’une structure', params: organisationParamsSchema, response: { 200: answerSetReplySchema } } },
    async (request) => ({ answerSet: answers.one(currentUser(request), request.params.year, request.params.organisationId) }));

  r.get('/synthesis/:year', { schema: { tags, summary: 'Synthèse des réponses par département et par type de structure', params: yearParamsSchema, response: { 200: synthesisReplySchema } } },
    async (request) => ({ synthesis: synthesisOf(request, request.params.year) }));

  r.get('/synthesis/:year/csv', { schema: { tags, summary: 'Synthèse au format CSV (UTF-8, point-virgule)', params: yearParamsSchema } }, async (request, reply) => {
    const csv = synthesisCsv(synthesisOf(request, request.params.year));
    reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="besoins-structures-${request.params.year}.csv"`)
      .header('cache-control', 'private, no-store');
    return csv;
  });
}
