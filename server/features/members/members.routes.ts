import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  memberAdminInputSchema, memberListSchema, memberParamsSchema, memberReplySchema, memberSearchQuerySchema, profileInputSchema,
  resetLinkReplySchema,
} from '../../../shared/members.schema';
import { forbidden } from '../../core/errors';
import { currentUser, requireRole } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { ACCOUNT_RATES, WRITE_RATES } from '../../../shared/limits';
import { passwordService } from '../auth/password.service';
import { membersService } from './members.service';

export default async function membersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = membersService(app);
  const passwords = passwordService(app);
  const tags = ['members'];

  // The directory is for professionals: association accounts see people inside the threads they join.
  r.get('/', {
    schema: { tags, summary: 'Annuaire des membres', querystring: memberSearchQuerySchema, response: { 200: memberListSchema } },
  }, async (request) => {
    const user = requireRole(request, 'coordinator', 'member');
    if (request.query.includeDisabled && user.role !== 'coordinator') {
      throw forbidden('Seule la coordination voit les comptes désactivés.');
    }
    return service.search(request.query);
  });

  r.get('/me', { schema: { tags, summary: 'Mon profil', response: { 200: memberReplySchema } } }, async (request) => ({
    member: service.get(currentUser(request).id),
  }));

  r.put('/me', {
    schema: { tags, summary: 'Modifier mon profil (l’organisation : coordination seulement)', body: profileInputSchema, response: { 200: memberReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.profile) },
  }, async (request) => ({ member: service.updateProfile(currentUser(request), request.body) }));

  r.get('/:id', {
    schema: { tags, summary: "Profil d'un membre", params: memberParamsSchema, response: { 200: memberReplySchema } },
  }, async (request) => {
    const user = currentUser(request);
    if (user.role === 'association' && user.id !== request.params.id) throw forbidden();
    return { member: service.get(request.params.id) };
  });

  r.patch('/:id', {
    schema: { tags, summary: 'Changer le rôle, l’organisation ou désactiver un compte (coordination)', params: memberParamsSchema, body: memberAdminInputSchema, response: { 200: memberReplySchema } },
  }, async (request) => {
    const user = requireRole(request, 'coordinator');
    if (request.params.id === user.id && (request.body.disabled || (request.body.role && request.body.role !== 'coordinator'))) {
      throw forbidden('Vous ne pouvez pas retirer vos propres droits de coordination.');
    }
    return { member: service.administer(request.params.id, request.body) };
  });

  // A locked-out person without e-mail (or a platform without SMTP): the coordination makes the link.
  r.post('/:id/reset-link', {
    schema: { tags, summary: 'Créer un lien de réinitialisation du mot de passe (coordination)', params: memberParamsSchema, response: { 200: resetLinkReplySchema } },
    config: { rateLimit: rateOf(ACCOUNT_RATES.resetLinkIssue) },
  }, async (request) => {
    const user = requireRole(request, 'coordinator');
    return passwords.issueReset(request.params.id, user.id);
  });
}
