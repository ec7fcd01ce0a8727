import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiErrorBody } from '../../shared/errors.schema';
import { issueOf } from './validation-messages';

/** An error meant for the person using Maillage: its message is shown as it is. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorBody['details'],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Cette ressource') => new AppError(404, 'not_found', `${what} est introuvable.`);
export const forbidden = (message = "Vous n'avez pas les droits nécessaires pour cette action.") =>
  new AppError(403, 'forbidden', message);
export const badRequest = (message: string, code = 'bad_request') => new AppError(400, code, message);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);

/** A size as people read it in a message: "12 Ko", "3,5 Mo", "256 Mo". */
export function sizeInWords(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  if (mib < 1) return `${Math.max(1, Math.ceil(bytes / 1024))} Ko`;
  return `${mib < 10 ? mib.toFixed(1).replace('.', ',').replace(',0', '') : Math.round(mib)} Mo`;
}

const GENERIC: Record<number, [string, string]> = {
  400: ['bad_request', 'La requête est invalide.'],
  401: ['unauthorized', 'Connectez-vous pour continuer.'],
  403: ['forbidden', "Vous n'avez pas les droits nécessaires pour cette action."],
  404: ['not_found', 'Cette ressource est introuvable.'],
  413: ['too_large', 'Le contenu envoyé est trop volumineux.'],
  415: ['unsupported_media_type', "Ce format de contenu n'est pas accepté."],
  429: ['rate_limited', 'Trop de requêtes. Réessayez dans un instant.'],
};

/** One JSON error shape for every failure; stack traces stay in the log. */
export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: ApiErrorBody;
    if (error instanceof AppError) {
      body = { statusCode: error.statusCode, code: error.code, message: error.message, details: error.details, retryAfterSeconds: error.retryAfterSeconds };
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const pathOf = (v: { instancePath: string }) => [error.validationContext, v.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.');
      const details = error.validation.map((v) => ({ path: pathOf(v), message: v.message ?? 'Valeur invalide.' }));
      body = {
        statusCode: 400,
        code: 'validation',
        // The sentence names body fields plainly ("email"); `details` keeps the full path for code.
        message: `Certains champs sont invalides : ${details.map((d) => `${d.path.replace(/^body\./, '')} (${d.message})`).join(' ; ')}`,
        details,
        issues: error.validation.map((v) => issueOf(v, pathOf(v))),
      };
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'reply does not match its schema');
      body = { statusCode: 500, code: 'internal', message: 'Une erreur interne est survenue. Réessayez plus tard.' };
    } else {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'unhandled error');
      const [code, message] = GENERIC[status] ?? ['internal', 'Une erreur interne est survenue. Réessayez plus tard.'];
      const unreadable = status === 400 && error.code?.startsWith('FST_ERR_CTP');
      body = { statusCode: status, code, message: unreadable ? 'Le contenu envoyé est illisible (JSON invalide).' : message };
    }
    // The wait is also said the standard way (the rate limiter sets it itself; other 429/503 too).
    if (body.retryAfterSeconds && !reply.hasHeader('retry-after')) reply.header('retry-after', String(body.retryAfterSeconds));
    reply.status(body.statusCode).send(body);
  });

});
