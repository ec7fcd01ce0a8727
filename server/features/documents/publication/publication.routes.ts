import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentParamsSchema } from '../../../../shared/documents.schema';
import {
  publicationListSchema, publishBodySchema, publishReplySchema, unpublishReplySchema,
} from '../../../../shared/documents.publication.schema';
import { PUBLICATION_RATES } from '../../../../shared/limits';
import { currentUser } from '../../../core/auth-guard';
import { rateOf } from '../../../core/rate-limit';
import type { PublicationService } from './publication.service';

/** Versions of record of a document, for its group: list, publish (leads), unpublish (leads). */
export default async function publicationRoutes(app: FastifyInstance, { publication }: { publication: PublicationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const params = documentParamsSchema;

  r.get('/:id/publications', { schema: { tags, summary: 'Versions publiées d’un document', params, response: { 200: publicationListSchema } } },
    async (req) => publication.list(currentUser(req), req.params.id));

  r.post('/:id/publications', {
    schema: { tags, summary: 'Publier le texte validé comme nouvelle version de la bibliothèque (animation)', params, body: publishBodySchema, response: { 201: publishReplySchema } },
    config: { rateLimit: rateOf(PUBLICATION_RATES.publish) },
  }, async (req, reply) => {
    reply.status(201);
    return publication.publish(currentUser(req), req.params.id, req.body.note);
  });

  r.post('/:id/unpublish', {
    schema: { tags, summary: 'Retirer de la bibliothèque de ressources, sans supprimer les versions publiées (animation)', params, response: { 200: unpublishReplySchema } },
    config: { rateLimit: rateOf(PUBLICATION_RATES.unpublish) },
  }, async (req) => publication.unpublish(currentUser(req), req.params.id));
}
