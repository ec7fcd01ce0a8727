import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentParamsSchema } from '../../../../shared/documents.schema';
import { REVIEW_RATES } from '../../../../shared/limits';
import { reviewDecisionCreateSchema, reviewReplySchema, reviewRequestCreateSchema, reviewValidateSchema } from '../../../../shared/review.schema';
import { currentUser } from '../../../core/auth-guard';
import { rateOf } from '../../../core/rate-limit';
import type { ReviewService } from './review.service';

/** The review panel of a document: the round, sending for review, decisions, validation. */
export default async function reviewRoutes(app: FastifyInstance, { review }: { review: ReviewService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const params = documentParamsSchema;
  const response = { 200: reviewReplySchema };

  r.get('/:id/review', { schema: { tags, summary: 'La relecture du document (dernière demande, relecteurs, décisions)', params, response } },
    async (req) => review.get(currentUser(req), req.params.id));

  r.post('/:id/review', {
    schema: { tags, summary: 'Envoyer en relecture en nommant des relecteurs du groupe', params, body: reviewRequestCreateSchema, response },
    config: { rateLimit: rateOf(REVIEW_RATES.request) },
  }, async (req) => review.request(currentUser(req), req.params.id, req.body));

  r.post('/:id/review/decisions', {
    schema: { tags, summary: 'Approuver ou demander des modifications (relecteurs nommés)', params, body: reviewDecisionCreateSchema, response },
    config: { rateLimit: rateOf(REVIEW_RATES.decision) },
  }, async (req) => review.decide(currentUser(req), req.params.id, req.body));

  r.post('/:id/review/validate', {
    schema: { tags, summary: 'Valider le document (animation ; note requise sans toutes les approbations)', params, body: reviewValidateSchema, response },
    config: { rateLimit: rateOf(REVIEW_RATES.validate) },
  }, async (req) => review.validate(currentUser(req), req.params.id, req.body.note));
}
