import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  meReplySchema, passwordChangeSchema, passwordResetBodySchema, passwordResetPreviewSchema, passwordResetRequestSchema,
  passwordResetRequestedSchema, passwordResetTokenParamsSchema,
} from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/errors.schema';
import { ACCOUNT_RATES, PASSWORD_RESET, SIGN_IN } from '../../../shared/limits';
import { currentUser } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { passwordService } from './password.service';
import { DEVICE_COOKIE, deviceToken, withDeviceToken } from './sign-in-guard';

/** Forgotten password (public, by e-mail link) and a change of password from the profile. */
export default async function passwordRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = passwordService(app);
  const tags = ['auth'];

  r.post('/password-reset', {
    schema: { tags, summary: 'Demander un lien de réinitialisation (même réponse que le compte existe ou non)', body: passwordResetRequestSchema, response: { 200: passwordResetRequestedSchema } },
    // Visitors are counted per address, far above a hospital's needs; each account also gets few e-mails an hour.
    config: { public: true, rateLimit: { max: PASSWORD_RESET.requestsPerAddressPerHour, timeWindow: 3600_000 } },
  }, async (request) => {
    service.requestReset(request.body.email);
    return { ok: true as const };
  });

  r.get('/password-reset/:token', {
    schema: { tags, summary: 'Vérifier un lien de réinitialisation', params: passwordResetTokenParamsSchema, response: { 200: passwordResetPreviewSchema } },
    config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
  }, async (request) => service.preview(request.params.token));

  r.post('/password-reset/:token', {
    schema: { tags, summary: 'Choisir un nouveau mot de passe (termine toutes les sessions, puis connecte)', params: passwordResetTokenParamsSchema, body: passwordResetBodySchema, response: { 200: meReplySchema } },
    config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const userId = await service.completeReset(request.params.token, request.body.password);
    // Every session ended with the old password, this browser's included; it gets a new one.
    const { token, expiresAt } = app.sessions.create(userId, request.headers['user-agent']);
    app.sessions.setCookie(reply, token, expiresAt);
    return { user: app.sessions.resolve(token)?.user ?? null };
  });

  r.post('/password', {
    schema: { tags, summary: 'Changer mon mot de passe (les autres sessions sont terminées)', body: passwordChangeSchema, response: { 200: okSchema } },
    config: { rateLimit: rateOf(ACCOUNT_RATES.passwordChange) },
  }, async (request, reply) => {
    const user = currentUser(request);
    const hash = await service.change(user, request.sessionId!, request.body.currentPassword, request.body.newPassword);
    // The trusted-device token follows the password (it is keyed by the hash): this browser keeps its lane.
    reply.setCookie(DEVICE_COOKIE, withDeviceToken(request.cookies[DEVICE_COOKIE], deviceToken(user.id, hash)), {
      path: '/api/auth', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: SIGN_IN.deviceCookieMaxAgeSeconds,
    });
    return { ok: true as const };
  });
}
