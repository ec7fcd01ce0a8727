import type { RouteRecordRaw } from 'vue-router';

export const organisationsRoutes: RouteRecordRaw[] = [
  { path: '/admin/organisations', name: 'manage-organisations', component: () => import('./views/ManageOrganisationsView.vue'), meta: { title: 'organisations.title', roles: ['coordinator'] } },
];
