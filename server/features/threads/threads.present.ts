import { and, asc, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerDb } from '../../../db/prepared';
import {
  documents, forumCategories, groups, messageAttachments, messageReactions, organisations, threadMessages, threadReads, threads, users,
} from '../../../db/schema/index';
import type { Message, PersonRef, ThreadSummary } from '../../../shared/threads.schema';
import { plainExcerpt } from './markdown';

export type MessageRow = typeof threadMessages.$inferSelect;
export type ThreadRow = typeof threads.$inferSelect;

/** `column IN (the ids)`, the ids bound as ONE JSON array: a statement prepared once takes any number of them. */
const inIds = (column: SQLWrapper) => sql`${column} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`;
const idList = (ids: readonly unknown[]) => ({ ids: JSON.stringify(ids) });

/**
 * The reads of every discussions list and message page (the load test's busiest requests),
 * prepared once per database: drizzle building each query and SQLite preparing it cost more than
 * reading these rows. The rows themselves are read on every call.
 */
const statements = preparedPerDb((db) => ({
  people: db.select({ id: users.id, name: users.name, organisationName: organisations.name })
    .from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(inIds(users.id)).prepare(),
  messagesById: db.select().from(threadMessages).where(inIds(threadMessages.id)).prepare(),
  reactions: db.select().from(messageReactions).where(inIds(messageReactions.messageId)).orderBy(asc(messageReactions.createdAt)).prepare(),
  attachments: db.select().from(messageAttachments).where(inIds(messageAttachments.messageId)).prepare(),
  groupNames: db.select({ id: groups.id, name: groups.name }).from(groups).where(inIds(groups.id)).prepare(),
  categoryNames: db.select({ id: forumCategories.id, name: forumCategories.name }).from(forumCategories).where(inIds(forumCategories.id)).prepare(),
  documents: db.select({ id: documents.id, title: documents.title, deletedAt: documents.deletedAt }).from(documents).where(inIds(documents.id)).prepare(),
  unread: db.select({
    threadId: threads.id,
    unread: sql<number>`(SELECT count(*) FROM ${threadMessages} m WHERE m.thread_id = ${threads.id}
      AND m.id > coalesce(${threadReads.lastReadId}, 0) AND m.author_id <> ${sql.placeholder('userId')} AND m.deleted_at IS NULL)`,
  }).from(threads)
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, sql.placeholder('userId'))))
    .where(inIds(threads.id)).prepare(),
}));

export function people(db: Db, ids: string[]): Map<string, PersonRef> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = statements(db).people.all(idList(unique));
  return new Map(rows.map((r) => [r.id, r]));
}

const unknownPerson = (id: string): PersonRef => ({ id, name: '—', organisationName: '' });

/**
 * Messages as a reader sees them: a deleted message keeps its place but not its text; a hidden one
 * shows its text only to moderators, with the reason to everyone.
 */
export function presentMessages(db: Db, rows: MessageRow[], viewer: { canModerate: boolean }): Message[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const parentIds = rows.map((r) => r.parentId).filter((id): id is number => id !== null);
  const prepared = statements(db);
  const parents = parentIds.length
    ? new Map(prepared.messagesById.all(idList([...new Set(parentIds)])).map((p) => [p.id, p]))
    : new Map<number, MessageRow>();
  const who = people(db, [...rows.map((r) => r.authorId), ...[...parents.values()].map((p) => p.authorId)]);
  const reactions = new Map<number, Map<string, string[]>>();
  for (const r of prepared.reactions.all(idList(ids))) {
    const byEmoji = reactions.get(r.messageId) ?? new Map<string, string[]>();
    byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), r.userId]);
    reactions.set(r.messageId, byEmoji);
  }
  const files = new Map<number, Message['attachments']>();
  for (const a of prepared.attachments.all(idList(ids))) {
    const list = files.get(a.messageId!) ?? [];
    list.push({ id: a.id, fileName: a.fileName, mimeType: a.mimeType, size: a.size, isImage: a.mimeType.startsWith('image/') });
    files.set(a.messageId!, list);
  }
  return rows.map((row) => {
    const gone = row.deletedAt !== null;
    const concealed = gone || (row.hiddenAt !== null && !viewer.canModerate);
    const parent = row.parentId !== null ? parents.get(row.parentId) : undefined;
    return {
      id: row.id,
      threadId: row.threadId,
      clientId: row.clientId,
      author: who.get(row.authorId) ?? unknownPerson(row.authorId),
      parent: parent ? {
        id: parent.id,
        authorName: who.get(parent.authorId)?.name ?? '—',
        excerpt: parent.deletedAt || parent.hiddenAt ? '' : plainExcerpt(parent.source),
      } : null,
      html: concealed ? '' : row.html,
      source: concealed ? '' : row.source,
      createdAt: row.createdAt.toISOString(),
      editedAt: row.editedAt?.toISOString() ?? null,
      deleted: gone,
      hidden: row.hiddenAt ? { reason: row.hiddenReason ?? '' } : null,
      reactions: concealed ? [] : [...(reactions.get(row.id) ?? new Map()).entries()].map(([emoji, userIds]) => ({ emoji, userIds })),
      attachments: concealed ? [] : files.get(row.id) ?? [],
    };
  });
}

/** Unread messages per thread for one person: messages of others after their last read one. */
export function unreadCounts(db: Db, userId: string, threadIds: string[]): Map<string, number> {
  if (threadIds.length === 0) return new Map();
  const rows = statements(db).unread.all({ userId, ...idList(threadIds) });
  return new Map(rows.map((r) => [r.threadId, Number(r.unread)]));
}

export function presentThreads(db: Db, rows: ThreadRow[], userId: string): ThreadSummary[] {
  if (rows.length === 0) return [];
  const who = people(db, rows.map((r) => r.authorId));
  const groupIds = [...new Set(rows.map((r) => r.groupId).filter((x): x is string => Boolean(x)))];
  const categoryIds = [...new Set(rows.map((r) => r.categoryId).filter((x): x is string => Boolean(x)))];
  const documentIds = [...new Set(rows.map((r) => r.documentId).filter((x): x is string => Boolean(x)))];
  const prepared = statements(db);
  const groupNames = new Map(groupIds.length ? prepared.groupNames.all(idList(groupIds)).map((g) => [g.id, g.name]) : []);
  const categoryNames = new Map(categoryIds.length ? prepared.categoryNames.all(idList(categoryIds)).map((c) => [c.id, c.name]) : []);
  const docs = new Map(documentIds.length ? prepared.documents.all(idList(documentIds)).map((d) => [d.id, d]) : []);
  const unread = unreadCounts(db, userId, rows.map((r) => r.id));
  return rows.map((t) => {
    const doc = t.documentId ? docs.get(t.documentId) : undefined;
    return {
      id: t.id,
      title: t.title,
      themes: t.themes,
      groupId: t.groupId,
      groupName: t.groupId ? groupNames.get(t.groupId) ?? null : null,
      categoryId: t.categoryId,
      categoryName: t.categoryId ? categoryNames.get(t.categoryId) ?? null : null,
      document: doc && !doc.deletedAt ? { id: doc.id, title: doc.title } : null,
      author: who.get(t.authorId) ?? unknownPerson(t.authorId),
      pinned: t.pinned,
      locked: t.locked,
      messageCount: t.messageCount,
      lastMessageAt: t.lastMessageAt.toISOString(),
      createdAt: t.createdAt.toISOString(),
      unread: unread.get(t.id) ?? 0,
    };
  });
}
