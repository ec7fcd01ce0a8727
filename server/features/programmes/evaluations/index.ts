import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NEEDS_RATES } from '../../../../shared/limits';
import {
  benchmarkQuerySchema, benchmarkReplySchema, evaluationParamsSchema, evaluationUpdateSchema, myProgrammesReplySchema,
  programmeEvaluationsReplySchema, programmeParamsSchema, regionalQuerySchema, regionalReplySchema,
} from '../../../../shared/programmes.evaluations.schema';
import { currentUser } from '../../../core/auth-guard';
import { rateOf } from '../../../core/rate-limit';
import { benchmarkService } from './benchmark.service';
import { evaluationsService } from './evaluations.service';
import { scheduleEvaluationReminders } from './reminders';

/**
 * Evaluations due (/api/programmes/evaluations): each programme's annual self-evaluation and
 * quadrennial evaluation, kept by its team; the coordination's regional view; the benchmark;
 * and the reminders e-mailed to programme coordinators.
 */
export default async function programmeEvaluations(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const evaluations = evaluationsService(app);
  const benchmark = benchmarkService(app);
  const tags = ['programmes'];

  r.get('/', {
    schema: { tags, summary: 'Mes programmes et leurs prochaines évaluations (tous, pour la coordination)', response: { 200: myProgrammesReplySchema } },
  }, async (request) => evaluations.mine(currentUser(request)));

  r.get('/regional', {
    schema: { tags, summary: 'Évaluations de l’année par département et médianes régionales (coordination)', querystring: regionalQuerySchema, response: { 200: regionalReplySchema } },
  }, async (request) => benchmark.regional(currentUser(request), request.query.year));

  r.get('/:programmeId', {
    schema: { tags, summary: 'Évaluations dues d’un programme (son équipe, la coordination)', params: programmeParamsSchema, response: { 200: programmeEvaluationsReplySchema } },
  }, async (request) => evaluations.get(currentUser(request), request.params.programmeId));

  r.get('/:programmeId/benchmark', {
    schema: { tags, summary: 'Chiffres du programme et médianes des programmes comparables', params: programmeParamsSchema, querystring: benchmarkQuerySchema, response: { 200: benchmarkReplySchema } },
  }, async (request) => benchmark.benchmark(currentUser(request), request.params.programmeId, request.query.year));

  r.put('/:programmeId/:kind/:rank', {
    schema: { tags, summary: 'Renseigner une évaluation : état, document, date, chiffres', params: evaluationParamsSchema, body: evaluationUpdateSchema, response: { 200: programmeEvaluationsReplySchema } },
    config: { rateLimit: rateOf(NEEDS_RATES.evaluationSave) },
  }, async (request) => {
    const { programmeId, kind, rank } = request.params;
    return evaluations.update(currentUser(request), programmeId, kind, rank, request.body);
  });

  scheduleEvaluationReminders(app);
}
