import type { RouteRecordRaw } from 'vue-router';

export const evaluationsRoutes: RouteRecordRaw[] = [
  { path: '/programmes/evaluations', name: 'programme-evaluations', component: () => import('./views/ListEvaluationsView.vue'), meta: { title: 'programmesEvaluations.title' } },
  { path: '/programmes/evaluations/:programmeId', name: 'programme-evaluation', component: () => import('./views/EditProgrammeEvaluationsView.vue'), meta: { title: 'programmesEvaluations.programme.title' } },
];
