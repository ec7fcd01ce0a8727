import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden } from './errors';
import type { SessionUser } from '../../shared/auth.schema';
import type { PlatformRole } from '../../shared/roles';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes are closed to visitors unless they say `config: { public: true }`. */
    public?: boolean;
  }
}

export const unauthorized = () => new AppError(401, 'unauthorized', 'Connectez-vous pour continuer.');

/** The signed-in person, or a 401: for handlers of routes that are not public. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

export function requireRole(request: FastifyRequest, ...roles: PlatformRole[]): SessionUser {
  const user = currentUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/**
 * Default deny: every /api route needs a session unless it is declared public. Checked on
 * `onRequest` (after the session is read, before the body is parsed or validated), so a visitor
 * gets 401 whatever they send and never makes the server parse an upload.
 */
export default fp(async function authGuard(app: FastifyInstance) {
  // A callback hook: on public reads it decides in a few comparisons, without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.user || request.routeOptions.config?.public || !request.url.startsWith('/api/')) return done();
    done(unauthorized());
  });
});
