import { clientEvent, emptyPayloadSchema, serverEvent } from './live.contract';
import {
  activityBatchSchema, messageSchema, notificationSchema, socketThreadSchema, THREAD_EVENTS, threadUpdatedEventSchema, typingEventSchema,
} from './threads.schema';

const INVALID_THREAD = 'Message invalide : un identifiant de discussion est attendu.';

/** Client → server: follow a thread's room, say one is typing, keep unread counts live. */
export const threadsToServer = {
  join: clientEvent('thread:join', socketThreadSchema, INVALID_THREAD),
  leave: clientEvent('thread:leave', socketThreadSchema, INVALID_THREAD),
  typing: clientEvent('thread:typing', socketThreadSchema, INVALID_THREAD),
  subscribe: clientEvent('threads:subscribe', emptyPayloadSchema, 'Message invalide : un objet vide est attendu.'),
};

/**
 * Server → client. `notification` goes to a person's own room and is shared by every feature
 * that notifies (comments, review, actions): it is declared here, where its schema lives.
 */
export const threadsToClient = {
  message: serverEvent(THREAD_EVENTS.message, messageSchema),
  messageUpdated: serverEvent(THREAD_EVENTS.messageUpdated, messageSchema),
  threadUpdated: serverEvent(THREAD_EVENTS.threadUpdated, threadUpdatedEventSchema),
  typing: serverEvent(THREAD_EVENTS.typing, typingEventSchema),
  activity: serverEvent(THREAD_EVENTS.activity, activityBatchSchema),
  notification: serverEvent(THREAD_EVENTS.notification, notificationSchema),
};
