import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  commentDocumentParamsSchema, commentInputSchema, commentParamsSchema, commentRemovedReplySchema, commentThreadInputSchema,
  commentThreadListSchema, commentThreadParamsSchema, commentThreadReplySchema,
} from '../../../shared/comments.schema';
import { COMMENT_RATES } from '../../../shared/limits';
import { currentUser } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import type { CommentsService } from './comments.service';

/** Comment threads on passages of documents, under /api/comments. Each write has its per-account rate. */
export default async function commentsRoutes(app: FastifyInstance, { service }: { service: CommentsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['comments'];

  r.get('/documents/:documentId', {
    schema: { tags, summary: 'Les fils de commentaires d’un document (ouverts et résolus)', params: commentDocumentParamsSchema, response: { 200: commentThreadListSchema } },
  }, async (req) => service.list(currentUser(req), req.params.documentId));

  r.post('/documents/:documentId', {
    schema: { tags, summary: 'Commenter un passage (ouvre un fil)', params: commentDocumentParamsSchema, body: commentThreadInputSchema, response: { 201: commentThreadReplySchema } },
    config: { rateLimit: rateOf(COMMENT_RATES.threadCreate) },
  }, async (req, reply) => {
    reply.status(201);
    return { thread: service.create(currentUser(req), req.params.documentId, req.body) };
  });

  r.post('/threads/:threadId/comments', {
    schema: { tags, summary: 'Répondre dans un fil', params: commentThreadParamsSchema, body: commentInputSchema, response: { 201: commentThreadReplySchema } },
    config: { rateLimit: rateOf(COMMENT_RATES.reply) },
  }, async (req, reply) => {
    reply.status(201);
    return { thread: service.reply(currentUser(req), req.params.threadId, req.body.body) };
  });

  r.post('/threads/:threadId/resolve', {
    schema: { tags, summary: 'Résoudre un fil', params: commentThreadParamsSchema, response: { 200: commentThreadReplySchema } },
    config: { rateLimit: rateOf(COMMENT_RATES.resolve) },
  }, async (req) => ({ thread: service.setResolved(currentUser(req), req.params.threadId, true) }));

  r.post('/threads/:threadId/reopen', {
    schema: { tags, summary: 'Rouvrir un fil résolu', params: commentThreadParamsSchema, response: { 200: commentThreadReplySchema } },
    config: { rateLimit: rateOf(COMMENT_RATES.resolve) },
  }, async (req) => ({ thread: service.setResolved(currentUser(req), req.params.threadId, false) }));

  r.patch('/:commentId', {
    schema: { tags, summary: 'Modifier son commentaire', params: commentParamsSchema, body: commentInputSchema, response: { 200: commentThreadReplySchema } },
    config: { rateLimit: rateOf(COMMENT_RATES.edit) },
  }, async (req) => ({ thread: service.edit(currentUser(req), req.params.commentId, req.body.body) }));

  r.delete('/:commentId', {
    schema: { tags, summary: 'Supprimer son commentaire (le fil disparaît avec son seul commentaire)', params: commentParamsSchema, response: { 200: commentRemovedReplySchema } },
    config: { rateLimit: rateOf(COMMENT_RATES.edit) },
  }, async (req) => ({ thread: service.remove(currentUser(req), req.params.commentId) }));
}
