import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client';
import { preparedPerDb } from '../../../db/prepared';
import { documents, notificationPreferences, notifications, threadMessages, threads, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { DOCUMENT_NOTIFICATION_KINDS, EmailPreference, Notification } from '../../../shared/threads.schema';
import { groupAccess } from '../groups/groups.policy';
import { plainExcerpt } from './markdown';
import { people, type MessageRow } from './threads.present';
import { threadAccess } from './threads.policy';
import { groupFollowers } from './readers';
import { live } from './threads.live';
import { listActionNotifications, markActionNotificationsRead } from '../actions/actions.notify';
import { commentTargets, mayReadComment } from './notifications.comments';

type Row = typeof notifications.$inferSelect;

/** Reading a thread reads its notices: asked each time a thread page opens, prepared once per database. */
// readAt bound as epoch ms, the column's storage (a placeholder in set() goes to SQLite as given).
const readThreadNotices = preparedPerDb((db) => db.update(notifications).set({ readAt: sql`${sql.placeholder('readAt')}` })
  .where(and(eq(notifications.userId, sql.placeholder('userId')), eq(notifications.threadId, sql.placeholder('threadId')), isNull(notifications.readAt))).prepare());
type Entry = { userId: string; kind: Notification['kind'] };

/** Whether the person may still see what a notice points to (a discussion, or a document's comment). */
export function maySeeNotification(db: Db, user: SessionUser | null, row: Pick<Row, 'threadId' | 'commentId' | 'documentId'>): boolean {
  if (row.threadId) return threadAccess(db, user, row.threadId).canRead;
  if (row.commentId) return mayReadComment(db, user, row.commentId);
  if (!row.documentId) return false;
  const document = db.select({ groupId: documents.groupId, deletedAt: documents.deletedAt }).from(documents).where(eq(documents.id, row.documentId)).get();
  return !!document && !document.deletedAt && groupAccess(db, user, document.groupId).canRead;
}

export function presentNotifications(db: Db, rows: Row[]): Notification[] {
  if (rows.length === 0) return [];
  const who = people(db, rows.map((r) => r.actorId));
  const threadIds = [...new Set(rows.map((r) => r.threadId).filter((id): id is string => id !== null))];
  const titles = new Map(threadIds.length ? db.select({ id: threads.id, title: threads.title }).from(threads)
    .where(inArray(threads.id, threadIds)).all().map((t) => [t.id, t.title]) : []);
  const documentIds = [...new Set(rows.map((r) => r.documentId).filter((id): id is string => id !== null))];
  const documentTitles = new Map(documentIds.length ? db.select({ id: documents.id, title: documents.title }).from(documents)
    .where(inArray(documents.id, documentIds)).all().map((d) => [d.id, d.title]) : []);
  const targets = commentTargets(db, rows.map((r) => r.commentId).filter((id): id is string => id !== null));
  const messageIds = rows.map((r) => r.messageId).filter((id): id is number => id !== null);
  const messages = new Map(messageIds.length ? db.select().from(threadMessages).where(inArray(threadMessages.id, messageIds)).all().map((m) => [m.id, m]) : []);
  return rows.map((r) => {
    const m = r.messageId !== null ? messages.get(r.messageId) : undefined;
    const target = r.commentId ? targets.get(r.commentId) : undefined;
    return {
      id: r.id,
      kind: r.kind,
      thread: r.threadId ? { id: r.threadId, title: titles.get(r.threadId) ?? '' } : null,
      document: target?.document ?? (r.documentId ? { id: r.documentId, title: documentTitles.get(r.documentId) ?? '', commentThreadId: null } : null),
      messageId: r.messageId,
      actor: who.get(r.actorId) ?? { id: r.actorId, name: '—', organisationName: '' },
      excerpt: target ? target.excerpt : m && !m.deletedAt && !m.hiddenAt ? plainExcerpt(m.source) : '',
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    };
  });
}

export function emailPreference(db: Db, userId: string): EmailPreference {
  return db.select({ email: notificationPreferences.email }).from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId)).get()?.email ?? 'all';
}

/**
 * Whether the person may still see what a notification is about (access changes after it was sent):
 * its thread, or its document (read right in the document's group, not in the trash).
 */

/**
 * Notifications about a document (its review), through the same table, live event and digest as
 * the discussions' ones. `note` is not stored: the panel of the document shows it.
 */
