/**
 * The main navigation. An entry shows once its feature has registered the named route, so the
 * menu never leads to a page that does not exist yet.
 */
export const MAIN_NAVIGATION = [
  { route: 'groups', label: 'core.nav.groups' },
  { route: 'discussions', label: 'core.nav.discussions' },
  { route: 'regional-day', label: 'core.nav.regionalDay' },
  { route: 'resources', label: 'core.nav.resources' },
  { route: 'programmes', label: 'programmes.nav' },
  { route: 'needs-map', label: 'programmesNeeds.nav' },
  { route: 'pooling', label: 'pooling.nav' },
  { route: 'structure-needs', label: 'structureNeeds.nav' },
  { route: 'actions', label: 'actions.nav' },
] as const;
