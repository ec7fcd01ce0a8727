import { clientEvent, serverEvent } from './live.contract';
import { COMMENT_EVENTS, COMMENT_SOCKET_MESSAGES, commentRemovedEventSchema, commentSocketJoinSchema, commentThreadSchema } from './comments.schema';

const INVALID_DOCUMENT = 'Message invalide : un identifiant de document est attendu.';

/** Client → server: enter or leave a document's comment room (read right checked on entering). */
export const commentsToServer = {
  join: clientEvent(COMMENT_SOCKET_MESSAGES.join, commentSocketJoinSchema, INVALID_DOCUMENT),
  leave: clientEvent(COMMENT_SOCKET_MESSAGES.leave, commentSocketJoinSchema, INVALID_DOCUMENT),
};

/** Server → client: a thread as it now stands, or gone. */
export const commentsToClient = {
  thread: serverEvent(COMMENT_EVENTS.thread, commentThreadSchema),
  removed: serverEvent(COMMENT_EVENTS.removed, commentRemovedEventSchema),
};
