import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client';
import { preparedPerDb } from '../../../db/prepared';
import { documents, forumCategories, groupMembers, groups, threadMessages, threadReads, threads } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { Category, ThreadDetail, ThreadInput } from '../../../shared/threads.schema';
import { badRequest, forbidden, notFound } from '../../core/errors';
import { groupAccess } from '../groups/groups.policy';
import { presentMessages, presentThreads, unreadCounts } from './threads.present';
import { scopeAccess, type ThreadScope } from './threads.policy';
import { insertMessage, readableThread, render } from './messages.service';
import { notificationsService } from './notifications.service';
import { live } from './threads.live';
import { recheckThread } from './threads.socket';
import { announceActivity, recordActivity } from '../groups/activity';

/** Groups whose threads this person may read (asked of the group policy, one by one). */
export function readableGroupIds(db: Db, user: SessionUser): string[] {
  const ids = user.role === 'coordinator'
    ? db.select({ id: groups.id }).from(groups).all().map((g) => g.id)
    : db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, user.id)).all().map((g) => g.id);
  return ids.filter((id) => groupAccess(db, user, id).canRead);
}

export function readableCategories(db: Db, user: SessionUser) {
  return db.select().from(forumCategories).orderBy(asc(forumCategories.position), asc(forumCategories.createdAt)).all()
    .map((c) => ({ c, access: scopeAccess(db, user, { groupId: null, categoryId: c.id }) }))
    .filter(({ access }) => access.canRead);
}

const byActivity = [desc(threads.pinned), desc(threads.lastMessageAt)];

/** A list's reads (a group's or a category's threads, with its name) and marking read, prepared once per database: every list and thread page asks them. */
const listStatements = preparedPerDb((db) => ({
  groupThreads: db.select().from(threads).where(eq(threads.groupId, sql.placeholder('id'))).orderBy(...byActivity).limit(200).prepare(),
  categoryThreads: db.select().from(threads).where(eq(threads.categoryId, sql.placeholder('id'))).orderBy(...byActivity).limit(200).prepare(),
  groupName: db.select({ name: groups.name }).from(groups).where(eq(groups.id, sql.placeholder('id'))).prepare(),
  categoryName: db.select({ name: forumCategories.name }).from(forumCategories).where(eq(forumCategories.id, sql.placeholder('id'))).prepare(),
  // Asked each time a thread page opens or catches up: never moves back past a later read.
  markRead: db.insert(threadReads).values({ threadId: sql.placeholder('threadId'), userId: sql.placeholder('userId'), lastReadId: sql.placeholder('messageId'), readAt: sql.placeholder('readAt') })
    .onConflictDoUpdate({ target: [threadReads.threadId, threadReads.userId], set: { lastReadId: sql`max(${threadReads.lastReadId}, excluded.last_read_id)`, readAt: sql`excluded.read_at` } }).prepare(),
}));

