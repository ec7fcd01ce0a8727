import type { RouteRecordRaw } from 'vue-router';

export const membersRoutes: RouteRecordRaw[] = [
  { path: '/profil', name: 'profile', component: () => import('./views/EditProfileView.vue'), meta: { title: 'members.profile.title' } },
  { path: '/annuaire', name: 'directory', component: () => import('./views/ListMembersView.vue'), meta: { title: 'members.directory.title', roles: ['coordinator', 'member'] } },
  { path: '/admin/membres', name: 'manage-members', component: () => import('./views/ManageMembersView.vue'), meta: { title: 'members.manage.title', roles: ['coordinator'] } },
];
