import type { RouteRecordRaw } from 'vue-router';

export const documentsRoutes: RouteRecordRaw[] = [
  { path: '/documents/recherche', name: 'document-search', component: () => import('./views/SearchDocumentsView.vue'), meta: { title: 'documents.search.title' } },
  { path: '/documents/:documentId', name: 'document', component: () => import('./views/EditDocumentView.vue'), props: true, meta: { title: 'documents.page.title' } },
  { path: '/documents/:documentId/modifications', name: 'document-changes', component: () => import('./diff/views/ShowChangesView.vue'), props: true, meta: { title: 'diff.title' } },
  { path: '/documents/:documentId/versions', name: 'document-versions', component: () => import('./views/ListVersionsView.vue'), props: true, meta: { title: 'documents.versions.title' } },
  { path: '/groupes/:groupId/corbeille', name: 'document-trash', component: () => import('./views/ListTrashView.vue'), props: true, meta: { title: 'documents.trash.title' } },
  { path: '/ressources', name: 'resources', component: () => import('./views/ListResourcesView.vue'), meta: { public: true, title: 'documents.resources.title' } },
  { path: '/ressources/:documentId/versions/:number', name: 'resource-version', component: () => import('./views/ReadResourceView.vue'), props: true, meta: { public: true, title: 'documents.resources.title' } },
  { path: '/ressources/:documentId', name: 'resource', component: () => import('./views/ReadResourceView.vue'), props: true, meta: { public: true, title: 'documents.resources.title' } },
];
