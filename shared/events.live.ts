import { clientEvent, serverEvent } from './live.contract';
import { EDITORS_SOCKET, editorsChangedSchema, editorsJoinSchema } from './events.editors.schema';
import { AGENDA_SOCKET, agendaAvailabilitySchema, agendaJoinSchema, agendaPublishedSchema } from './events.public.schema';

const INVALID_EVENT = 'Demande invalide : un identifiant d’événement est attendu.';
const INVALID_AGENDA = 'Demande invalide : l’adresse d’un programme est attendue.';

/** Organisers editing one event (default namespace, signed in). */
export const eventsToServer = {
  editorsJoin: clientEvent(EDITORS_SOCKET.join, editorsJoinSchema, INVALID_EVENT),
  editorsLeave: clientEvent(EDITORS_SOCKET.leave, editorsJoinSchema, INVALID_EVENT),
};
export const eventsToClient = {
  editorsChanged: serverEvent(EDITORS_SOCKET.changed, editorsChangedSchema),
};

/** Visitors following a published agenda (the `/public` namespace, no account). */
export const agendaToServer = {
  join: clientEvent(AGENDA_SOCKET.join, agendaJoinSchema, INVALID_AGENDA),
  leave: clientEvent(AGENDA_SOCKET.leave, agendaJoinSchema, INVALID_AGENDA),
};
export const agendaToClient = {
  published: serverEvent(AGENDA_SOCKET.published, agendaPublishedSchema),
  availability: serverEvent(AGENDA_SOCKET.availability, agendaAvailabilitySchema),
};
