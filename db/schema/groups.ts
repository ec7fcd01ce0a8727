import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { users } from './members';
import { GROUP_ROLES } from '../../shared/roles';
import { ACTIVITY_KINDS, GROUP_VISIBILITIES } from '../../shared/groups.schema';

export const groups = sqliteTable('groups', {
  id: id(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** JSON array of theme labels (disease, population). */
  themes: text('themes', { mode: 'json' }).$type<string[]>().notNull().default([]),
  visibility: text('visibility', { enum: GROUP_VISIBILITIES }).notNull(),
  /** Public groups only: whether association accounts see the group too. */
  openToAssociations: integer('open_to_associations', { mode: 'boolean' }).notNull().default(false),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
});

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: GROUP_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user_idx').on(t.userId)],
);

/** Pending requests to join a public or platform group; the row goes when a lead decides. */
export const groupJoinRequests = sqliteTable(
  'group_join_requests',
  {
    id: id(),
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** A short word to the leads (why I would like to join). */
    message: text('message').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('group_join_requests_unique').on(t.groupId, t.userId)],
);

/**
 * A group's recent activity: who changed what, when. Written by every feature through
 * `recordActivity()` (server/features/groups/activity.ts); rendered in the reader's language from `kind`.
 */
export const activity = sqliteTable(
  'activity',
  {
    id: id(),
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    /** Who did it; null once that account is gone. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** member.joined, document.edited … */
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    /** What it was done to (a person, a document, a thread), with its title at that time. */
    subjectId: text('subject_id'),
    subjectTitle: text('subject_title'),
    /** A code completing the kind: the new role, the new status. */
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [index('activity_group_idx').on(t.groupId, t.createdAt)],
);
