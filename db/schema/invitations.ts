import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { organisations } from './organisations';
import { users } from './members';
import { groups } from './groups';
import { GROUP_ROLES, PLATFORM_ROLES } from '../../shared/roles';

/** Single-use, expiring invitations. Only the token's hash is stored. */
export const invitations = sqliteTable('invitations', {
  id: id(),
  tokenHash: text('token_hash').notNull().unique(),
  email: text('email').notNull(),
  role: text('role', { enum: PLATFORM_ROLES }).notNull(),
  organisationId: text('organisation_id').notNull().references(() => organisations.id),
  invitedBy: text('invited_by').notNull().references(() => users.id),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  acceptedAt: timestamp('accepted_at'),
  revokedAt: timestamp('revoked_at'),
  createdAt: createdAt(),
  /**
   * A lead's invitation into their group: the new account joins it with `groupRole`. No cascade:
   * SQLite cannot add one to an existing table, and groups are never deleted (archive them instead).
   */
  groupId: text('group_id').references(() => groups.id),
  groupRole: text('group_role', { enum: GROUP_ROLES }),
  /** The invitee picks their organisation among existing ones (else `organisationId`, the lead's). */
  inviteeChoosesOrganisation: integer('invitee_chooses_organisation', { mode: 'boolean' }).notNull().default(false),
});

/**
 * What coordinators allow leads to do with invitations: one row, id 'platform'. Absent, the
 * defaults of LEAD_INVITATIONS (shared/limits.ts) apply.
 */
export const invitationSettings = sqliteTable('invitation_settings', {
  id: text('id').primaryKey(),
  leadsMayInvite: integer('leads_may_invite', { mode: 'boolean' }).notNull(),
  pendingPerLead: integer('pending_per_lead').notNull(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
