import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { users } from './members';

/**
 * Need indicators the coordination imports (CSV: département, disease, indicator, value, year,
 * source), e.g. people with a condition by département from the Assurance Maladie's open data.
 * One value per département, condition, indicator and year: a later import of the same key
 * replaces it. `condition_code` is '*' for a figure about every condition together.
 */
export const needIndicators = sqliteTable(
  'need_indicators',
  {
    id: id(),
    departement: text('departement').notNull(),
    conditionCode: text('condition_code').notNull(),
    /** A slug of the label ("personnes_concernees"): the same indicator however it was spelt. */
    indicator: text('indicator').notNull(),
    /** The label as the coordination wrote it, shown when the slug has no translation. */
    label: text('label').notNull(),
    value: real('value').notNull(),
    year: integer('year').notNull(),
    source: text('source').notNull(),
    /** Demonstration figures, shown as such wherever they appear. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    importedBy: text('imported_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('need_indicators_key').on(t.departement, t.conditionCode, t.indicator, t.year),
    index('need_indicators_condition_idx').on(t.conditionCode, t.indicator),
  ],
);
