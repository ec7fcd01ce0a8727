import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { users } from './members';
import { documents } from './documents';

/**
 * A comment thread on a passage of a document. The passage is anchored by two Yjs relative
 * positions (encoded, base64) in the document's `default` fragment, never character offsets, so it
 * follows the text as others edit around it. The quote is the passage as it read when the thread
 * was opened: shown when the passage has since been deleted. Deleted with the document.
 */
export const commentThreads = sqliteTable(
  'comment_threads',
  {
    id: id(),
    documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    anchorStart: text('anchor_start').notNull(),
    anchorEnd: text('anchor_end').notNull(),
    quote: text('quote').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    /** Set while the thread is resolved; reopening clears both. */
    resolvedAt: timestamp('resolved_at'),
    resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('comment_threads_document_idx').on(t.documentId)],
);

/** One comment of a thread: the first opens it, the others reply. Plain text with @mentions. */
export const comments = sqliteTable(
  'comments',
  {
    id: id(),
    threadId: text('thread_id').notNull().references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** Ids of the people mentioned who may read the document (checked when written). */
    mentions: text('mentions', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at'),
    /** A deleted comment keeps its place in the thread ("commentaire supprimé"), not its text. */
    deletedAt: timestamp('deleted_at'),
    /** Order inside a thread (ids are random). */
    position: integer('position').notNull(),
  },
  (t) => [index('comments_thread_idx').on(t.threadId, t.position)],
);
