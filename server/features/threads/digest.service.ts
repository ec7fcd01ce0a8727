import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { notificationPreferences, notifications, users } from '../../../db/schema/index';
import type { Notification } from '../../../shared/threads.schema';
import { emailPreference, presentNotifications, asReader, maySeeNotification } from './notifications.service';

/** A notification unread this long is "missed": someone online has had time to see it in the app. */
export const MISSED_AFTER_MS = 15 * 60_000;

const SUBJECT = {
  mention: 'vous a mentionné·e', reply: 'vous a répondu', thread: 'a ouvert une discussion',
  comment_mention: 'vous a mentionné·e dans un commentaire', comment_reply: 'a répondu à un commentaire',
} as const;

/** Where a notice is read: the discussion, or the document with its comment thread open. */
function where(n: Notification, publicUrl: string): { title: string; link: string } {
  if (n.document) return { title: n.document.title, link: `${publicUrl}/documents/${n.document.id}?commentaire=${n.document.commentThreadId}` };
  return { title: n.thread?.title ?? '', link: `${publicUrl}/discussions/${n.thread?.id ?? ''}` };
}

function compose(name: string, items: Notification[], publicUrl: string) {
  const lines = items.map((n) => {
    const { title, link } = where(n, publicUrl);
    return `- ${n.actor.name} ${SUBJECT[n.kind]} dans « ${title} »${n.excerpt ? ` : ${n.excerpt}` : ''}\n  ${link}`;
  });
  return {
    subject: `Maillage : ${items.length} notification${items.length > 1 ? 's' : ''} en attente`,
    text: `Bonjour ${name},\n\nVoici ce qui s'est passé dans vos discussions depuis votre dernier passage :\n\n${lines.join('\n')}\n\n`
      + `Pour choisir ce que vous recevez par e-mail : ${publicUrl}/notifications\n\nMaillage ne contient aucune donnée de patient.`,
  };
}

/**
 * Sends each person one e-mail of what they missed, at most once per `digestIntervalMs`, following
 * their preference (all / mentions only / none). The clock is a parameter: tests run it directly.
 */
export async function runDigest(app: FastifyInstance, now: Date = new Date()): Promise<number> {
  const { db } = app;
  if (!app.mailer.enabled) return 0;
  const pending = db.select().from(notifications)
    .where(and(isNull(notifications.readAt), isNull(notifications.emailedAt), lte(notifications.createdAt, new Date(now.getTime() - MISSED_AFTER_MS))))
    .orderBy(asc(notifications.createdAt)).all();
  const byUser = new Map<string, typeof pending>();
  for (const n of pending) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
  let sent = 0;
  for (const [userId, rows] of byUser) {
    const prefs = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).get();
    if (prefs?.lastDigestAt && now.getTime() - prefs.lastDigestAt.getTime() < app.config.digestIntervalMs) continue;
    const preference = emailPreference(db, userId);
    const reader = asReader(db, userId);
    const wanted = rows.filter((n) => (preference === 'all' || (preference === 'mentions' && (n.kind === 'mention' || n.kind === 'comment_mention')))
      && maySeeNotification(db, reader, n));
    // What the person chose not to receive is settled too, so it never arrives in a later digest.
    db.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, rows.map((r) => r.id))).run();
    if (wanted.length === 0) continue;
    const person = db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)).get();
    if (!person) continue;
    const ok = await app.mailer.send({ to: person.email, ...compose(person.name, presentNotifications(db, wanted), app.config.publicUrl) });
    if (!ok) {
      db.update(notifications).set({ emailedAt: null }).where(inArray(notifications.id, wanted.map((r) => r.id))).run();
      continue;
    }
    db.insert(notificationPreferences).values({ userId, lastDigestAt: now })
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: { lastDigestAt: now } }).run();
    sent += 1;
  }
  return sent;
}

/** The scheduler: a timer in the server that runs the digest; 0 in config turns it off. */
export function scheduleDigest(app: FastifyInstance) {
  const interval = app.config.digestIntervalMs;
  if (!interval) return;
  const every = Math.min(interval, 5 * 60_000);
  const timer = setInterval(() => {
    runDigest(app).catch((err) => app.log.error({ err }, 'digest failed'));
  }, every);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
