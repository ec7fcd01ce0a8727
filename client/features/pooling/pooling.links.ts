import type { RouteLocationRaw } from 'vue-router';
import { optionKey, type OptionId, type SituationId } from '../../../shared/pooling.guide';

/**
 * "Demander à la plateforme": the support request page of the actions feature (issue 11, branch
 * h11-actions), told where the person stands in the guide. A plain path rather than a named
 * route: this guide ships whether or not that page is merged yet.
 */
export function askPlatformLink(situation?: SituationId, option?: OptionId): RouteLocationRaw {
  const query: Record<string, string> = {};
  if (situation) query.situation = situation;
  if (option) query.option = option;
  return { path: '/actions/demande', query };
}

/** i18n prefix of an option's texts. */
export const optionText = (id: OptionId) => `pooling.options.${optionKey(id)}`;
