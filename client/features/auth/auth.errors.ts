import { ApiError, errorMessage } from '../../lib/api';
import { translator } from '../../i18n/index';

/**
 * The server writes its refusals in French; in another language the codes of accounts (reset
 * links, passwords, invitations) read from this feature's own texts.
 */
export function accountErrorMessage(err: unknown): string {
  if (!(err instanceof ApiError) || translator.locale.value === 'fr') return errorMessage(err);
  const key = [`auth.errors.${err.code}`, `invitations.errors.${err.code}`].find((k) => translator.te(k));
  return key ? translator.t(key) : errorMessage(err);
}
