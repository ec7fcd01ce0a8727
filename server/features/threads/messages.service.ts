import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client';
import { preparedPerDb } from '../../../db/prepared';
import { messageAttachments, messageEdits, threadMessages, threads } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { Message, MessageInput } from '../../../shared/threads.schema';
import { badRequest, forbidden, notFound } from '../../core/errors';
import { mentionedIds, renderMarkdown } from './markdown';
import { presentMessages, type MessageRow } from './threads.present';
import { threadAccess, threadScope, type ThreadAccess, type ThreadScope } from './threads.policy';
import { live } from './threads.live';
import { notificationsService } from './notifications.service';
import { readersOf } from './readers';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A thread's pages of messages (the latest, older ones, those after a reconnect), prepared once per database. */
const pageStatements = preparedPerDb((db) => {
  const inThread = eq(threadMessages.threadId, sql.placeholder('threadId'));
  return {
    latest: db.select().from(threadMessages).where(inThread).orderBy(desc(threadMessages.id)).limit(sql.placeholder('limit')).prepare(),
    before: db.select().from(threadMessages).where(and(inThread, lt(threadMessages.id, sql.placeholder('id'))))
      .orderBy(desc(threadMessages.id)).limit(sql.placeholder('limit')).prepare(),
    after: db.select().from(threadMessages).where(and(inThread, gt(threadMessages.id, sql.placeholder('id'))))
      .orderBy(asc(threadMessages.id)).limit(sql.placeholder('limit')).prepare(),
  };
});

/** Reads a thread or says why not (404 when it may not be seen at all, so ids leak nothing). */
export function readableThread(db: Db, user: SessionUser, threadId: string): ThreadAccess {
  const access = threadAccess(db, user, threadId);
  if (!access.canRead) throw notFound('Cette discussion');
  return access;
}

/**
 * A message and the reader's rights on its thread. A message in a thread the person may not read
 * gets the very same 404 as one that does not exist: ids are sequential, and a different answer
 * would tell outsiders how busy a private group is.
 */
export function readableMessage(db: Db, user: SessionUser, messageId: number): { row: MessageRow; access: ThreadAccess } {
  const row = db.select().from(threadMessages).where(eq(threadMessages.id, messageId)).get();
  const access = row ? threadAccess(db, user, row.threadId) : null;
  if (!row || !access?.canRead) throw notFound('Ce message');
  return { row, access };
}

/** Renders a source with mentions resolved against the people who may read the thread. */
export function render(db: Db, scope: ThreadScope | null, source: string): { html: string; mentions: string[] } {
  const asked = mentionedIds(source);
  const allowed = asked.length && scope ? readersOf(db, scope, asked) : [];
  return { html: renderMarkdown(source, new Set(allowed)), mentions: allowed };
}

/** Inserts a message inside a transaction the caller holds; attachments uploaded by the author join it. */
export function insertMessage(tx: Tx, authorId: string, threadId: string, input: MessageInput, html: string): MessageRow {
  const row = tx.insert(threadMessages).values({
    threadId, authorId, clientId: input.clientId, parentId: input.parentId ?? null, source: input.body, html,
  }).returning().get();
  for (const attachmentId of input.attachmentIds) {
    const done = tx.update(messageAttachments).set({ messageId: row.id })
      .where(and(eq(messageAttachments.id, attachmentId), eq(messageAttachments.uploaderId, authorId), isNull(messageAttachments.messageId))).run();
    if (done.changes !== 1) throw badRequest('Une pièce jointe est introuvable ou déjà utilisée.', 'attachment_unknown');
  }
  tx.update(threads).set({ lastMessageAt: row.createdAt, lastMessageId: row.id, messageCount: sql`${threads.messageCount} + 1` })
    .where(eq(threads.id, threadId)).run();
  return row;
}

