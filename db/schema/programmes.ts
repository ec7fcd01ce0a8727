import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { users } from './members';
import { organisations } from './organisations';
import { documents } from './documents';
import { groups } from './groups';
import {
  PARTNER_KINDS, PROGRAMME_FORMATS, PROGRAMME_SETTINGS, PROGRAMME_STATES, REVIEW_STATES, type PROGRAMME_ADAPTATIONS, type PROGRAMME_POPULATIONS,
} from '../../shared/programmes.schema';

/**
 * The managed list of diseases and health conditions a programme addresses. Coordinators add
 * entries and retire them (`active` false) rather than delete them: old programmes keep their code.
 */
export const conditions = sqliteTable('conditions', {
  code: text('code').primaryKey(),
  labelFr: text('label_fr').notNull(),
  labelEn: text('label_en').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/**
 * An ETP programme declared to the ARS, as its holder organisation keeps it (the working copy).
 * The public never reads these columns: it reads `published_snapshot`, the last version a
 * coordinator validated (shared/programmes.schema.ts `programmePublicSchema`). The child tables
 * below (conditions, sites, partners) also hold the working copy.
 */
export const programmes = sqliteTable(
  'programmes',
  {
    id: id(),
    title: text('title').notNull(),
    holderOrganisationId: text('holder_organisation_id').notNull().references(() => organisations.id),
    coordinatorUserId: text('coordinator_user_id').references(() => users.id, { onDelete: 'set null' }),
    setting: text('setting', { enum: PROGRAMME_SETTINGS }).notNull(),
    format: text('format', { enum: PROGRAMME_FORMATS }).notNull(),
    state: text('state', { enum: PROGRAMME_STATES }).notNull().default('en_cours'),
    /** Date of the declaration to the ARS (YYYY-MM-DD); evaluations are due from it. */
    declaredAt: text('declared_at').notNull(),
    populations: text('populations', { mode: 'json' }).$type<Array<(typeof PROGRAMME_POPULATIONS)[number]>>().notNull().default([]),
    adaptations: text('adaptations', { mode: 'json' }).$type<Array<(typeof PROGRAMME_ADAPTATIONS)[number]>>().notNull().default([]),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    publicDescription: text('public_description').notNull().default(''),
    referenceDocumentId: text('reference_document_id').references(() => documents.id, { onDelete: 'set null' }),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'set null' }),
    /** The state of the working copy against the public one. */
    reviewState: text('review_state', { enum: REVIEW_STATES }).notNull().default('brouillon'),
    /** The coordinator's note on the last decision (why a change was refused). */
    reviewNote: text('review_note').notNull().default(''),
    reviewedBy: text('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at'),
    /** JSON of the public version (ProgrammePublic); null until a first version is validated. */
    publishedSnapshot: text('published_snapshot', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('programmes_holder_idx').on(t.holderOrganisationId),
    index('programmes_review_idx').on(t.reviewState),
  ],
);

export const programmeConditions = sqliteTable(
  'programme_conditions',
  {
    programmeId: text('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    conditionCode: text('condition_code').notNull().references(() => conditions.code),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.conditionCode] }),
    index('programme_conditions_code_idx').on(t.conditionCode),
  ],
);

/** Where a programme runs: one row a site. */
export const programmeSites = sqliteTable(
  'programme_sites',
  {
    id: id(),
    programmeId: text('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    commune: text('commune').notNull(),
    /** Code from shared/departements.ts. */
    departement: text('departement').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('programme_sites_programme_idx').on(t.programmeId),
    index('programme_sites_departement_idx').on(t.departement),
  ],
);

export const programmePartners = sqliteTable(
  'programme_partners',
  {
    id: id(),
    programmeId: text('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    /** Set when the partner is an organisation of Maillage; `name` is kept either way. */
    organisationId: text('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('programme_partners_programme_idx').on(t.programmeId)],
);
