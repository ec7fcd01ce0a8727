import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { activeSessionListSchema, sessionParamsSchema, type ActiveSession } from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/errors.schema';
import { ACCOUNT_RATES } from '../../../shared/limits';
import { currentUser } from '../../core/auth-guard';
import { notFound } from '../../core/errors';
import { rateOf } from '../../core/rate-limit';
import { hashToken } from '../../core/tokens';
import { deviceOf } from './devices';

/**
 * The list shows a handle, not the session id: the id is what the server keys sessions by, and
 * nothing the page holds should come closer to a cookie than it needs to.
 */
const handleOf = (sessionId: string) => hashToken(`session-handle:${sessionId}`).slice(0, 32);

/** A person's own sessions: the list (device, last use), ending one, and "sign out everywhere". */
export default async function sessionsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.get('/sessions', {
    schema: { tags, summary: 'Mes sessions ouvertes', response: { 200: activeSessionListSchema } },
  }, async (request) => {
    const user = currentUser(request);
    const sessions: ActiveSession[] = app.sessions.listOf(user.id).map((s) => ({
      id: handleOf(s.id), ...deviceOf(s.userAgent), createdAt: s.createdAt.toISOString(), lastUsedAt: s.lastUsedAt.toISOString(),
      current: s.id === request.sessionId,
    }));
    return { sessions };
  });

  r.delete('/sessions/:id', {
    schema: { tags, summary: 'Terminer une de mes sessions (ses connexions en direct se ferment)', params: sessionParamsSchema, response: { 200: okSchema } },
    config: { rateLimit: rateOf(ACCOUNT_RATES.sessionEnd) },
  }, async (request, reply) => {
    const user = currentUser(request);
    // Looked up among the person's own sessions only: another account's handle is simply not found.
    const session = app.sessions.listOf(user.id).find((s) => handleOf(s.id) === request.params.id);
    if (!session) throw notFound('Cette session');
    app.sessions.destroy(session.id);
    if (session.id === request.sessionId) app.sessions.clearCookie(reply);
    return { ok: true as const };
  });

  r.post('/logout-everywhere', {
    schema: { tags, summary: 'Se déconnecter partout (toutes mes sessions, celle-ci comprise)', response: { 200: okSchema } },
    config: { rateLimit: rateOf(ACCOUNT_RATES.sessionEnd) },
  }, async (request, reply) => {
    app.sessions.endAllOf(currentUser(request).id);
    app.sessions.clearCookie(reply);
    return { ok: true as const };
  });
}
