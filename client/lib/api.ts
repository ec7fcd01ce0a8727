import type { z } from 'zod';
import { apiErrorSchema, type ApiErrorBody } from '../../shared/errors.schema';
import { translator as i18n } from '../i18n/index';

/** Dispatched on `window` when the API answers that no session is open. */
export const SESSION_ENDED = 'maillage:session-ended';

/** An error from the API, with a message ready to show (translated when the code is known). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: ApiErrorBody['details'] = []) {
    super(message);
  }
}

function translated(body: ApiErrorBody): string {
  // The wait is said in both languages from the number, pluralised, rather than from the server's sentence.
  if (body.code === 'rate_limited' && body.retryAfterSeconds) {
    // Hourly limits (documents, versions) wait in minutes, as the server's sentence does.
    if (body.retryAfterSeconds >= 120) return i18n.t('core.errors.rate_limited_minutes', { count: Math.ceil(body.retryAfterSeconds / 60) });
    return i18n.t('core.errors.rate_limited_seconds', { count: body.retryAfterSeconds }, body.retryAfterSeconds);
  }
  const key = `core.errors.${body.code}`;
  // Server messages are French; a known code reads in the person's language.
  if (i18n.locale.value === 'fr') return body.message;
  if (body.code === 'validation' && body.issues?.length) return i18n.t('core.errors.validation_fields', { fields: body.issues.map(issueInWords).join(' ; ') });
  return i18n.te(key) ? i18n.t(key) : body.message;
}

const fieldOf = (path: string) => path.replace(/^(body|querystring|params)\./, '');
/** One failed check in the person's language, from its code and parameters ("email (Invalid e-mail address.)"). */
function issueInWords(issue: NonNullable<ApiErrorBody['issues']>[number]): string {
  const p = issue.params;
  const sized = (base: string) => `${base}_${p.origin === 'string' || p.origin === 'array' ? p.origin : 'number'}`;
  const key = typeof p.i18n === 'string' ? `core.validation.custom.${p.i18n}`
    : issue.code === 'too_small' || issue.code === 'too_big' ? `core.validation.${sized(issue.code)}`
      : issue.code === 'invalid_format' && p.format === 'email' ? 'core.validation.invalid_email'
        : `core.validation.${issue.code}`;
  const words = i18n.te(key) ? i18n.t(key, p) : i18n.t('core.validation.invalid');
  return `${fieldOf(issue.path)} (${words})`;
}

interface Options<S extends z.ZodType> {
  body?: unknown;
  schema?: S;
  signal?: AbortSignal;
}

/** Calls the REST API and parses the reply with the shared schema, so a drifting server is caught here. */
export async function api<S extends z.ZodType>(method: string, path: string, options: Options<S> = {}): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: options.body !== undefined ? { 'content-type': 'application/json' } : {},
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('core.errors.network'));
  }
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : null;
  if (!res.ok) throw failure(res.status, json);
  return options.schema ? options.schema.parse(json) : (json as z.output<S>);
}

/** The error a failed answer carries, in the person's language. */
export function failure(status: number, json: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(json);
  if (!parsed.success) return new ApiError(status, 'unknown', i18n.t('core.errors.unknown'));
  // The session ended (expired, signed out elsewhere, account disabled): the shell sends the person to sign in.
  if (status === 401 && parsed.data.code === 'unauthorized' && typeof window !== 'undefined') window.dispatchEvent(new Event(SESSION_ENDED));
  return new ApiError(status, parsed.data.code, translated(parsed.data), parsed.data.details);
}

export const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export const errorMessage = (err: unknown): string =>
  err instanceof ApiError ? err.message : i18n.t('core.errors.unknown');
