import { z } from 'zod';
import type { ApiErrorBody } from '../../shared/errors.schema';

// zod's own French locale covers every case; the common ones get a shorter sentence a person can act on.
const fallback = z.locales.fr().localeError;

const REQUIRED = 'Ce champ est obligatoire.';
const unit = (origin: string | undefined) => (origin === 'string' ? ' caractères' : origin === 'array' ? ' éléments' : '');

/** French validation messages for every zod schema checked by the server (request bodies, queries, params). */
export function useFrenchValidationMessages(): void {
  z.config({
    localeError: (issue) => {
      switch (issue.code) {
        case 'invalid_type':
          if (issue.input === undefined) return REQUIRED;
          break;
        case 'too_small':
          if (issue.origin === 'string' && Number(issue.minimum) === 1) return REQUIRED;
          return `Au moins ${issue.minimum}${unit(issue.origin)}.`;
        case 'too_big':
          return `Au plus ${issue.maximum}${unit(issue.origin)}.`;
        case 'invalid_format':
          if (issue.format === 'email') return 'Adresse e-mail invalide.';
          break;
        case 'invalid_value':
          return `Valeur non autorisée (valeurs possibles : ${issue.values.map(String).join(', ')}).`;
      }
      return fallback(issue);
    },
  });
}

type Issue = NonNullable<ApiErrorBody['issues']>[number];
type Param = Issue['params'][string];
const KEPT = ['origin', 'minimum', 'maximum', 'format', 'expected'] as const;
const primitive = (v: unknown): Param | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : typeof v === 'bigint' ? Number(v) : undefined;

/**
 * What a failed check was, as a code and its parameters, so the client can say it in the person's
 * language (the French sentence stays in `details`). Only the schema's own numbers and names go
 * out, never the value sent. Refinements name their sentence with `params.i18n`.
 */
export function issueOf(v: { keyword: string; message?: string; params: Record<string, unknown> }, path: string): Issue {
  const params: Issue['params'] = {};
  for (const key of KEPT) {
    const value = primitive(v.params[key]);
    if (value !== undefined) params[key] = value;
  }
  if (Array.isArray(v.params.values)) params.values = v.params.values.map(String).join(', ');
  const own = v.keyword === 'custom' && v.params.params && typeof v.params.params === 'object' ? v.params.params as Record<string, unknown> : {};
  for (const [key, value] of Object.entries(own)) {
    const p = primitive(value);
    if (p !== undefined) params[key] = p;
  }
  return { path, code: v.message === REQUIRED ? 'required' : v.keyword, params };
}
