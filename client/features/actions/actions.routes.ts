import type { RouteRecordRaw } from 'vue-router';

export const actionsRoutes: RouteRecordRaw[] = [
  { path: '/actions', name: 'actions', component: () => import('./views/ListActionsView.vue'), meta: { title: 'actions.board.title' } },
  // Public: a visitor coming from the pooling guide is told how to sign in or reach the coordination.
  { path: '/actions/demande', name: 'action-request', component: () => import('./views/SendRequestView.vue'), meta: { public: true, title: 'actions.request.title' } },
  { path: '/actions/nouvelle', name: 'create-action', component: () => import('./views/EditActionView.vue'), meta: { title: 'actions.edit.createTitle', roles: ['coordinator'] } },
  { path: '/actions/:actionId', name: 'action', component: () => import('./views/ShowActionView.vue'), props: true, meta: { title: 'actions.show.title' } },
  { path: '/actions/:actionId/modifier', name: 'edit-action', component: () => import('./views/EditActionView.vue'), props: true, meta: { title: 'actions.edit.editTitle' } },
];