export function notifyAboutDocument(app: FastifyInstance, documentId: string, actorId: string, entries: Array<{ userId: string; kind: typeof DOCUMENT_NOTIFICATION_KINDS[number] }>) {
  const wanted = entries.filter((e) => e.userId !== actorId);
  if (wanted.length === 0) return;
  const inserted = app.db.insert(notifications).values(wanted.map((e) => ({ userId: e.userId, kind: e.kind, documentId, actorId }))).returning().all();
  const announce = live(app);
  for (const n of presentNotifications(app.db, inserted)) announce.notification(inserted.find((i) => i.id === n.id)!.userId, n);
}

/** In-app notifications, sent live to the person's room; the digest e-mails what stays unread. */
export function notificationsService(app: FastifyInstance) {
  const { db } = app;
  const announce = live(app);

  const send = (entries: Entry[], row: MessageRow) => insert(entries.map((e) => ({
    userId: e.userId, kind: e.kind, threadId: row.threadId, messageId: row.id, actorId: row.authorId,
  })));
  const insert = (values: Array<typeof notifications.$inferInsert>) => {
    if (values.length === 0) return;
    const inserted = db.insert(notifications).values(values).returning().all();
    for (const n of presentNotifications(db, inserted)) {
      announce.notification(inserted.find((i) => i.id === n.id)!.userId, n);
    }
  };

  return {
    /** Mentions first; a reply to someone already mentioned notifies them once. */
    afterMessage(row: MessageRow, { mentions, parentAuthorId }: { mentions: string[]; parentAuthorId: string | null }) {
      const entries: Entry[] = mentions.filter((id) => id !== row.authorId).map((userId) => ({ userId, kind: 'mention' }));
      if (parentAuthorId && parentAuthorId !== row.authorId && !mentions.includes(parentAuthorId)) {
        // The parent's author may have lost access since: ask the policy.
        if (threadAccess(db, asReader(db, parentAuthorId), row.threadId).canRead) entries.push({ userId: parentAuthorId, kind: 'reply' });
      }
      send(entries, row);
    },

    afterThread(groupId: string | null, row: MessageRow, mentions: string[]) {
      const entries: Entry[] = mentions.filter((id) => id !== row.authorId).map((userId) => ({ userId, kind: 'mention' }));
      if (groupId) {
        for (const userId of groupFollowers(db, groupId)) {
          if (userId !== row.authorId && !mentions.includes(userId)) entries.push({ userId, kind: 'thread' });
        }
      }
      send(entries, row);
    },

    /**
     * A comment on a passage (feature comments): the people mentioned (already limited to readers of
     * the document), then the thread's earlier participants, each told once.
     */
    afterComment({ commentId, actorId, mentions, participants }: { commentId: string; actorId: string; mentions: string[]; participants: string[] }) {
      const told = new Set([actorId]);
      const values: Array<typeof notifications.$inferInsert> = [];
      for (const [ids, kind] of [[mentions, 'comment_mention'], [participants, 'comment_reply']] as const) {
        for (const userId of ids) {
          if (told.has(userId)) continue;
          told.add(userId);
          values.push({ userId, kind, commentId, actorId });
        }
      }
      insert(values);
    },

    list(user: SessionUser) {
      const rows = db.select().from(notifications).where(eq(notifications.userId, user.id))
        .orderBy(desc(notifications.createdAt)).limit(100).all()
        .filter((r) => maySeeNotification(db, user, r));
      // Actions (feature actions) keep their own rows; the person sees one list, newest first.
      const list = [...presentNotifications(db, rows), ...listActionNotifications(db, user, 100)]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 100);
      return { notifications: list, unread: list.filter((n) => !n.read).length };
    },

    markRead(user: SessionUser, ids?: string[]) {
      const mine = and(eq(notifications.userId, user.id), isNull(notifications.readAt));
      db.update(notifications).set({ readAt: new Date() }).where(ids ? and(mine, inArray(notifications.id, ids)) : mine).run();
      markActionNotificationsRead(db, user.id, ids);
    },

    /** Reading a thread reads its notifications too. */
    markThreadRead(userId: string, threadId: string) {
      readThreadNotices(db).run({ readAt: Date.now(), userId, threadId });
    },

    preferences: (userId: string) => ({ email: emailPreference(db, userId) }),

    setPreferences(userId: string, email: EmailPreference) {
      db.insert(notificationPreferences).values({ userId, email })
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: { email } }).run();
      return { email };
    },
  };
}

/** A person as the policy needs them (id and platform role), for checks on someone else's behalf. */
export function asReader(db: Db, userId: string): SessionUser | null {
  const row = db.select({ role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, userId)).get();
  return row && !row.disabled ? ({ id: userId, role: row.role } as SessionUser) : null;
}
