import type { FastifyInstance } from 'fastify';
import { userRoom } from '../../core/socket-io';
import { THREAD_EVENTS, type ActivityEvent, type Message, type Notification } from '../../../shared/threads.schema';
import type { ThreadScope } from './threads.policy';
import { groupRoom } from '../groups/groups.policy';

// The group room is the groups feature's (members only, re-checked there); unread counts ride on it.
export { groupRoom };

export const threadRoom = (threadId: string) => `thread:${threadId}`;
export const forumRoom = (categoryId: string) => `forum:${categoryId}`;
/** The room whose members keep unread counts for a scope (a group, a forum category). */
export const scopeRoom = (scope: ThreadScope) => (scope.groupId ? groupRoom(scope.groupId) : forumRoom(scope.categoryId ?? ''));

/** What services announce after they commit. Each call is fire-and-forget: a write never fails on it. */
export function live(app: FastifyInstance) {
  return {
    message(message: Message) {
      app.io.to(threadRoom(message.threadId)).emit(THREAD_EVENTS.message, message);
    },
    messageUpdated(message: Message) {
      app.io.to(threadRoom(message.threadId)).emit(THREAD_EVENTS.messageUpdated, message);
    },
    threadUpdated(threadId: string) {
      app.io.to(threadRoom(threadId)).emit(THREAD_EVENTS.threadUpdated, { threadId });
    },
    activity(scope: ThreadScope, event: ActivityEvent) {
      app.io.to(scopeRoom(scope)).emit(THREAD_EVENTS.activity, event);
    },
    notification(userId: string, notification: Notification) {
      app.io.to(userRoom(userId)).emit(THREAD_EVENTS.notification, notification);
    },
  };
}
export type Live = ReturnType<typeof live>;
