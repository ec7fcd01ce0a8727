import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './members';
import { documents } from './documents';

/**
 * When each person last had each document open: the home page lists what others changed since.
 * Per document rather than one "last visit" per person, so reading one document does not hide
 * the news of the others, and reloading the home page hides nothing.
 */
export const documentVisits = sqliteTable(
  'document_visits',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    visitedAt: integer('visited_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.documentId] })],
);
