import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInvitationSchema, invitationCreatedSchema, invitationInputSchema, invitationListSchema,
  invitationPreviewSchema, invitationTokenParamsSchema,
} from '../../../shared/invitations.schema';
import { meReplySchema } from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/errors.schema';
import { requireRole } from '../../core/auth-guard';
import { invitationsService } from './invitations.service';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

export default async function invitationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = invitationsService(app);
  const tags = ['invitations'];

  r.get('/', { schema: { tags, summary: 'Invitations (coordination)', response: { 200: invitationListSchema } } }, async (request) => {
    requireRole(request, 'coordinator');
    return { invitations: service.list() };
  });

  r.post('/', {
    schema: { tags, summary: 'Inviter une personne (coordination)', body: invitationInputSchema, response: { 201: invitationCreatedSchema } },
    config: { rateLimit: rateOf(WRITE_RATES.invitation) },
  }, async (request, reply) => {
    const user = requireRole(request, 'coordinator');
    reply.status(201);
    return service.create(request.body, user.id);
  });

  r.delete('/:id', {
    schema: { tags, summary: 'Annuler une invitation', params: z.object({ id: z.string().max(64) }), response: { 200: okSchema } },
  }, async (request) => {
    requireRole(request, 'coordinator');
    service.revoke(request.params.id);
    return { ok: true as const };
  });

  r.get('/by-token/:token', {
    schema: { tags, summary: "Aperçu d'une invitation", params: invitationTokenParamsSchema, response: { 200: invitationPreviewSchema } },
    config: { public: true },
  }, async (request) => service.preview(request.params.token));

  r.post('/by-token/:token/accept', {
    schema: { tags, summary: 'Accepter une invitation et créer son compte', params: invitationTokenParamsSchema, body: acceptInvitationSchema, response: { 200: meReplySchema } },
    config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const userId = await service.accept(request.params.token, request.body);
    if (request.sessionId) app.sessions.destroy(request.sessionId);
    const { token, expiresAt } = app.sessions.create(userId);
    app.sessions.setCookie(reply, token, expiresAt);
    return { user: app.sessions.resolve(token)?.user ?? null };
  });
}
