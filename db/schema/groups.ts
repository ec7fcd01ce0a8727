import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { users } from './members';

export const groups = sqliteTable('groups', {
  id: id(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** JSON array of theme labels (disease, population). */
  themes: text('themes', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /** public | platform | private */
  visibility: text('visibility').notNull(),
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
    /** lead | member | observer */
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user_idx').on(t.userId)],
);
