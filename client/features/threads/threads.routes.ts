import type { RouteRecordRaw } from 'vue-router';

export const threadsRoutes: RouteRecordRaw[] = [
  { path: '/discussions', name: 'discussions', component: () => import('./views/ListDiscussionsView.vue'), meta: { title: 'threads.discussions.title' } },
  { path: '/discussions/nouvelle', name: 'thread-create', component: () => import('./views/CreateThreadView.vue'), meta: { title: 'threads.create.title' } },
  { path: '/discussions/categorie/:categoryId', name: 'forum-category', component: () => import('./views/ListThreadsView.vue'), props: true, meta: { title: 'threads.category.title' } },
  { path: '/discussions/groupe/:groupId', name: 'group-threads', component: () => import('./views/ListThreadsView.vue'), props: true, meta: { title: 'threads.group.title' } },
  { path: '/discussions/:threadId', name: 'thread', component: () => import('./views/ShowThreadView.vue'), props: true, meta: { title: 'threads.thread.title' } },
  { path: '/notifications', name: 'notifications', component: () => import('./views/ListNotificationsView.vue'), meta: { title: 'threads.notifications.title' } },
  { path: '/moderation', name: 'moderation', component: () => import('./views/ReviewReportsView.vue'), meta: { title: 'threads.moderation.title', roles: ['coordinator'] } },
];
