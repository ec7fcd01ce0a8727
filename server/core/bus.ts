import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { EventEmitter } from 'node:events';

/**
 * Domain events inside the process, for features that must react to each other without
 * importing each other: a removed group member is cut off by the collab endpoint and by
 * Socket.IO rooms alike. (Across instances this becomes a Redis channel; see architecture.md.)
 */
export interface BusEvents {
  /** A person's role in a group changed or they left it: live connections must re-check access. */
  'group.access.changed': { groupId: string; userId: string };
  /** A group's visibility changed: every live connection of that group re-checks access. */
  'group.changed': { groupId: string };
  /** An account was disabled or its platform role changed. */
  'user.access.changed': { userId: string };
  /** A document went to the trash or was deleted for good: its connections close. */
  'document.removed': { documentId: string };
  /**
   * Sessions ended (sign-out, expiry, account disabled, "sign out everywhere"): every live
   * connection opened with one of them closes (Socket.IO, /collab).
   */
  'session.ended': { sessionIds: string[] };
}

export interface Bus {
  emit<K extends keyof BusEvents>(event: K, payload: BusEvents[K]): void;
  on<K extends keyof BusEvents>(event: K, listener: (payload: BusEvents[K]) => void): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    bus: Bus;
  }
}

export default fp(async function bus(app: FastifyInstance) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  app.decorate('bus', {
    emit: (event, payload) => {
      // A listener's failure is logged, never thrown back into the write that announced it.
      for (const listener of emitter.listeners(event)) {
        try {
          (listener as (p: unknown) => void)(payload);
        } catch (err) {
          app.log.error({ err, event }, 'bus listener failed');
        }
      }
    },
    on: (event, listener) => void emitter.on(event, listener as (p: unknown) => void),
  } satisfies Bus);
});
