import type { RouteRecordRaw } from 'vue-router';

export const authRoutes: RouteRecordRaw[] = [
  { path: '/connexion', name: 'sign-in', component: () => import('./views/SignInView.vue'), meta: { public: true, title: 'auth.signIn.title' } },
  { path: '/invitation/:token', name: 'accept-invitation', component: () => import('./views/AcceptInvitationView.vue'), meta: { public: true, title: 'auth.accept.title' } },
  { path: '/mot-de-passe-oublie', name: 'forgot-password', component: () => import('./views/RequestPasswordResetView.vue'), meta: { public: true, title: 'auth.forgot.title' } },
  { path: '/mot-de-passe/:token', name: 'reset-password', component: () => import('./views/ResetPasswordView.vue'), meta: { public: true, title: 'auth.reset.title' } },
];
