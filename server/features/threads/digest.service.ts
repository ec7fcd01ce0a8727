import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { notificationPreferences, notifications, users } from '../../../db/schema/index';
import type { Notification } from '../../../shared/threads.schema';
import { emailPreference, maySeeNotification, presentNotifications, asReader } from './notifications.service';
import { actionReadable, pendingActionNotifications, presentActionNotifications, setActionNotificationsEmailed } from '../actions/actions.notify';

/** A notification unread this long is "missed": someone online has had time to see it in the app. */
export const MISSED_AFTER_MS = 15 * 60_000;

const SUBJECT = {
  mention: 'vous a mentionné·e dans', reply: 'vous a répondu dans', thread: 'a ouvert une discussion :',
  comment_mention: 'vous a mentionné·e dans un commentaire sur', comment_reply: 'a répondu à un commentaire sur',
  review_requested: 'vous demande de relire', review_approved: 'a approuvé', review_changes_requested: 'demande des modifications à',
  review_validated: 'a validé',
} as const;
/** Actions (feature actions): what changed, and the states as the board names them. */
const ACTION_CHANGE: Record<string, string> = { request: 'a demandé l’appui de la plateforme', assigned: 'vous a confié l’action', state: 'a fait passer à l’état', meeting: 'a consigné une réunion de' };
const ACTION_STATE: Record<string, string> = { to_qualify: 'à qualifier', planned: 'planifiée', in_progress: 'en cours', done: 'réalisée', abandoned: 'abandonnée' };

/** Where a notice is read: the discussion, the document (a review), or the document with its comment thread open. */
function where(n: Notification, publicUrl: string): { title: string; link: string } {
  if (n.document) {
    const open = n.document.commentThreadId ? `?commentaire=${n.document.commentThreadId}` : '';
    return { title: n.document.title, link: `${publicUrl}/documents/${n.document.id}${open}` };
  }
  return { title: n.thread?.title ?? '', link: `${publicUrl}/discussions/${n.thread?.id ?? ''}` };
}

function line(n: Notification, publicUrl: string): string {
  if (n.kind === 'action' && n.action) {
    const what = n.action.change === 'state' ? `${ACTION_CHANGE.state} « ${ACTION_STATE[n.action.state] ?? n.action.state} » l’action` : ACTION_CHANGE[n.action.change] ?? 'a modifié';
    return `- ${n.actor.name} ${what} « ${n.action.title} »\n  ${publicUrl}/actions/${n.action.id}`;
  }
  const { title, link } = where(n, publicUrl);
  return `- ${n.actor.name} ${SUBJECT[n.kind as keyof typeof SUBJECT]} « ${title} »${n.excerpt ? ` : ${n.excerpt}` : ''}\n  ${link}`;
}

function compose(name: string, items: Notification[], publicUrl: string) {
  const lines = items.map((n) => line(n, publicUrl));
  return {
    subject: `Maillage : ${items.length} notification${items.length > 1 ? 's' : ''} en attente`,
    text: `Bonjour ${name},\n\nVoici ce qui s'est passé dans vos discussions, vos documents et vos actions depuis votre dernier passage :\n\n${lines.join('\n')}\n\n`
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
  const pendingActions = pendingActionNotifications(db, new Date(now.getTime() - MISSED_AFTER_MS));
  const actionsByUser = new Map<string, typeof pendingActions>();
  for (const n of pendingActions) {
    actionsByUser.set(n.userId, [...(actionsByUser.get(n.userId) ?? []), n]);
    if (!byUser.has(n.userId)) byUser.set(n.userId, []);
  }
  let sent = 0;
  for (const [userId, rows] of byUser) {
    const prefs = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).get();
    if (prefs?.lastDigestAt && now.getTime() - prefs.lastDigestAt.getTime() < app.config.digestIntervalMs) continue;
    const preference = emailPreference(db, userId);
    const reader = asReader(db, userId);
    // "Mentions only" keeps what is addressed to the person: a mention (in a discussion or a comment), or being asked to review.
    const wanted = rows.filter((n) => (preference === 'all' || (preference === 'mentions' && (n.kind === 'mention' || n.kind === 'comment_mention' || n.kind === 'review_requested')))
      && maySeeNotification(db, reader, n));
    // Actions: everything with "all"; with "mentions", what is addressed to the person (a request, an action entrusted).
    const actionRows = actionsByUser.get(userId) ?? [];
    const wantedActions = actionRows.filter((n) => (preference === 'all' || (preference === 'mentions' && (n.change === 'request' || n.change === 'assigned')))
      && actionReadable(db, reader, n.actionId));
    // What the person chose not to receive is settled too, so it never arrives in a later digest.
    if (rows.length) db.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, rows.map((r) => r.id))).run();
    setActionNotificationsEmailed(db, actionRows.map((r) => r.id), now);
    if (wanted.length === 0 && wantedActions.length === 0) continue;
    const person = db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)).get();
    if (!person) continue;
    const items = [...presentNotifications(db, wanted), ...presentActionNotifications(db, wantedActions)];
    const ok = await app.mailer.send({ to: person.email, ...compose(person.name, items, app.config.publicUrl) });
    if (!ok) {
      if (wanted.length) db.update(notifications).set({ emailedAt: null }).where(inArray(notifications.id, wanted.map((r) => r.id))).run();
      setActionNotificationsEmailed(db, wantedActions.map((r) => r.id), null);
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
