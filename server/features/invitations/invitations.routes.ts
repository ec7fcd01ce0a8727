import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInvitationSchema, groupInvitationInputSchema, groupInvitationListSchema, groupParamsSchema, invitationCreatedSchema,
  invitationInputSchema, invitationListSchema, invitationPreviewSchema, invitationSettingsSchema, invitationTokenParamsSchema,
} from '../../../shared/invitations.schema';
import { meReplySchema } from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser, requireRole } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { ACCOUNT_RATES, WRITE_RATES } from '../../../shared/limits';
import { invitationsService } from './invitations.service';
import { groupInvitationsService } from './group-invitations.service';
import { readInvitationSettings, writeInvitationSettings } from './invitation-settings';

export default async function invitationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = invitationsService(app);
  const groupInvitations = groupInvitationsService(app);
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
    schema: { tags, summary: 'Annuler une invitation (coordination, ou animation du groupe)', params: z.object({ id: z.string().max(64) }), response: { 200: okSchema } },
  }, async (request) => {
    service.revoke(currentUser(request), request.params.id);
    return { ok: true as const };
  });

  r.get('/settings', {
    schema: { tags, summary: 'Ce que les animateurs peuvent faire (coordination)', response: { 200: invitationSettingsSchema } },
  }, async (request) => {
    requireRole(request, 'coordinator');
    return readInvitationSettings(app.db);
  });

  r.put('/settings', {
    schema: { tags, summary: 'Ouvrir ou fermer les invitations aux animateurs, et leur quota (coordination)', body: invitationSettingsSchema, response: { 200: invitationSettingsSchema } },
    config: { rateLimit: rateOf(ACCOUNT_RATES.invitationSettings) },
  }, async (request) => {
    const user = requireRole(request, 'coordinator');
    return writeInvitationSettings(app.db, request.body, user.id);
  });

  r.get('/groups/:groupId', {
    schema: { tags, summary: 'Invitations dans un groupe (animation)', params: groupParamsSchema, response: { 200: groupInvitationListSchema } },
  }, async (request) => groupInvitations.list(currentUser(request), request.params.groupId));

  r.post('/groups/:groupId', {
    schema: { tags, summary: 'Inviter par e-mail dans son groupe (animation)', params: groupParamsSchema, body: groupInvitationInputSchema, response: { 201: invitationCreatedSchema } },
    config: { rateLimit: rateOf(ACCOUNT_RATES.groupInvitation) },
  }, async (request, reply) => {
    const created = await groupInvitations.create(currentUser(request), request.params.groupId, request.body);
    reply.status(201);
    return created;
  });

  r.get('/by-token/:token', {
    schema: { tags, summary: "Aperçu d'une invitation", params: invitationTokenParamsSchema, response: { 200: invitationPreviewSchema } },
    config: { public: true },
  }, async (request) => service.preview(request.params.token));

  r.post('/by-token/:token/accept', {
    schema: { tags, summary: 'Accepter une invitation et créer son compte', params: invitationTokenParamsSchema, body: acceptInvitationSchema, response: { 200: meReplySchema } },
    config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const { userId } = await service.accept(request.params.token, request.body);
    if (request.sessionId) app.sessions.destroy(request.sessionId);
    const { token, expiresAt } = app.sessions.create(userId, request.headers['user-agent']);
    app.sessions.setCookie(reply, token, expiresAt);
    return { user: app.sessions.resolve(token)?.user ?? null };
  });
}
