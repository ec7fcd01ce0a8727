import { serverEvent } from './live.contract';
import { ACTION_EVENTS, actionChangedEventSchema } from './actions.schema';

/** Server → people concerned (their own rooms): an action changed; the client reads it again. */
export const actionsToClient = {
  changed: serverEvent(ACTION_EVENTS.changed, actionChangedEventSchema),
};
