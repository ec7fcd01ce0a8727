import type { RouteRecordRaw } from 'vue-router';

export const invitationsRoutes: RouteRecordRaw[] = [
  { path: '/admin/invitations', name: 'manage-invitations', component: () => import('./views/ManageInvitationsView.vue'), meta: { title: 'invitations.title', roles: ['coordinator'] } },
];
