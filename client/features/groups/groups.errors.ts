import { ApiError, errorMessage } from '../../lib/api';
import { translator } from '../../i18n/index';

/**
 * The server writes its refusals in French; a person reading in another language gets this
 * feature's own translation of the codes it knows (last lead, invitation only…).
 */
export function groupErrorMessage(err: unknown): string {
  const key = err instanceof ApiError ? `groups.errors.${err.code}` : '';
  return key && translator.locale.value !== 'fr' && translator.te(key) ? translator.t(key) : errorMessage(err);
}
