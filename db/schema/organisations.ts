import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { ORGANISATION_TYPES } from '../../shared/organisations.schema';

export const organisations = sqliteTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  type: text('type', { enum: ORGANISATION_TYPES }).notNull(),
  departement: text('departement').notNull(),
  createdAt: createdAt(),
});
