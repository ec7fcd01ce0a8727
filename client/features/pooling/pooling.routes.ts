import type { RouteRecordRaw } from 'vue-router';

/** The pooling guide: public pages, shareable URLs (`/mutualisation/2`, `/mutualisation/2.2`). */
export const poolingRoutes: RouteRecordRaw[] = [
  { path: '/mutualisation', name: 'pooling', component: () => import('./views/ShowGuideView.vue'), meta: { public: true, title: 'pooling.home.title' } },
  { path: '/mutualisation/:situation([1-5])', name: 'pooling-situation', component: () => import('./views/ShowSituationView.vue'), props: true, meta: { public: true, title: 'pooling.home.title' } },
  { path: '/mutualisation/:option(1\\.[12]|2\\.[1-4]|3\\.1|[45]\\.[1-3])', name: 'pooling-option', component: () => import('./views/ShowOptionView.vue'), props: true, meta: { public: true, title: 'pooling.home.title' } },
];
