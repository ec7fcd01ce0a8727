import type { RouteRecordRaw } from 'vue-router';

export const structureNeedsRoutes: RouteRecordRaw[] = [
  { path: '/besoins', name: 'structure-needs', component: () => import('./views/ListStructureNeedsView.vue'), meta: { title: 'structureNeeds.home.title' } },
  { path: '/besoins/:year/formulaire', name: 'structure-needs-form', component: () => import('./views/FillStructureNeedsView.vue'), meta: { title: 'structureNeeds.nav' } },
  { path: '/besoins/:year/synthese', name: 'structure-needs-synthesis', component: () => import('./views/ShowSynthesisView.vue'), meta: { title: 'structureNeeds.nav' } },
  { path: '/besoins/:year/structures/:organisationId', name: 'structure-needs-answers', component: () => import('./views/ShowAnswersView.vue'), meta: { title: 'structureNeeds.nav' } },
  { path: '/besoins/:year/questionnaire', name: 'structure-needs-questionnaire', component: () => import('./views/EditQuestionnaireView.vue'), meta: { title: 'structureNeeds.nav', roles: ['coordinator'] } },
];
