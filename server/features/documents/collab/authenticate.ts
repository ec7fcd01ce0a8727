import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { isOriginAllowed } from '../../../core/origin';
import type { SessionUser } from '../../../../shared/auth.schema';

export type Refusal = { ok: false; status: 400 | 401 | 403 | 404 | 503; message: string };
export type Authenticated = { ok: true; user: SessionUser; sessionId: string };

/**
 * First step of an upgrade: the Origin must be ours (a foreign page cannot ride the person's
 * cookie) and the session cookie must name a signed-in, enabled account.
 */
export function authenticate(app: FastifyInstance, req: IncomingMessage): Authenticated | Refusal {
  if (!isOriginAllowed(req, app.config)) {
    return { ok: false, status: 403, message: "Connexion refusée : elle ne vient pas d'une page de Maillage." };
  }
  const session = app.sessions.resolveCookieHeader(req.headers.cookie);
  if (!session) return { ok: false, status: 401, message: 'Connexion refusée : veuillez vous connecter.' };
  return { ok: true, user: session.user, sessionId: session.sessionId };
}
