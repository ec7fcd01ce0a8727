import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/** "Trop de tentatives" with the wait in words and as a number (the client says it in English too). */
export function rateLimited(seconds: number): AppError {
  const wait = seconds === 1 ? 'une seconde' : `${seconds} secondes`;
  return new AppError(429, 'rate_limited', `Trop de tentatives. Réessayez dans ${wait}.`, undefined, seconds);
}

/** Rate limits are opt-in per route (`config.rateLimit`); sign-in is the first to use it. */
export default fp(async function rateLimits(app: FastifyInstance) {
  await app.register(rateLimit, {
    global: false,
    // Thrown to the error handler: an AppError keeps this message instead of the generic 429 one.
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
});
