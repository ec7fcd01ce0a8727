import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { and, eq, gt, lt } from 'drizzle-orm';
import { sessions, users, organisations } from '../../db/schema/index';
import type { Db } from '../../db/client';
import type { SessionUser } from '../../shared/auth.schema';
import type { PlatformRole } from '../../shared/roles';
import { hashToken, newToken } from './tokens';

export const SESSION_COOKIE = 'maillage_session';

export interface SessionStore {
  /** Starts a new session (always a new id, so a planted cookie never survives sign-in). */
  create(userId: string): { token: string; expiresAt: Date };
  resolve(token: string | undefined): { user: SessionUser; sessionId: string } | null;
  /** Reads the session cookie from a raw Cookie header (WebSocket and Socket.IO upgrades). */
  resolveCookieHeader(header: string | undefined): SessionUser | null;
  destroy(sessionId: string): void;
  destroyAllOf(userId: string): void;
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

function createStore(db: Db, ttlMs: number, secure: boolean): SessionStore {
  const lookup = (sessionId: string) =>
    db
      .select({
        id: users.id, email: users.email, name: users.name, role: users.role, organisationId: users.organisationId,
        organisationName: organisations.name, locale: users.locale, disabled: users.disabled, expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
      .get();

  const store: SessionStore = {
    create(userId) {
      const token = newToken();
      const expiresAt = new Date(Date.now() + ttlMs);
      db.delete(sessions).where(lt(sessions.expiresAt, new Date())).run();
      db.insert(sessions).values({ id: hashToken(token), userId, expiresAt }).run();
      return { token, expiresAt };
    },
    resolve(token) {
      if (!token || token.length > 100) return null;
      const sessionId = hashToken(token);
      const row = lookup(sessionId);
      if (!row || row.disabled) return null;
      // Sliding expiry, written at most once an hour per session to keep reads cheap.
      const renewed = Date.now() + ttlMs;
      if (renewed - row.expiresAt.getTime() > 3600_000) {
        db.update(sessions).set({ expiresAt: new Date(renewed) }).where(eq(sessions.id, sessionId)).run();
      }
      const { disabled: _d, expiresAt: _e, ...user } = row;
      return { sessionId, user: { ...user, role: user.role as PlatformRole, locale: user.locale === 'en' ? 'en' : 'fr' } };
    },
    resolveCookieHeader(header) {
      if (!header) return null;
      const parsed = cookie.parse(header);
      return store.resolve(parsed[SESSION_COOKIE])?.user ?? null;
    },
    destroy(sessionId) {
      db.delete(sessions).where(eq(sessions.id, sessionId)).run();
    },
    destroyAllOf(userId) {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
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
  app.decorate('sessions', createStore(app.db, app.config.sessionTtlMs, app.config.secureCookies));
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request) => {
    const resolved = app.sessions.resolve(request.cookies[SESSION_COOKIE]);
    if (resolved) {
      request.user = resolved.user;
      request.sessionId = resolved.sessionId;
    }
  });
});
