import { clientEvent, serverEvent } from './live.contract';
import { GROUP_EVENTS, groupActivityPayloadSchema, groupRefPayloadSchema, groupRoomMessageSchema, groupUpdatedPayloadSchema } from './groups.schema';

/** Client → server: enter a group's room (`group:<id>`), readers only; leaving is the server's call. */
export const groupsToServer = {
  join: clientEvent('group:join', groupRoomMessageSchema, 'Message invalide : un identifiant de groupe est attendu.'),
};

export const groupsToClient = {
  updated: serverEvent(GROUP_EVENTS.updated, groupUpdatedPayloadSchema),
  activity: serverEvent(GROUP_EVENTS.activity, groupActivityPayloadSchema),
  accessLost: serverEvent(GROUP_EVENTS.accessLost, groupRefPayloadSchema),
  mineChanged: serverEvent(GROUP_EVENTS.mineChanged, groupRefPayloadSchema),
};
