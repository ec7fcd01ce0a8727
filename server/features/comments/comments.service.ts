import { and, count, eq, isNull, max } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client';
import { commentThreads, comments } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { CommentThread, CommentThreadInput } from '../../../shared/comments.schema';
import { COMMENT_LIMITS } from '../../../shared/limits';
import { conflict } from '../../core/errors';
import { groupAccess } from '../groups/groups.policy';
import { asReader, notificationsService } from '../threads/notifications.service';
import { mentionedIds } from '../threads/markdown';
import { requireCommentRead, requireCommentWrite, requireOwnComment, requireThread } from './comments.policy';
import { documentThreads, presentThread } from './comments.present';
import { commentsLive } from './comments.live';

/** The people a body mentions who may read the document's group: mentions never reach others. */
export function readableMentions(db: Db, groupId: string, body: string): string[] {
  return [...new Set(mentionedIds(body))].slice(0, COMMENT_LIMITS.mentionsPerComment)
    .filter((id) => groupAccess(db, asReader(db, id), groupId).canRead);
}

/**
 * Comment threads on passages: each write checks the caller's right on the document, commits,
 * then announces the thread to the document's room and notifies the people mentioned or replied to.
 */
export function commentsService(app: FastifyInstance) {
  const { db } = app;
  const live = commentsLive(app);
  const notifications = notificationsService(app);

  /** People who took part in a thread and may still read it: they hear about replies. */
  const participants = (threadId: string, groupId: string): string[] =>
    [...new Set(db.select({ id: comments.authorId }).from(comments).where(and(eq(comments.threadId, threadId), isNull(comments.deletedAt))).all().map((r) => r.id))]
      .filter((id) => groupAccess(db, asReader(db, id), groupId).canRead);

  const announce = (threadId: string): CommentThread => {
    const thread = presentThread(db, threadId);
    live.thread(thread);
    return thread;
  };

  return {
    list(user: SessionUser, documentId: string) {
      const { document, access } = requireCommentRead(db, user, documentId);
      return { threads: documentThreads(db, documentId), groupId: document.groupId, canComment: access.canComment, canModerate: access.canComment && access.canLead };
    },

    create(user: SessionUser, documentId: string, input: CommentThreadInput): CommentThread {
      const { document } = requireCommentWrite(db, user, documentId);
      const mentions = readableMentions(db, document.groupId, input.body);
      const { threadId, commentId } = db.transaction((tx) => {
        const n = tx.select({ n: count() }).from(commentThreads).where(eq(commentThreads.documentId, documentId)).get()?.n ?? 0;
        if (n >= COMMENT_LIMITS.threadsPerDocument) {
          throw conflict(`Ce document a atteint ${COMMENT_LIMITS.threadsPerDocument} fils de commentaires : supprimez ou regroupez-en avant d’en ouvrir un autre.`, 'comment_quota');
        }
        const thread = tx.insert(commentThreads).values({
          documentId, anchorStart: input.anchorStart, anchorEnd: input.anchorEnd, quote: input.quote, createdBy: user.id,
        }).returning({ id: commentThreads.id }).get();
        const comment = tx.insert(comments).values({ threadId: thread.id, authorId: user.id, body: input.body, mentions, position: 0 })
          .returning({ id: comments.id }).get();
        return { threadId: thread.id, commentId: comment.id };
      });
      notifications.afterComment({ commentId, actorId: user.id, mentions, participants: [] });
      return announce(threadId);
    },

    reply(user: SessionUser, threadId: string, body: string): CommentThread {
      const { document } = requireThread(db, user, threadId, 'comment');
      const mentions = readableMentions(db, document.groupId, body);
      const before = participants(threadId, document.groupId);
      const commentId = db.transaction((tx) => {
        const row = tx.select({ n: count(), last: max(comments.position) }).from(comments).where(eq(comments.threadId, threadId)).get();
        if ((row?.n ?? 0) >= COMMENT_LIMITS.commentsPerThread) {
          throw conflict(`Ce fil compte déjà ${COMMENT_LIMITS.commentsPerThread} commentaires : ouvrez un nouveau fil sur le passage.`, 'comment_quota');
        }
        return tx.insert(comments).values({ threadId, authorId: user.id, body, mentions, position: (row?.last ?? -1) + 1 })
          .returning({ id: comments.id }).get().id;
      });
      notifications.afterComment({ commentId, actorId: user.id, mentions, participants: before });
      return announce(threadId);
    },

    edit(user: SessionUser, commentId: string, body: string): CommentThread {
      const { document, comment } = requireOwnComment(db, user, commentId, 'edit');
      const mentions = readableMentions(db, document.groupId, body);
      db.update(comments).set({ body, mentions, editedAt: new Date() }).where(eq(comments.id, commentId)).run();
      // Someone mentioned only in the new text is told, once.
      const added = mentions.filter((id) => !comment.mentions.includes(id));
      notifications.afterComment({ commentId, actorId: user.id, mentions: added, participants: [] });
      return announce(comment.threadId);
    },

    /** Deleting the only comment left removes the thread; otherwise the comment keeps its place. */
    remove(user: SessionUser, commentId: string): CommentThread | null {
      const { comment, thread } = requireOwnComment(db, user, commentId, 'delete');
      const others = db.select({ n: count() }).from(comments)
        .where(and(eq(comments.threadId, comment.threadId), isNull(comments.deletedAt))).get()?.n ?? 0;
      if (others <= 1) {
        db.delete(commentThreads).where(eq(commentThreads.id, thread.id)).run();
        live.removed(thread.documentId, thread.id);
        return null;
      }
      db.update(comments).set({ deletedAt: new Date(), body: '', mentions: [] }).where(eq(comments.id, commentId)).run();
      return announce(comment.threadId);
    },

    setResolved(user: SessionUser, threadId: string, resolved: boolean): CommentThread {
      requireThread(db, user, threadId, 'comment');
      db.update(commentThreads).set(resolved ? { resolvedAt: new Date(), resolvedBy: user.id } : { resolvedAt: null, resolvedBy: null })
        .where(eq(commentThreads.id, threadId)).run();
      return announce(threadId);
    },
  };
}
export type CommentsService = ReturnType<typeof commentsService>;
