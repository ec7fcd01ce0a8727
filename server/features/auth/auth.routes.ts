import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginBodySchema, meReplySchema } from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/errors.schema';
import { authService } from './auth.service';

export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = authService(app);

  r.post('/login', {
    schema: { tags: ['auth'], summary: 'Se connecter', body: loginBodySchema, response: { 200: meReplySchema } },
    config: {
      public: true,
      rateLimit: {
        max: app.config.loginRateLimit.max,
        timeWindow: app.config.loginRateLimit.windowMs,
        // Counted per address and e-mail, after the body is read: a whole hospital behind one
        // address can still sign in at 9 am while one account cannot be guessed at.
        hook: 'preHandler',
        keyGenerator: (request) => `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
  }, async (request, reply) => {
    const userId = await service.checkCredentials(request.body.email, request.body.password);
    if (request.sessionId) app.sessions.destroy(request.sessionId);
    const { token, expiresAt } = app.sessions.create(userId);
    app.sessions.setCookie(reply, token, expiresAt);
    return { user: app.sessions.resolve(token)?.user ?? null };
  });

  r.post('/logout', {
    schema: { tags: ['auth'], summary: 'Se déconnecter', response: { 200: okSchema } },
    config: { public: true },
  }, async (request, reply) => {
    if (request.sessionId) app.sessions.destroy(request.sessionId);
    app.sessions.clearCookie(reply);
    return { ok: true as const };
  });

  r.get('/me', {
    schema: { tags: ['auth'], summary: 'La personne connectée, ou null', response: { 200: meReplySchema } },
    config: { public: true },
  }, async (request) => ({ user: request.user }));
}
