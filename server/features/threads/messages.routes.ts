import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  hideInputSchema, messageEditSchema, messageHistorySchema, messageInputSchema, messagePageQuerySchema, messagePageSchema,
  messageParamsSchema, messageReplySchema, reactionInputSchema, reportInputSchema, threadParamsSchema,
} from '../../../shared/threads.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser } from '../../core/auth-guard';
import { messagesService } from './messages.service';
import { reactionsService } from './reactions.service';
import { moderationService } from './moderation.service';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

export default async function messagesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const messages = messagesService(app);
  const reactions = reactionsService(app);
  const moderation = moderationService(app);
  const tags = ['threads'];

  r.get('/:id/messages', {
    schema: { tags, summary: 'Messages (les plus récents, ou avant / après un message)', params: threadParamsSchema, querystring: messagePageQuerySchema, response: { 200: messagePageSchema } },
  }, async (request) => messages.page(currentUser(request), request.params.id, request.query));

  r.post('/:id/messages', {
    schema: { tags, summary: 'Répondre (idempotent par clientId)', params: threadParamsSchema, body: messageInputSchema, response: { 200: messageReplySchema, 201: messageReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.messagePost) },
  }, async (request, reply) => {
    const { message, created } = messages.post(currentUser(request), request.params.id, request.body);
    reply.status(created ? 201 : 200);
    return { message };
  });

  r.patch('/messages/:messageId', {
    schema: { tags, summary: 'Modifier son message', params: messageParamsSchema, body: messageEditSchema, response: { 200: messageReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.messageEdit) },
  }, async (request) => ({ message: messages.edit(currentUser(request), request.params.messageId, request.body.body) }));

  r.delete('/messages/:messageId', {
    schema: { tags, summary: 'Supprimer un message', params: messageParamsSchema, response: { 200: messageReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.messageEdit) },
  }, async (request) => ({ message: messages.remove(currentUser(request), request.params.messageId) }));

  r.get('/messages/:messageId/history', {
    schema: { tags, summary: "Versions précédentes d'un message", params: messageParamsSchema, response: { 200: messageHistorySchema } },
  }, async (request) => messages.history(currentUser(request), request.params.messageId));

  r.post('/messages/:messageId/reactions', {
    schema: { tags, summary: 'Ajouter ou retirer une réaction', params: messageParamsSchema, body: reactionInputSchema, response: { 200: messageReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.reaction) },
  }, async (request) => ({ message: reactions.toggle(currentUser(request), request.params.messageId, request.body.emoji) }));

  r.post('/messages/:messageId/hide', {
    schema: { tags, summary: 'Masquer un message avec un motif (modération)', params: messageParamsSchema, body: hideInputSchema, response: { 200: messageReplySchema } },
  }, async (request) => ({ message: moderation.hide(currentUser(request), request.params.messageId, request.body.reason) }));

  r.post('/messages/:messageId/unhide', {
    schema: { tags, summary: 'Rétablir un message masqué (modération)', params: messageParamsSchema, response: { 200: messageReplySchema } },
  }, async (request) => ({ message: moderation.unhide(currentUser(request), request.params.messageId) }));

  r.post('/messages/:messageId/report', {
    schema: { tags, summary: 'Signaler un message à la modération', params: messageParamsSchema, body: reportInputSchema, response: { 201: okSchema } },
    config: { rateLimit: rateOf(WRITE_RATES.report) },
  }, async (request, reply) => {
    moderation.report(currentUser(request), request.params.messageId, request.body.reason);
    reply.status(201);
    return { ok: true as const };
  });
}
