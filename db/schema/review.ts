import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { users } from './members';
import { documentVersions, documents } from './documents';
import { REVIEW_DECISIONS, REVIEW_STATES } from '../../shared/review.schema';

/**
 * A review round of a document: someone sends it for review naming reviewers; it stays open until
 * a lead validates (all approvals in, or overridden with a note) or the document goes back to draft.
 */
export const reviewRequests = sqliteTable(
  'review_requests',
  {
    id: id(),
    documentId: text('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    message: text('message').notNull().default(''),
    state: text('state', { enum: REVIEW_STATES }).notNull().default('open'),
    closedBy: text('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at'),
    /** Required when a lead validates without every approval. */
    closeNote: text('close_note'),
    createdAt: createdAt(),
  },
  (t) => [index('review_requests_doc_idx').on(t.documentId, t.createdAt)],
);

/** The people named to review a round. */
export const reviewReviewers = sqliteTable(
  'review_reviewers',
  {
    requestId: text('request_id').notNull().references(() => reviewRequests.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.userId] })],
);

/**
 * Each decision of a reviewer, kept in order (the latest counts). An approval points at the named
 * version recorded at that moment: the state approved, compared later with the current text.
 */
export const reviewDecisions = sqliteTable(
  'review_decisions',
  {
    id: id(),
    requestId: text('request_id').notNull().references(() => reviewRequests.id, { onDelete: 'cascade' }),
    reviewerId: text('reviewer_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
    note: text('note').notNull().default(''),
    versionId: text('version_id').references(() => documentVersions.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('review_decisions_request_idx').on(t.requestId, t.createdAt)],
);
