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

/** Activity of one room within this window goes out in one emission (the first at once). */
export const ACTIVITY_WINDOW_MS = 1000;

/**
 * Leading and trailing: the first event of a quiet room leaves at once, the ones behind it wait
 * for the window's end and leave together. A group of 2,000 people posting every two minutes
 * makes one emission a second to its room, not seventeen.
 */
export function activityThrottle(emit: (room: string, events: ActivityEvent[]) => void) {
  const rooms = new Map<string, { pending: ActivityEvent[]; timer: ReturnType<typeof setTimeout> }>();
  const open = (room: string) => {
    const state = { pending: [] as ActivityEvent[], timer: setTimeout(() => {
      rooms.delete(room);
      if (state.pending.length) {
        emit(room, state.pending);
        open(room);
      }
    }, ACTIVITY_WINDOW_MS) };
    state.timer.unref();
    rooms.set(room, state);
  };
  return {
    push(room: string, event: ActivityEvent) {
      const state = rooms.get(room);
      if (state) return void state.pending.push(event);
      emit(room, [event]);
      open(room);
    },
  };
}

const throttles = new WeakMap<FastifyInstance, ReturnType<typeof activityThrottle>>();
function throttleOf(app: FastifyInstance) {
  let throttle = throttles.get(app);
  if (!throttle) {
    // Its timers are unref'd: a closing server does not wait for the last window.
    throttle = activityThrottle((room, events) => app.io.to(room).emit(THREAD_EVENTS.activity, events));
    throttles.set(app, throttle);
  }
  return throttle;
}

/** What services announce after they commit. Each call is fire-and-forget: a write never fails on it. */
export function live(app: FastifyInstance) {
  const activity = throttleOf(app);
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
      activity.push(scopeRoom(scope), event);
    },
    notification(userId: string, notification: Notification) {
      app.io.to(userRoom(userId)).emit(THREAD_EVENTS.notification, notification);
    },
  };
}
