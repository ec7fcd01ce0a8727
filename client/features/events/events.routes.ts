import type { RouteRecordRaw } from 'vue-router';

export const eventsRoutes: RouteRecordRaw[] = [
  { path: '/journee-regionale', name: 'regional-day', component: () => import('./views/ListEventsView.vue'), meta: { public: true, title: 'events.list.title' } },
  { path: '/journee-regionale/:id', name: 'edit-event', component: () => import('./views/EditEventView.vue'), meta: { title: 'events.edit.title' } },
  { path: '/journee-regionale/:id/programme', name: 'edit-timetable', component: () => import('./views/EditTimetableView.vue'), meta: { title: 'events.timetable.title' } },
  { path: '/journee-regionale/:id/inscriptions', name: 'manage-registrations', component: () => import('./views/ManageRegistrationsView.vue'), meta: { title: 'events.registrations.title' } },
  { path: '/agenda/:slug', name: 'agenda', component: () => import('./views/ShowAgendaView.vue'), meta: { public: true, title: 'events.agenda.title' } },
  { path: '/inscription/:token', name: 'my-registration', component: () => import('./views/ManageMyRegistrationView.vue'), meta: { public: true, title: 'events.mine.title' } },
];
