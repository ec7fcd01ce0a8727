import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { and, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { sessions, users, organisations } from '../../db/schema/index';
import type { Db, Sqlite } from '../../db/client';
import { preparedPerDb } from '../../db/prepared';
import type { SessionUser } from '../../shared/auth.schema';
import { SESSIONS, SESSIONS_LISTED_MAX, USER_AGENT_MAX } from '../../shared/limits';
import type { Bus } from './bus';
import { watchLiveSessions, type LiveSessions } from './session-live';
import { hashToken, newToken } from './tokens';

export const SESSION_COOKIE = 'maillage_session';

export type ResolvedSession = { user: SessionUser; sessionId: string };

/** One open session as its owner sees it in their list (the feature says it in words). */
export type SessionRecord = { id: string; userAgent: string; createdAt: Date; lastUsedAt: Date };

export interface SessionStore {
  /**
   * Starts a new session (always a new id, so a planted cookie never survives sign-in). The
   * User-Agent is kept so that the person recognises the device in their list of sessions.
   */
  create(userId: string, userAgent?: string): { token: string; expiresAt: Date };
  /** A person's unexpired sessions, the most recently used first (at most SESSIONS_LISTED_MAX). */
  listOf(userId: string): SessionRecord[];
  resolve(token: string | undefined): ResolvedSession | null;
  /** Reads the session cookie from a raw Cookie header (WebSocket and Socket.IO upgrades). */
  resolveCookieHeader(header: string | undefined): ResolvedSession | null;
  /** The person of a live session, read again (access changes); null once it ended. Does not slide it. */
  userOf(sessionId: string): SessionUser | null;
  /** Ends one session: its row goes and its live connections close. */
  destroy(sessionId: string): void;
  /**
   * Ends every session of a person (account disabled, password changed, "sign out everywhere"),
   * except the one named (the device where the person just changed their password).
   */
  endAllOf(userId: string, options?: { except?: string }): void;
  /**
   * A live connection (Socket.IO, /collab) registers the session it was opened with; the returned
   * function releases it on close. Tracked sessions that expire are ended within a second.
   */
  track: LiveSessions['track'];
  setCookie(reply: FastifyReply, token: string, expiresAt: Date): void;
  clearCookie(reply: FastifyReply): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionStore;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    sessionId: string | null;
  }
}

/** A session's person, as every signed-in request reads it (the WHERE is the caller's). */
export const selectSessionUser = (db: Db) => db
  .select({
    id: users.id, email: users.email, name: users.name, role: users.role, organisationId: users.organisationId,
    organisationName: organisations.name, locale: users.locale, disabled: users.disabled, expiresAt: sessions.expiresAt,
  })
  .from(sessions)
  .innerJoin(users, eq(users.id, sessions.userId))
  .innerJoin(organisations, eq(organisations.id, users.organisationId));

/**
 * The session lookup of every signed-in request, prepared once per database (it came first in the
 * profile at 2,000 people). It reads the rows on each call: a revoked session is refused at once.
 */
export const sessionLookup = preparedPerDb((db) => selectSessionUser(db)
  // expires_at holds milliseconds (timestamp_ms); a placeholder is bound as is.
  .where(and(eq(sessions.id, sql.placeholder('sessionId')), gt(sessions.expiresAt, sql.placeholder('now'))))
  .prepare());

function createStore(db: Db, sqlite: Sqlite, bus: Bus, ttlMs: number, secure: boolean): SessionStore & { live: LiveSessions } {
  const lookup = (sessionId: string) => sessionLookup(db).get({ sessionId, now: Date.now() });

  const read = (sessionId: string): { user: SessionUser; expiresAt: Date } | null => {
    const row = lookup(sessionId);
    if (!row || row.disabled) return null;
    const { disabled: _d, expiresAt, ...user } = row;
    return { expiresAt, user: { ...user, locale: user.locale === 'en' ? 'en' : 'fr' } };
  };

  /** Every way a session ends goes through here, so that its connections always follow. */
  const ended = (sessionIds: string[]) => {
    if (sessionIds.length > 0) bus.emit('session.ended', { sessionIds });
  };

  const live = watchLiveSessions(sqlite, ended);

  const store: SessionStore & { live: LiveSessions } = {
    live,
    create(userId, userAgent = '') {
      const token = newToken();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + ttlMs);
      ended(db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id }).all().map((s) => s.id));
      db.insert(sessions).values({ id: hashToken(token), userId, expiresAt, userAgent: userAgent.slice(0, USER_AGENT_MAX), lastUsedAt: now }).run();
      return { token, expiresAt };
    },
    listOf(userId) {
      return db.select({ id: sessions.id, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
        .from(sessions).where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
        .orderBy(desc(sessions.lastUsedAt), desc(sessions.createdAt)).limit(SESSIONS_LISTED_MAX).all()
        .map((row) => ({ ...row, lastUsedAt: row.lastUsedAt ?? row.createdAt }));
    },
    resolve(token) {
      if (!token || token.length > 100) return null;
      const sessionId = hashToken(token);
      const found = read(sessionId);
      if (!found) return null;
      // Sliding expiry and last use, written at most once an hour per session to keep reads cheap.
      const now = Date.now();
      const renewed = now + ttlMs;
      if (renewed - found.expiresAt.getTime() > 3600_000) {
        db.update(sessions).set({ expiresAt: new Date(renewed), lastUsedAt: new Date(now) }).where(eq(sessions.id, sessionId)).run();
      }
      return { sessionId, user: found.user };
    },
    resolveCookieHeader(header) {
      if (!header) return null;
      const parsed = cookie.parse(header);
      return store.resolve(parsed[SESSION_COOKIE]);
    },
    userOf: (sessionId) => read(sessionId)?.user ?? null,
    destroy(sessionId) {
      db.delete(sessions).where(eq(sessions.id, sessionId)).run();
      ended([sessionId]);
    },
    endAllOf(userId, options = {}) {
      const mine = eq(sessions.userId, userId);
      const where = options.except ? and(mine, ne(sessions.id, options.except)) : mine;
      ended(db.delete(sessions).where(where).returning({ id: sessions.id }).all().map((s) => s.id));
    },
    track: live.track,
    setCookie(reply, token, expiresAt) {
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
    },
    clearCookie(reply) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
  return store;
}

/** Resolves the session cookie into `request.user` on every request. */
export default fp(async function session(app: FastifyInstance) {
  await app.register(cookie);
  const store = createStore(app.db, app.sqlite, app.bus, app.config.sessionTtlMs, app.config.secureCookies);
  app.decorate('sessions', store as SessionStore);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  // A callback hook, not an async one: every request passes here, and a visitor without the
  // cookie costs no lookup and no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[SESSION_COOKIE];
    const resolved = token ? app.sessions.resolve(token) : null;
    if (resolved) {
      request.user = resolved.user;
      request.sessionId = resolved.sessionId;
    }
    done();
  });
  const sweep = setInterval(() => store.live.sweep(), SESSIONS.sweepIntervalMs);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
});
