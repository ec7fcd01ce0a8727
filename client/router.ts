import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { PlatformRole } from '../shared/roles';
import { useAuthStore } from './features/auth/auth.store';
import { translator } from './i18n/index';
import { authRoutes } from './features/auth/auth.routes';
import { homeRoutes } from './features/home/home.routes';
import { membersRoutes } from './features/members/members.routes';
import { invitationsRoutes } from './features/invitations/invitations.routes';
import { organisationsRoutes } from './features/organisations/organisations.routes';
import { threadsRoutes } from './features/threads/threads.routes';
import { eventsRoutes } from './features/events/events.routes';
import { groupsRoutes } from './features/groups/groups.routes';
import { documentsRoutes } from './features/documents/documents.routes';
import { programmesRoutes } from './features/programmes/programmes.routes';
import { needsRoutes } from './features/programmes/needs/needs.routes';
import { evaluationsRoutes } from './features/programmes/evaluations/evaluations.routes';
import { actionsRoutes } from './features/actions/actions.routes';
import { structureNeedsRoutes } from './features/structure-needs/structure-needs.routes';
import { poolingRoutes } from './features/pooling/pooling.routes';

declare module 'vue-router' {
  interface RouteMeta {
    /** Readable without an account. */
    public?: boolean;
    /** Platform roles allowed; any signed-in person when absent. */
    roles?: PlatformRole[];
    /** i18n key of the page title, announced to screen readers on navigation. */
    title?: string;
  }
}

// One line per feature: the shape of the client in one screen.
const routes: RouteRecordRaw[] = [
  ...authRoutes,
  ...homeRoutes,
  ...membersRoutes,
  ...invitationsRoutes,
  ...organisationsRoutes,
  ...threadsRoutes,
  ...eventsRoutes,
  ...groupsRoutes,
  ...documentsRoutes,
  ...programmesRoutes,
  ...needsRoutes,
  ...evaluationsRoutes,
  ...actionsRoutes,
  ...structureNeedsRoutes,
  ...poolingRoutes,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./components/NotFoundView.vue'), meta: { public: true, title: 'core.notFound.title' } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  // A public page opens without waiting for the session: a visitor on a slow link saves a round
  // trip before the page even starts loading; the header shows the person once it is known.
  if (to.meta.public) {
    void auth.ready();
    return true;
  }
  await auth.ready();
  if (!auth.user) return { name: 'sign-in', query: { redirect: to.fullPath } };
  if (to.meta.roles && !to.meta.roles.includes(auth.user.role)) return { name: 'home' };
  return true;
});

router.afterEach((to) => {
  const title = to.meta.title ? translator.t(to.meta.title) : '';
  document.title = title ? `${title} · Maillage` : 'Maillage';
});