export function messagesService(app: FastifyInstance) {
  const { db } = app;
  const announce = live(app);
  const notifications = notificationsService(app);
  const present = (row: MessageRow, canModerate = false) => presentMessages(db, [row], { canModerate })[0];

  const existing = (authorId: string, clientId: string) =>
    db.select().from(threadMessages).where(and(eq(threadMessages.authorId, authorId), eq(threadMessages.clientId, clientId))).get();

  return {
    /** Latest page by default; `before` loads older ones, `after` catches up after a reconnect. */
    page(user: SessionUser, threadId: string, q: { before?: number; after?: number; limit: number }) {
      const access = readableThread(db, user, threadId);
      const prepared = pageStatements(db);
      // One more than asked: whether there is more to load.
      const limit = q.limit + 1;
      const rows = q.after !== undefined
        ? prepared.after.all({ threadId, id: q.after, limit })
        : (q.before !== undefined ? prepared.before.all({ threadId, id: q.before, limit }) : prepared.latest.all({ threadId, limit })).reverse();
      const hasMore = rows.length > q.limit;
      const page = hasMore ? (q.after !== undefined ? rows.slice(0, q.limit) : rows.slice(1)) : rows;
      return { messages: presentMessages(db, page, access), hasMore };
    },

    /** Posts a reply. The same clientId from the same author returns the stored message instead. */
    post(user: SessionUser, threadId: string, input: MessageInput): { message: Message; created: boolean } {
      const access = readableThread(db, user, threadId);
      const again = existing(user.id, input.clientId);
      if (again) {
        if (again.threadId !== threadId) throw badRequest('Cet identifiant de message est déjà utilisé.', 'client_id_reused');
        return { message: present(again, access.canModerate), created: false };
      }
      if (access.muted) throw forbidden('Vous ne pouvez plus publier ici : la modération a suspendu vos messages.');
      if (!access.canReply) throw forbidden(access.canPost ? 'Cette discussion est verrouillée : elle ne reçoit plus de réponses.' : "Vous pouvez lire cette discussion mais pas y répondre.");
      let parentAuthorId: string | null = null;
      if (input.parentId) {
        const parent = db.select().from(threadMessages).where(eq(threadMessages.id, input.parentId)).get();
        if (!parent || parent.threadId !== threadId) throw badRequest('Le message auquel vous répondez est introuvable.');
        parentAuthorId = parent.authorId;
      }
      const { html, mentions } = render(db, threadScope(db, threadId), input.body);
      const row = db.transaction((tx) => insertMessage(tx, user.id, threadId, input, html));
      const message = present(row, access.canModerate);
      const scope = threadScope(db, threadId)!;
      announce.message(message);
      announce.activity(scope, { threadId, groupId: scope.groupId, categoryId: scope.categoryId, messageId: row.id, authorId: user.id, at: row.createdAt.toISOString() });
      notifications.afterMessage(row, { mentions, parentAuthorId });
      return { message, created: true };
    },

    /**
     * Edits keep the previous version in the visible history. Editing is posting again: it needs
     * today's right to post (an observer, or a thread locked since, keeps earlier messages as they
     * are), except that moderators may still correct their own words in a thread they locked.
     */
    edit(user: SessionUser, messageId: number, body: string): Message {
      const { row, access } = readableMessage(db, user, messageId);
      if (row.authorId !== user.id) throw forbidden('Seul son auteur peut modifier un message.');
      if (row.deletedAt || row.hiddenAt) throw badRequest('Ce message ne peut plus être modifié.');
      if (access.muted) throw forbidden('Vous ne pouvez plus publier ici : la modération a suspendu vos messages.');
      if (!access.canPost) throw forbidden('Vous pouvez lire cette discussion mais plus y écrire : vos messages ne peuvent plus être modifiés.');
      if (!access.canReply && !access.canModerate) throw forbidden('Cette discussion est verrouillée : ses messages ne peuvent plus être modifiés.');
      if (row.source === body) return present(row, access.canModerate);
      const scope = threadScope(db, row.threadId);
      const { html, mentions } = render(db, scope, body);
      const before = new Set(mentionedIds(row.source));
      const updated = db.transaction((tx) => {
        tx.insert(messageEdits).values({ messageId, source: row.source, html: row.html, writtenAt: row.editedAt ?? row.createdAt }).run();
        return tx.update(threadMessages).set({ source: body, html, editedAt: new Date() }).where(eq(threadMessages.id, messageId)).returning().get();
      });
      const message = present(updated, access.canModerate);
      announce.messageUpdated(present(updated));
      // Someone mentioned only in the new version is told, once.
      notifications.afterMessage(updated, { mentions: mentions.filter((id) => !before.has(id)), parentAuthorId: null });
      return message;
    },

    /** Deleting leaves "message supprimé" in place so replies keep their context. */
    remove(user: SessionUser, messageId: number): Message {
      const { row, access } = readableMessage(db, user, messageId);
      if (row.authorId !== user.id && !access.canModerate) throw forbidden('Seuls son auteur et la modération peuvent supprimer un message.');
      const updated = db.update(threadMessages).set({ deletedAt: row.deletedAt ?? new Date() })
        .where(eq(threadMessages.id, messageId)).returning().get();
      const message = present(updated, access.canModerate);
      announce.messageUpdated(message);
      return message;
    },

    history(user: SessionUser, messageId: number) {
      const { row, access } = readableMessage(db, user, messageId);
      if (row.deletedAt || (row.hiddenAt && !access.canModerate)) return { versions: [] };
      const versions = db.select().from(messageEdits).where(eq(messageEdits.messageId, messageId)).orderBy(asc(messageEdits.id)).all();
      return { versions: versions.map((v) => ({ html: v.html, writtenAt: v.writtenAt.toISOString() })) };
    },
  };
}
