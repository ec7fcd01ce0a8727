import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginBodySchema, meReplySchema } from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/errors.schema';
import { SIGN_IN } from '../../../shared/limits';
import { authService } from './auth.service';
import { DEVICE_COOKIE, withDeviceToken } from './sign-in-guard';

export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = authService(app);

  r.post('/login', {
    schema: { tags: ['auth'], summary: 'Se connecter', body: loginBodySchema, response: { 200: meReplySchema } },
    config: {
      public: true,
      // Accounts have their own limit (auth.service.ts); this one only stops floods far beyond what
      // a hospital's staff behind one NAT address could send, before anything else is done.
      rateLimit: { max: app.config.loginAddressMax, timeWindow: 60_000, hook: 'onRequest', keyGenerator: (request) => request.ip },
    },
  }, async (request, reply) => {
    const device = request.cookies[DEVICE_COOKIE];
    const { userId, deviceToken } = await service.checkCredentials(request.body.email, request.body.password, device);
    if (request.sessionId) app.sessions.destroy(request.sessionId);
    const { token, expiresAt } = app.sessions.create(userId, request.headers['user-agent']);
    app.sessions.setCookie(reply, token, expiresAt);
    reply.setCookie(DEVICE_COOKIE, withDeviceToken(device, deviceToken), {
      path: '/api/auth', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: SIGN_IN.deviceCookieMaxAgeSeconds,
    });
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
