import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Config } from './config';
import { forbidden } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser always sends Origin on cross-site writes and on WebSocket upgrades: it must be this
 * server's own address (as the Host header names it), the public URL, or a trusted origin.
 * Clients that are not browsers send none and cannot carry a victim's cookie, so they pass here.
 */
export function isOriginAllowed(req: IncomingMessage, config: Config): boolean {
  const origin = req.headers.origin;
  if (!origin) return req.headers['sec-fetch-site'] !== 'cross-site';
  if (origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (req.headers.host && url.host === req.headers.host) return true;
  return origin === config.publicUrl || config.trustedOrigins.includes(origin);
}

/** Refuses state-changing requests that come from another site. */
export default fp(async function originCheck(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (SAFE.has(request.method)) return;
    if (!isOriginAllowed(request.raw, app.config)) {
      throw forbidden("Requête refusée : elle ne vient pas d'une page de Maillage.");
    }
  });
});
