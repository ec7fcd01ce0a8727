import { and, eq, gt, inArray } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/index';
import type { Db } from '../../db/client';

/** Session ids per SQL statement, well below SQLite's limit on bound parameters. */
const CHUNK = 500;

export interface LiveSessions {
  /** Registers one live connection of a session; the returned function releases it (idempotent). */
  track(sessionId: string): () => void;
  /** Ends every tracked session that expired or whose account was disabled since it was opened. */
  sweep(): void;
}

/**
 * Sessions that live connections were opened with. Ending a session by hand (sign-out, disabling)
 * announces it at once; expiry happens on its own, so one sweep a second asks SQLite which tracked
 * sessions are still valid, in one query for all connections rather than a timer per socket.
 * A session found ended is announced again at each sweep until its last connection is released:
 * a connection that missed the first announcement is closed by the next.
 */
export function watchLiveSessions(db: Db, ended: (sessionIds: string[]) => void): LiveSessions {
  const open = new Map<string, number>();

  return {
    track(sessionId) {
      open.set(sessionId, (open.get(sessionId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(sessionId) ?? 1) - 1;
        if (left > 0) open.set(sessionId, left);
        else open.delete(sessionId);
      };
    },

    sweep() {
      if (open.size === 0) return;
      const ids = [...open.keys()];
      const now = new Date();
      const valid = new Set<string>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = db.select({ id: sessions.id }).from(sessions).innerJoin(users, eq(users.id, sessions.userId))
          .where(and(inArray(sessions.id, ids.slice(i, i + CHUNK)), gt(sessions.expiresAt, now), eq(users.disabled, false)))
          .all();
        for (const row of rows) valid.add(row.id);
      }
      const gone = ids.filter((id) => !valid.has(id));
      if (gone.length === 0) return;
      for (let i = 0; i < gone.length; i += CHUNK) db.delete(sessions).where(inArray(sessions.id, gone.slice(i, i + CHUNK))).run();
      ended(gone);
    },
  };
}
