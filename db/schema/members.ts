import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { organisations } from './organisations';
import { PLATFORM_ROLES } from '../../shared/roles';

/** Accounts. "members" is the feature name: the people of the platform and their profiles. */
export const users = sqliteTable(
  'users',
  {
    id: id(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: PLATFORM_ROLES }).notNull(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    profession: text('profession').notNull().default(''),
    departement: text('departement').notNull().default(''),
    bio: text('bio').notNull().default(''),
    locale: text('locale').notNull().default('fr'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('users_organisation_idx').on(t.organisationId)],
);
