import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';

export const organisations = sqliteTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  /** One of ORGANISATION_TYPES in shared/organisations.schema.ts. */
  type: text('type').notNull(),
  departement: text('departement').notNull(),
  createdAt: createdAt(),
});
