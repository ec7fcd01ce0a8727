import { z } from 'zod';
import { STRUCTURE_NEEDS_LIMITS as L } from './limits';
import { needAxisSchema } from './structure-needs.axes';

/**
 * The needs questionnaire of structures (seed 004's shared form), one version per year. Its shape
 * is checked here on both sides: the coordination's editor and the server that stores it.
 */
export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'short_text', 'long_text'] as const;
export const questionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof questionKindSchema>;
export const CHOICE_KINDS: readonly QuestionKind[] = ['single', 'multiple'];
export const TEXT_KINDS: readonly QuestionKind[] = ['short_text', 'long_text'];
/** A scale runs from 1 to 5; its two ends carry words ("pas du tout" … "tout à fait"). */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** Ids are kept from one year to the next, so last year's answer can prefill this year's question. */
const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'Identifiant : lettres minuscules, chiffres, - et _.').max(L.idMax);
const text = (max: number) => z.string().trim().max(max);

export const choiceSchema = z.object({ id: idSchema, label: text(L.choiceLabelMax).min(1) });

export const questionSchema = z.object({
  id: idSchema,
  kind: questionKindSchema,
  label: text(L.labelMax).min(1),
  help: text(L.helpMax).default(''),
  required: z.boolean().default(false),
  choices: z.array(choiceSchema).max(L.choicesMax).default([]),
  scale: z.object({ low: text(L.scaleLabelMax).min(1), high: text(L.scaleLabelMax).min(1) }).nullable().default(null),
}).superRefine((q, ctx) => {
  const choice = CHOICE_KINDS.includes(q.kind);
  if (choice && q.choices.length < 2) ctx.addIssue({ code: 'custom', path: ['choices'], message: `La question « ${q.label} » propose au moins deux choix.`, params: { i18n: 'needs_choices_min' } });
  if (!choice && q.choices.length > 0) ctx.addIssue({ code: 'custom', path: ['choices'], message: `La question « ${q.label} » n’est pas à choix : elle ne propose pas de choix.`, params: { i18n: 'needs_choices_unexpected' } });
  if (new Set(q.choices.map((c) => c.id)).size !== q.choices.length) ctx.addIssue({ code: 'custom', path: ['choices'], message: `Deux choix de la question « ${q.label} » ont le même identifiant.`, params: { i18n: 'needs_ids_repeat' } });
  if (q.kind === 'scale' && !q.scale) ctx.addIssue({ code: 'custom', path: ['scale'], message: `L’échelle de la question « ${q.label} » nomme ses deux extrémités.`, params: { i18n: 'needs_scale_labels' } });
});
export type Question = z.output<typeof questionSchema>;

export const sectionSchema = z.object({
  id: idSchema,
  title: text(L.titleMax).min(1),
  intro: text(L.helpMax).default(''),
  /** The axis of seed 004 this section speaks of, so that actions answering it can point at it. */
  axis: needAxisSchema.nullable().default(null),
  questions: z.array(questionSchema).min(1).max(L.questionsPerSectionMax),
});
export type Section = z.output<typeof sectionSchema>;

export const questionnaireContentSchema = z.object({
  sections: z.array(sectionSchema).min(1).max(L.sectionsMax),
}).superRefine((c, ctx) => {
  const questions = c.sections.flatMap((s) => s.questions);
  if (questions.length > L.questionsMax) ctx.addIssue({ code: 'custom', path: ['sections'], message: `Au plus ${L.questionsMax} questions en tout.`, params: { i18n: 'needs_questions_max', max: L.questionsMax } });
  if (new Set(questions.map((q) => q.id)).size !== questions.length) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'Deux questions ont le même identifiant.', params: { i18n: 'needs_ids_repeat' } });
  if (new Set(c.sections.map((s) => s.id)).size !== c.sections.length) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'Deux sections ont le même identifiant.', params: { i18n: 'needs_ids_repeat' } });
});
export type QuestionnaireContent = z.output<typeof questionnaireContentSchema>;
export type QuestionnaireContentInput = z.input<typeof questionnaireContentSchema>;

/** The year in France now: the questionnaire "of 2026" is the one structures fill in 2026. */
export const parisYear = (now = new Date()): number =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now));

export const yearSchema = z.coerce.number().int().min(L.firstYear).max(L.lastYear);
export const yearParamsSchema = z.object({ year: yearSchema });
export const organisationParamsSchema = z.object({ year: yearSchema, organisationId: z.string().min(1).max(64) });

const groupRefSchema = z.object({ id: z.string(), name: z.string() });

/** A year's questionnaire as read by anyone signed in; `frozen` once a structure has answered. */
export const questionnaireSchema = z.object({
  year: z.number().int(),
  content: questionnaireContentSchema,
  frozen: z.boolean(),
  readers: z.array(groupRefSchema),
  updatedAt: z.string(),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;
export const questionnaireReplySchema = z.object({ questionnaire: questionnaireSchema });

export const questionnaireSaveSchema = z.object({ content: questionnaireContentSchema });
export const questionnaireCreateSchema = z.object({
  year: yearSchema,
  /** The year whose questions are copied; the default questionnaire when absent. */
  copyFrom: yearSchema.nullable().default(null),
});
export const readersSaveSchema = z.object({ groupIds: z.array(z.string().min(1).max(64)).max(L.readerGroupsMax) });

/** What the person may do, so the client shows only the doors that open. */
export const needsRightsSchema = z.object({
  editQuestionnaire: z.boolean(),
  fill: z.boolean(),
  /** Read every structure's answers and the synthesis of that year. */
  readAll: z.boolean(),
});

export const yearsReplySchema = z.object({
  years: z.array(z.object({
    year: z.number().int(),
    frozen: z.boolean(),
    submitted: z.number().int(),
    rights: needsRightsSchema,
  })),
  organisation: z.object({ id: z.string(), name: z.string() }),
  canCreate: z.boolean(),
});
export type YearsReply = z.infer<typeof yearsReplySchema>;
