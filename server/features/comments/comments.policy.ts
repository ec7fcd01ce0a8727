import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { commentThreads, comments } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { forbidden, notFound } from '../../core/errors';
import { requireDocument, type DocumentRow } from '../documents/documents.policy';
import type { GroupAccess } from '../groups/groups.policy';

export type ThreadRow = typeof commentThreads.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
type Granted = { document: DocumentRow; access: GroupAccess };

/**
 * Who may do what with comments, from the document's policy (asked on every call: roles change
 * live). Readers of the document read its comments (observers included); writers and commenters
 * comment; a comment is edited by its author and deleted by its author or a lead.
 */
export function requireCommentRead(db: Db, user: SessionUser, documentId: string): Granted {
  return requireDocument(db, user, documentId, 'read');
}

export function requireCommentWrite(db: Db, user: SessionUser, documentId: string): Granted {
  const granted = requireDocument(db, user, documentId, 'read');
  if (!granted.access.canComment) throw forbidden('Vous pouvez lire ce document mais pas le commenter.');
  return granted;
}

/** A thread and the caller's rights on its document; 404 when the document may not be read. */
export function requireThread(db: Db, user: SessionUser, threadId: string, need: 'read' | 'comment'): Granted & { thread: ThreadRow } {
  const thread = db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).get();
  if (!thread) throw notFound('Ce fil de commentaires');
  const granted = need === 'read' ? requireCommentRead(db, user, thread.documentId) : requireCommentWrite(db, user, thread.documentId);
  return { ...granted, thread };
}

/** A comment the caller may change: their own (edit), their own or any as a lead (delete). */
export function requireOwnComment(db: Db, user: SessionUser, commentId: string, need: 'edit' | 'delete'): Granted & { thread: ThreadRow; comment: CommentRow } {
  const comment = db.select().from(comments).where(eq(comments.id, commentId)).get();
  if (!comment || comment.deletedAt) throw notFound('Ce commentaire');
  const granted = requireThread(db, user, comment.threadId, 'comment');
  const mine = comment.authorId === user.id;
  if (!mine && !(need === 'delete' && granted.access.canLead)) {
    throw forbidden(need === 'edit' ? 'Vous ne pouvez modifier que vos propres commentaires.' : 'Vous ne pouvez supprimer que vos propres commentaires.');
  }
  return { ...granted, comment };
}
