import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id } from './columns';
import { users } from './members';
import { documents } from './documents';
import { programmes } from './programmes';
import { EVALUATION_KINDS, EVALUATION_STATES } from '../../shared/programmes.evaluations.schema';

/**
 * What a programme team recorded about one of its evaluations. The due dates are not stored:
 * they follow from the declaration date (shared/programmes.evaluations.schema.ts), and a row is
 * keyed by the evaluation's rank (annual n°3, quadrennial n°1), so a corrected declaration date
 * moves the dates without losing what was recorded. No row means "to do".
 */
export const programmeEvaluations = sqliteTable(
  'programme_evaluations',
  {
    id: id(),
    programmeId: text('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EVALUATION_KINDS }).notNull(),
    /** 1 for the first evaluation of that kind after the declaration, 2 for the next … */
    rank: integer('rank').notNull(),
    state: text('state', { enum: EVALUATION_STATES }).notNull(),
    /** The working document, made from the evaluation templates in the programme's group. */
    documentId: text('document_id').references(() => documents.id, { onDelete: 'set null' }),
    /** YYYY-MM-DD, when done. */
    doneOn: text('done_on'),
    /** The annual self-evaluation's figures (null when not given). */
    patientsStarted: integer('patients_started'),
    patientsCompleted: integer('patients_completed'),
    groupSessions: integer('group_sessions'),
    individualSessions: integer('individual_sessions'),
    patientPartners: integer('patient_partners'),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex('programme_evaluations_key').on(t.programmeId, t.kind, t.rank)],
);

/**
 * Reminders e-mailed to a programme's coordinator before a due date: one row per evaluation,
 * due date and threshold (60 or 15 days), so a reminder is never sent twice, whatever the
 * scheduler does. The due date is part of the key: a corrected declaration date reminds again.
 */
export const programmeEvaluationReminders = sqliteTable(
  'programme_evaluation_reminders',
  {
    programmeId: text('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EVALUATION_KINDS }).notNull(),
    rank: integer('rank').notNull(),
    dueOn: text('due_on').notNull(),
    daysBefore: integer('days_before').notNull(),
    /** When it went out; null when it was skipped (a later threshold was already reached). */
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    sentTo: text('sent_to'),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.kind, t.rank, t.dueOn, t.daysBefore] })],
);