export function threadsService(app: FastifyInstance) {
  const { db } = app;
  const announce = live(app);
  const notifications = notificationsService(app);

  const detail = (user: SessionUser, id: string): ThreadDetail => {
    const access = readableThread(db, user, id);
    const row = db.select().from(threads).where(eq(threads.id, id)).get()!;
    const lastReadId = db.select({ id: threadReads.lastReadId }).from(threadReads)
      .where(and(eq(threadReads.threadId, id), eq(threadReads.userId, user.id))).get()?.id ?? 0;
    return { ...presentThreads(db, [row], user.id)[0], lastReadId, canPost: access.canReply, canModerate: access.canModerate, muted: access.muted };
  };

  const checkTarget = (user: SessionUser, scope: ThreadScope, documentId?: string | null) => {
    const access = scopeAccess(db, user, scope);
    if (!access.canRead) throw notFound(scope.groupId ? 'Ce groupe' : 'Cette catégorie');
    if (documentId) {
      const doc = db.select({ groupId: documents.groupId }).from(documents).where(and(eq(documents.id, documentId), isNull(documents.deletedAt))).get();
      if (!doc || doc.groupId !== scope.groupId) throw badRequest('Le document lié doit appartenir au même groupe.', 'document_other_group');
    }
    return access;
  };

  return {
    detail,

    categories(user: SessionUser): Category[] {
      const list = readableCategories(db, user);
      const ids = list.map(({ c }) => c.id);
      const rows = ids.length ? db.select({ id: threads.id, categoryId: threads.categoryId }).from(threads).where(inArray(threads.categoryId, ids)).all() : [];
      const unread = unreadCounts(db, user.id, rows.map((r) => r.id));
      return list.map(({ c, access }) => {
        const mine = rows.filter((r) => r.categoryId === c.id);
        return {
          id: c.id, name: c.name, description: c.description, associationsRead: c.associationsRead, associationsPost: c.associationsPost,
          readOnly: c.readOnly, threadCount: mine.length, unread: mine.reduce((n, r) => n + (unread.get(r.id) ?? 0), 0), canPost: access.canPost,
        };
      });
    },

    overview(user: SessionUser) {
      const categories = this.categories(user);
      const groupIds = readableGroupIds(db, user);
      const groupRows = groupIds.length ? db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, groupIds)).orderBy(asc(groups.name)).all() : [];
      const groupThreads = groupIds.length ? db.select({ id: threads.id, groupId: threads.groupId }).from(threads).where(inArray(threads.groupId, groupIds)).all() : [];
      const unread = unreadCounts(db, user.id, groupThreads.map((t) => t.id));
      const recentRows = groupIds.length ? db.select().from(threads).where(inArray(threads.groupId, groupIds)).orderBy(desc(threads.lastMessageAt)).limit(10).all() : [];
      return {
        categories,
        groups: groupRows.map((g) => ({ ...g, unread: groupThreads.filter((t) => t.groupId === g.id).reduce((n, t) => n + (unread.get(t.id) ?? 0), 0) })),
        recent: presentThreads(db, recentRows, user.id),
        forumUnread: categories.reduce((n, c) => n + c.unread, 0),
        canManageCategories: user.role === 'coordinator',
      };
    },

    list(user: SessionUser, q: { groupId?: string; categoryId?: string; documentId?: string }) {
      if (q.documentId) {
        const doc = db.select({ groupId: documents.groupId, title: documents.title }).from(documents).where(eq(documents.id, q.documentId)).get();
        if (!doc || !groupAccess(db, user, doc.groupId).canRead) throw notFound('Ce document');
        const rows = db.select().from(threads).where(eq(threads.documentId, q.documentId)).orderBy(...byActivity).all();
        return { threads: presentThreads(db, rows, user.id), name: doc.title, canPost: scopeAccess(db, user, { groupId: doc.groupId, categoryId: null }).canPost };
      }
      const scope = { groupId: q.groupId ?? null, categoryId: q.groupId ? null : q.categoryId ?? null };
      if (!scope.groupId && !scope.categoryId) throw badRequest('Précisez un groupe, une catégorie ou un document.');
      const access = scopeAccess(db, user, scope);
      if (!access.canRead) throw notFound(scope.groupId ? 'Ce groupe' : 'Cette catégorie');
      const prepared = listStatements(db);
      const id = { id: (scope.groupId ?? scope.categoryId)! };
      const name = (scope.groupId ? prepared.groupName : prepared.categoryName).get(id)?.name;
      const rows = (scope.groupId ? prepared.groupThreads : prepared.categoryThreads).all(id);
      return { threads: presentThreads(db, rows, user.id), name: name ?? '', canPost: access.canPost };
    },

    create(user: SessionUser, input: ThreadInput) {
      const scope = { groupId: input.groupId ?? null, categoryId: input.categoryId ?? null };
      const again = db.select({ threadId: threadMessages.threadId }).from(threadMessages)
        .where(and(eq(threadMessages.authorId, user.id), eq(threadMessages.clientId, input.clientId))).get();
      if (again) return { ...this.created(user, again.threadId), created: false };
      const access = checkTarget(user, scope, input.documentId);
      if (access.muted) throw forbidden('Vous ne pouvez plus publier ici : la modération a suspendu vos messages.');
      if (!access.canPost) throw forbidden('Vous ne pouvez pas ouvrir de discussion ici.');
      const { html, mentions } = render(db, scope, input.body);
      const { row, threadId, entry } = db.transaction((tx) => {
        const t = tx.insert(threads).values({
          groupId: scope.groupId, categoryId: scope.categoryId, title: input.title, themes: input.themes, documentId: input.documentId ?? null, authorId: user.id,
        }).returning({ id: threads.id }).get();
        const first = insertMessage(tx, user.id, t.id, { body: input.body, clientId: input.clientId, attachmentIds: input.attachmentIds }, html);
        const logged = scope.groupId
          ? recordActivity(tx, { groupId: scope.groupId, userId: user.id, kind: 'thread.created', subjectId: t.id, subjectTitle: input.title })
          : null;
        return { threadId: t.id, row: first, entry: logged };
      });
      if (scope.groupId && entry) announceActivity(app.io, scope.groupId, entry);
      announce.activity(scope, { threadId, groupId: scope.groupId, categoryId: scope.categoryId, messageId: row.id, authorId: user.id, at: row.createdAt.toISOString() });
      notifications.afterThread(scope.groupId, row, mentions);
      return { ...this.created(user, threadId), created: true };
    },

    created(user: SessionUser, threadId: string) {
      const thread = detail(user, threadId);
      const row = db.select().from(threadMessages).where(eq(threadMessages.threadId, threadId)).orderBy(asc(threadMessages.id)).limit(1).get()!;
      return { thread, message: presentMessages(db, [row], { canModerate: thread.canModerate })[0] };
    },

    moderate(user: SessionUser, id: string, change: { pinned?: boolean; locked?: boolean }) {
      // Unreadable and nonexistent threads get the same 404; readers who do not moderate get 403.
      if (!readableThread(db, user, id).canModerate) throw forbidden('Seuls les animateurs et la coordination modèrent les discussions.');
      if (change.pinned !== undefined || change.locked !== undefined) db.update(threads).set(change).where(eq(threads.id, id)).run();
      announce.threadUpdated(id);
      return detail(user, id);
    },

    move(user: SessionUser, id: string, target: { groupId?: string; categoryId?: string }) {
      if (!readableThread(db, user, id).canModerate) throw forbidden('Seuls les animateurs et la coordination modèrent les discussions.');
      const scope = { groupId: target.groupId ?? null, categoryId: target.categoryId ?? null };
      if (!scopeAccess(db, user, scope).canModerate) throw forbidden("Vous ne pouvez déplacer une discussion que vers un espace que vous modérez.");
      // The linked document belongs to the old group: the link does not travel.
      db.update(threads).set({ ...scope, documentId: null }).where(eq(threads.id, id)).run();
      recheckThread(app, id);
      announce.threadUpdated(id);
      return detail(user, id);
    },

    markRead(user: SessionUser, id: string, messageId: number) {
      readableThread(db, user, id);
      listStatements(db).markRead.run({ threadId: id, userId: user.id, messageId, readAt: new Date() });
      notifications.markThreadRead(user.id, id);
    },
  };
}
