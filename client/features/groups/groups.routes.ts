import type { RouteRecordRaw } from 'vue-router';

export const groupsRoutes: RouteRecordRaw[] = [
  { path: '/groupes', name: 'groups', component: () => import('./views/ListGroupsView.vue'), meta: { title: 'groups.list.title' } },
  { path: '/groupes/nouveau', name: 'create-group', component: () => import('./views/CreateGroupView.vue'), meta: { title: 'groups.form.createTitle', roles: ['coordinator', 'member'] } },
  { path: '/groupes/:groupId', name: 'group', component: () => import('./views/ShowGroupView.vue'), props: true, meta: { title: 'groups.list.title' } },
  { path: '/groupes/:groupId/modifier', name: 'edit-group', component: () => import('./views/EditGroupView.vue'), props: true, meta: { title: 'groups.form.editTitle', roles: ['coordinator', 'member'] } },
];
