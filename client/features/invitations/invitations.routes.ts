import type { RouteRecordRaw } from 'vue-router';

export const invitationsRoutes: RouteRecordRaw[] = [
  { path: '/admin/invitations', name: 'manage-invitations', component: () => import('./views/ManageInvitationsView.vue'), meta: { title: 'invitations.title', roles: ['coordinator'] } },
  // Association accounts never lead a group: the page is for the others (the server checks the lead role).
  { path: '/groupes/:groupId/inviter', name: 'invite-to-group', component: () => import('./views/InviteToGroupView.vue'), props: true, meta: { title: 'invitations.group.title', roles: ['coordinator', 'member'] } },
];
