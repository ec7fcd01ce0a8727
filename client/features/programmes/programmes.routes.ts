import type { RouteRecordRaw } from 'vue-router';

export const programmesRoutes: RouteRecordRaw[] = [
  { path: '/programmes', name: 'programmes', component: () => import('./views/ListProgrammesView.vue'), meta: { public: true, title: 'programmes.directory.title' } },
  { path: '/programmes/gerer', name: 'manage-programmes', component: () => import('./views/ManageProgrammesView.vue'), meta: { roles: ['coordinator', 'member'], title: 'programmes.manage.title' } },
  { path: '/programmes/nouveau', name: 'new-programme', component: () => import('./views/EditProgrammeView.vue'), meta: { roles: ['coordinator', 'member'], title: 'programmes.edit.newTitle' } },
  { path: '/programmes/importer', name: 'import-programmes', component: () => import('./views/ImportProgrammesView.vue'), meta: { roles: ['coordinator'], title: 'programmes.import.title' } },
  { path: '/programmes/:id/modifier', name: 'edit-programme', component: () => import('./views/EditProgrammeView.vue'), props: true, meta: { roles: ['coordinator', 'member'], title: 'programmes.edit.title' } },
  { path: '/programmes/:id', name: 'programme', component: () => import('./views/ShowProgrammeView.vue'), props: true, meta: { public: true, title: 'programmes.show.title' } },
];
