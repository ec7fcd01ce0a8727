import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { organisations } from './organisations';
import { users } from './members';

/** Single-use, expiring invitations. Only the token's hash is stored. */
export const invitations = sqliteTable('invitations', {
  id: id(),
  tokenHash: text('token_hash').notNull().unique(),
  email: text('email').notNull(),
  role: text('role').notNull(),
  organisationId: text('organisation_id').notNull().references(() => organisations.id),
  invitedBy: text('invited_by').notNull().references(() => users.id),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  acceptedAt: timestamp('accepted_at'),
  revokedAt: timestamp('revoked_at'),
  createdAt: createdAt(),
});
