import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { users } from './members';
import { groups } from './groups';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, VERSION_KINDS } from '../../shared/documents.schema';

/** A co-edited document of a working group: its metadata. The text lives in the Yjs tables below. */
export const documents = sqliteTable(
  'documents',
  {
    id: id(),
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    /** The working text's review status ("published" belongs to versions of record). */
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('draft'),
    /**
     * The number of the version of record the public library shows (document_publications); null
     * while the document is not in the library (never published, or unpublished: its versions stay).
     */
    publishedVersion: integer('published_version'),
    themes: text('themes', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    /** Set when the document is in the group's trash. */
    deletedAt: timestamp('deleted_at'),
    deletedBy: text('deleted_by').references(() => users.id),
  },
  (t) => [index('documents_group_idx').on(t.groupId)],
);

/**
 * The update log: every Yjs update accepted from a client, written before it is broadcast.
 * Compaction folds a prefix of it into the snapshot, in one transaction.
 */
export const documentUpdates = sqliteTable(
  'document_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    data: blob('data', { mode: 'buffer' }).notNull(),
    userId: text('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('document_updates_doc_idx').on(t.documentId, t.id)],
);

/** The compacted state of a document: Y.encodeStateAsUpdate of every update up to `throughUpdateId`. */
export const documentSnapshots = sqliteTable('document_snapshots', {
  documentId: text('document_id').primaryKey().references(() => documents.id, { onDelete: 'cascade' }),
  state: blob('state', { mode: 'buffer' }).notNull(),
  throughUpdateId: integer('through_update_id').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  /**
   * The fingerprint of the editor schema this state was found valid against (collab/schema-fingerprint.ts),
   * null when never checked: a state checked against the current schema opens without a whole check.
   */
  checkedSchema: text('checked_schema'),
});

/**
 * Versions of a document: automatic (after a pause, or every few minutes of activity), named by a
 * person, or recorded before a restore. Each holds the full Yjs state at that moment, so opening
 * one never replays the log.
 */
export const documentVersions = sqliteTable(
  'document_versions',
  {
    id: id(),
    documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: VERSION_KINDS }).notNull(),
    name: text('name'),
    state: blob('state', { mode: 'buffer' }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('document_versions_doc_idx').on(t.documentId, t.createdAt)],
);
