import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okSchema } from '../../../shared/errors.schema';
import {
  addMemberInputSchema, candidateListSchema, candidateQuerySchema, changeRoleInputSchema, groupMemberListSchema, groupParamsSchema,
  joinDecisionInputSchema, joinRequestInputSchema, joinRequestListSchema, joinRequestParamsSchema, memberParamsSchema,
} from '../../../shared/groups.schema';
import { currentUser } from '../../core/auth-guard';
import { groupMembersService } from './group-members.service';
import { joinRequestsService } from './join-requests.service';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

/** Who is in a group: members, invitations by leads, requests to join and their answers. */
export default async function groupMembersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const members = groupMembersService(app);
  const requests = joinRequestsService(app);
  const tags = ['groups'];
  const ok = { ok: true as const };

  r.get('/:groupId/members', {
    schema: { tags, summary: "Membres d'un groupe et leurs rôles", params: groupParamsSchema, response: { 200: groupMemberListSchema } },
  }, async (request) => ({ members: members.list(currentUser(request), request.params.groupId) }));

  r.get('/:groupId/candidates', {
    schema: { tags, summary: 'Chercher une personne à ajouter, par son nom (animateurs)', params: groupParamsSchema, querystring: candidateQuerySchema, response: { 200: candidateListSchema } },
  }, async (request) => ({ candidates: members.candidates(currentUser(request), request.params.groupId, request.query.q) }));

  r.post('/:groupId/members', {
    schema: { tags, summary: 'Ajouter une personne au groupe (animateurs)', params: groupParamsSchema, body: addMemberInputSchema, response: { 201: okSchema } },
  }, async (request, reply) => {
    members.add(currentUser(request), request.params.groupId, request.body.userId, request.body.role);
    reply.status(201);
    return ok;
  });

  r.patch('/:groupId/members/:userId', {
    schema: { tags, summary: "Changer le rôle d'un membre (animateurs)", params: memberParamsSchema, body: changeRoleInputSchema, response: { 200: okSchema } },
  }, async (request) => {
    members.changeRole(currentUser(request), request.params.groupId, request.params.userId, request.body.role);
    return ok;
  });

  r.delete('/:groupId/members/:userId', {
    schema: { tags, summary: 'Retirer un membre (animateurs) ou quitter le groupe (soi-même)', params: memberParamsSchema, response: { 200: okSchema } },
  }, async (request) => {
    members.remove(currentUser(request), request.params.groupId, request.params.userId);
    return ok;
  });

  r.get('/:groupId/join-requests', {
    schema: { tags, summary: "Demandes d'adhésion en attente (animateurs)", params: groupParamsSchema, response: { 200: joinRequestListSchema } },
  }, async (request) => ({ requests: requests.list(currentUser(request), request.params.groupId) }));

  r.post('/:groupId/join-requests', {
    config: { rateLimit: rateOf(WRITE_RATES.joinRequest) },
    schema: { tags, summary: 'Demander à rejoindre un groupe public ou de la plateforme', params: groupParamsSchema, body: joinRequestInputSchema, response: { 201: okSchema } },
  }, async (request, reply) => {
    requests.create(currentUser(request), request.params.groupId, request.body.message);
    reply.status(201);
    return ok;
  });

  r.delete('/:groupId/join-requests/mine', {
    schema: { tags, summary: 'Retirer ma demande', params: groupParamsSchema, response: { 200: okSchema } },
  }, async (request) => {
    requests.withdraw(currentUser(request), request.params.groupId);
    return ok;
  });

  r.post('/:groupId/join-requests/:requestId/decision', {
    schema: { tags, summary: 'Accepter ou refuser une demande (animateurs)', params: joinRequestParamsSchema, body: joinDecisionInputSchema, response: { 200: okSchema } },
  }, async (request) => {
    requests.decide(currentUser(request), request.params.groupId, request.params.requestId, request.body.decision, request.body.role);
    return ok;
  });
}
