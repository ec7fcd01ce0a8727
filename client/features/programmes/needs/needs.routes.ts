import type { RouteRecordRaw } from 'vue-router';

export const needsRoutes: RouteRecordRaw[] = [
  { path: '/programmes/offre-besoin', name: 'needs-map', component: () => import('./views/ShowNeedsMapView.vue'), meta: { title: 'programmesNeeds.map.title' } },
  { path: '/programmes/offre-besoin/import', name: 'import-indicators', component: () => import('./views/ImportIndicatorsView.vue'), meta: { title: 'programmesNeeds.import.title', roles: ['coordinator'] } },
];
