import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WRITE_RATES, type WriteRate } from '../../shared/limits';
import { AppError } from './errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route's `config.rateLimit` from a named rate of shared/limits.ts. */
export const rateOf = (rate: WriteRate) => ({ max: rate.max, timeWindow: rate.windowMs });

/**
 * Whom a limit counts: the signed-in account, else the address. Staff behind one hospital NAT
 * share an address, so an address-wide count would let one person use up everyone's allowance;
 * only visitors, who have no account, are counted by address.
 */
export function rateKey(request: FastifyRequest): string {
  return request.user ? `account:${request.user.id}` : `address:${request.ip}`;
}

/** "une seconde", "42 secondes", "15 minutes": the wait as a person reads it. */
export function waitInWords(seconds: number): string {
  if (seconds <= 1) return 'une seconde';
  if (seconds < 120) return `${seconds} secondes`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** "Trop de tentatives" with the wait in words and as a number (the client says it in English too). */
export function rateLimited(seconds: number): AppError {
  return new AppError(429, 'rate_limited', `Trop de tentatives. Réessayez dans ${waitInWords(seconds)}.`, undefined, seconds);
}

/**
 * Rate limits per route (`config.rateLimit`, see WRITE_RATES). A signed-in write that names none
 * still gets `WRITE_RATES.default`, so a new route cannot ship unlimited; routes open to visitors
 * name their own (per address).
 */
export default fp(async function rateLimits(app: FastifyInstance) {
  // Registered before the plugin's own onRoute hook, so the default is in place when it reads the config.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith('/api/') || !methods.some((m) => WRITES.has(m))) return;
    if (route.config?.public || route.config?.rateLimit !== undefined) return;
    route.config = { ...route.config, rateLimit: rateOf(WRITE_RATES.default) };
  });

  await app.register(rateLimit, {
    global: false,
    keyGenerator: rateKey,
    // Thrown to the error handler: an AppError keeps this message instead of the generic 429 one.
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
});
