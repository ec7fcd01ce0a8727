import type { RouteRecordRaw } from 'vue-router';

export const authRoutes: RouteRecordRaw[] = [
  { path: '/connexion', name: 'sign-in', component: () => import('./views/SignInView.vue'), meta: { public: true, title: 'auth.signIn.title' } },
  { path: '/invitation/:token', name: 'accept-invitation', component: () => import('./views/AcceptInvitationView.vue'), meta: { public: true, title: 'auth.accept.title' } },
];
