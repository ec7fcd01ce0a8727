import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { passwordResets, users } from '../../../db/schema/index';
import { PASSWORD_RESET } from '../../../shared/limits';
import type { SessionUser } from '../../../shared/auth.schema';
import { AppError, notFound } from '../../core/errors';
import { hashToken, newToken } from '../../core/tokens';
import { hashPassword, verifyPassword } from './passwords';
import { passwordResetMail } from './password-reset.mail';

export const resetInvalid = () =>
  new AppError(410, 'reset_invalid', 'Ce lien n’est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau.');
const disabled = () => new AppError(403, 'account_disabled', 'Ce compte est désactivé. Contactez la coordination régionale.');

/**
 * Passwords that change: reset by e-mail (self-service), reset links issued by a coordinator,
 * and a change from the profile. Every change voids the reset links still open and ends the
 * account's other sessions (their live connections close with them).
 */
export function passwordService(app: FastifyInstance) {
  const { db } = app;
  const linkTo = (token: string) => `${app.config.publicUrl}/mot-de-passe/${token}`;

  function newLink(userId: string, issuedBy: string | null) {
    const token = newToken();
    // One clock reading for both: the link lives exactly its time, to the millisecond.
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + PASSWORD_RESET.ttlMs);
    db.insert(passwordResets).values({ tokenHash: hashToken(token), userId, issuedBy, createdAt, expiresAt }).run();
    return { link: linkTo(token), expiresAt };
  }

  /** The open link for this token, or 410 whatever the reason (unknown, used, expired). */
  function usable(token: string) {
    const row = db.select({ id: passwordResets.id, userId: passwordResets.userId, expiresAt: passwordResets.expiresAt, email: users.email, disabled: users.disabled })
      .from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId))
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date()))).get();
    if (!row) throw resetInvalid();
    return row;
  }

  /** Sets the hash, voids open reset links, ends the other sessions (all of them when `keep` is absent). */
  function replaceHash(userId: string, passwordHash: string, keep?: string) {
    db.transaction((tx) => {
      tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
      tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt))).run();
    });
    app.sessions.endAllOf(userId, keep ? { except: keep } : {});
  }

  /** Requests waiting for their lookup and e-mail; bounded, and awaited on shutdown. */
  const pending = new Set<Promise<void>>();
  app.addHook('onClose', async () => { await Promise.allSettled([...pending]); });

  async function sendReset(email: string): Promise<void> {
    // The reply has gone by now: nothing below can change what or when the requester was answered.
    await nextTurn();
    const user = db.select({ id: users.id, email: users.email, name: users.name, locale: users.locale, disabled: users.disabled })
      .from(users).where(eq(users.email, email)).get();
    if (!user || user.disabled) return;
    const since = new Date(Date.now() - 3600_000);
    const sent = db.select({ n: count() }).from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.issuedBy), gt(passwordResets.createdAt, since))).get()?.n ?? 0;
    // A mailbox is not flooded by strangers typing the address again and again.
    if (sent >= PASSWORD_RESET.mailsPerAccountPerHour) return;
    const { link } = newLink(user.id, null);
    await app.mailer.send(passwordResetMail(user, link, false));
  }

  return {
    /** "Mot de passe oublié": returns at once, the same for every address; the e-mail follows if there is an account. */
    requestReset(email: string): void {
      if (pending.size >= PASSWORD_RESET.pendingMax) return;
      const job: Promise<void> = sendReset(email)
        .catch((err) => app.log.error({ err }, 'password reset request failed'))
        .finally(() => pending.delete(job));
      pending.add(job);
    },

    /** A coordinator's link: e-mailed when SMTP is set up, else (or if sending failed) shown to copy. */
    async issueReset(userId: string, coordinatorId: string) {
      const user = db.select({ id: users.id, email: users.email, name: users.name, locale: users.locale, disabled: users.disabled })
        .from(users).where(eq(users.id, userId)).get();
      if (!user) throw notFound('Ce compte');
      if (user.disabled) throw new AppError(409, 'account_disabled_reset', 'Ce compte est désactivé : réactivez-le avant de lui envoyer un lien.');
      const { link, expiresAt } = newLink(user.id, coordinatorId);
      const emailSent = app.mailer.enabled && (await app.mailer.send(passwordResetMail(user, link, true)));
      // Sent: only the person's mailbox holds the link, the coordinator does not see it.
      return { emailSent, link: emailSent ? null : link, expiresAt: expiresAt.toISOString() };
    },

    preview(token: string) {
      const row = usable(token);
      if (row.disabled) throw disabled();
      return { email: row.email, expiresAt: row.expiresAt.toISOString() };
    },

    /** Sets the new password, uses the link up, ends every session; the caller signs the person in. */
    async completeReset(token: string, password: string): Promise<string> {
      const row = usable(token);
      if (row.disabled) throw disabled();
      const passwordHash = await hashPassword(password);
      // Claimed after the hash: two submissions of one link, only the first changes the password.
      const claimed = db.update(passwordResets).set({ usedAt: new Date() })
        .where(and(eq(passwordResets.id, row.id), isNull(passwordResets.usedAt))).run();
      if (claimed.changes === 0) throw resetInvalid();
      replaceHash(row.userId, passwordHash);
      return row.userId;
    },

    /** From the profile: the current password first; this session stays, the others end. Returns the new hash. */
    async change(user: SessionUser, sessionId: string, currentPassword: string, newPassword: string): Promise<string> {
      const stored = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
      if (!stored) throw notFound('Ce compte');
      if (!(await verifyPassword(stored.hash, currentPassword, `change:${user.id}`))) {
        throw new AppError(400, 'wrong_password', 'Le mot de passe actuel est incorrect.');
      }
      const passwordHash = await hashPassword(newPassword);
      replaceHash(user.id, passwordHash, sessionId);
      return passwordHash;
    },
  };
}
