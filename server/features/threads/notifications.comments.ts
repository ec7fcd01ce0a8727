import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { commentThreads, comments, documents } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { groupAccess } from '../groups/groups.policy';
import { plainExcerpt } from './markdown';

// Notifications of comments on passages (feature comments) ride on the same table, list and digest
// as the discussions' ones: these helpers say where such a notice points and who may still see it.

export interface CommentTarget {
  document: { id: string; title: string; commentThreadId: string };
  groupId: string;
  trashed: boolean;
  excerpt: string;
}

/** Where each comment points (document, thread) and its excerpt, for the comment notices given. */
export function commentTargets(db: Db, commentIds: string[]): Map<string, CommentTarget> {
  if (commentIds.length === 0) return new Map();
  const rows = db.select({
    id: comments.id, body: comments.body, deletedAt: comments.deletedAt, threadId: comments.threadId,
    documentId: documents.id, title: documents.title, groupId: documents.groupId, trashedAt: documents.deletedAt,
  }).from(comments).innerJoin(commentThreads, eq(commentThreads.id, comments.threadId)).innerJoin(documents, eq(documents.id, commentThreads.documentId))
    .where(inArray(comments.id, [...new Set(commentIds)])).all();
  return new Map(rows.map((r) => [r.id, {
    document: { id: r.documentId, title: r.title, commentThreadId: r.threadId },
    groupId: r.groupId,
    trashed: r.trashedAt !== null,
    excerpt: r.deletedAt ? '' : plainExcerpt(r.body),
  }]));
}

/** A comment notice is seen while its document may be read (not trashed, the person still in its group). */
export function mayReadComment(db: Db, user: SessionUser | null, commentId: string): boolean {
  const target = commentTargets(db, [commentId]).get(commentId);
  return !!target && !target.trashed && groupAccess(db, user, target.groupId).canRead;
}
