import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { users } from './members';
import { documents } from './documents';

/**
 * Versions of record of a document: what a lead published to the public library, numbered 1, 2, 3…
 * per document, with the change note, and frozen (Yjs state, title and themes at that moment) so
 * that later edits of the working text never reach visitors. Never deleted by unpublishing; they
 * go with the document when it is deleted for good.
 */
export const documentPublications = sqliteTable(
  'document_publications',
  {
    id: id(),
    documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    note: text('note').notNull(),
    title: text('title').notNull(),
    themes: text('themes', { mode: 'json' }).$type<string[]>().notNull().default([]),
    state: blob('state', { mode: 'buffer' }).notNull(),
    publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: createdAt(),
  },
  (t) => [uniqueIndex('document_publications_number_idx').on(t.documentId, t.number), index('document_publications_at_idx').on(t.publishedAt)],
);
