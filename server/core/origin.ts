import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Config } from './config';
import { forbidden } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin (scheme, host and port) of an address, or null when it is not one. */
export function originOf(address: string): string | null {
  try {
    const { origin } = new URL(address);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * A browser always sends Origin on cross-site writes and on WebSocket upgrades: it must be the
 * public URL's origin or a trusted one, compared whole (scheme, host and port). The Host header is
 * never trusted: whoever sends the request chooses it, and a page served over http must not write
 * to an https deployment. Clients that are not browsers send no Origin and cannot carry a victim's
 * cookie, so they pass here.
 */
export function isOriginAllowed(req: IncomingMessage, config: Config): boolean {
  const origin = req.headers.origin;
  if (!origin) return req.headers['sec-fetch-site'] !== 'cross-site';
  const asked = originOf(origin);
  if (!asked) return false;
  return [config.publicUrl, ...config.trustedOrigins].some((allowed) => originOf(allowed) === asked);
}

/** Refuses state-changing requests that come from another site. */
export default fp(async function originCheck(app: FastifyInstance) {
  // A callback hook: reads (most requests) pass in one comparison, without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE.has(request.method) || isOriginAllowed(request.raw, app.config)) return done();
    done(forbidden("Requête refusée : elle ne vient pas d'une page de Maillage."));
  });
});
