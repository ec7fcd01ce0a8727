import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns';
import { users } from './members';
import { organisations } from './organisations';
import { groups } from './groups';
import type { QuestionnaireContent } from '../../shared/structure-needs.schema';
import type { Answers } from '../../shared/structure-needs.answers';

/**
 * The needs questionnaire of structures, one version per year (seed 004's shared form). Its
 * content (sections and questions) is one JSON value checked by shared/structure-needs.schema.ts;
 * it is frozen once a structure has answered that year.
 */
export const structureNeedQuestionnaires = sqliteTable('structure_need_questionnaires', {
  id: id(),
  year: integer('year').notNull().unique(),
  content: text('content', { mode: 'json' }).$type<QuestionnaireContent>().notNull(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  createdAt: createdAt(),
});

/** Groups whose members may read a year's answers and synthesis, besides the coordination. */
export const structureNeedReaders = sqliteTable(
  'structure_need_readers',
  {
    questionnaireId: text('questionnaire_id').notNull().references(() => structureNeedQuestionnaires.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.questionnaireId, t.groupId] })],
);

/**
 * One structure's answers for one year. `answers` is the working copy anyone of the structure
 * edits (autosaved); `submittedAnswers` what was last sent, the only part others read and count.
 */
export const structureNeedAnswers = sqliteTable(
  'structure_need_answers',
  {
    id: id(),
    questionnaireId: text('questionnaire_id').notNull().references(() => structureNeedQuestionnaires.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    answers: text('answers', { mode: 'json' }).$type<Answers>().notNull(),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
    submittedAnswers: text('submitted_answers', { mode: 'json' }).$type<Answers>(),
    submittedBy: text('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('structure_need_answers_key').on(t.questionnaireId, t.organisationId)],
);
