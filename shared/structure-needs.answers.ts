import { z } from 'zod';
import { STRUCTURE_NEEDS_LIMITS as L } from './limits';
import { CHOICE_KINDS, SCALE_MAX, SCALE_MIN, type QuestionnaireContent } from './structure-needs.schema';

/**
 * One structure's answers for a year, and their check against that year's questionnaire. The
 * check is shared: the form shows the same errors the server answers with.
 */
export const answerValueSchema = z.union([
  z.string().max(L.longTextMax),
  z.array(z.string().max(L.idMax)).max(L.choicesMax),
  z.number().int(),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const answersSchema = z.record(z.string().max(L.idMax), answerValueSchema)
  .refine((a) => Object.keys(a).length <= L.questionsMax, { message: `Au plus ${L.questionsMax} réponses.` });
export type Answers = z.infer<typeof answersSchema>;

export const answersSaveSchema = z.object({ answers: answersSchema });

/** Why an answer is refused; the client words each code in the person's language. */
export const ANSWER_PROBLEMS = ['unknown_question', 'wrong_type', 'invalid_choice', 'too_long', 'out_of_scale', 'required'] as const;
export type AnswerProblem = (typeof ANSWER_PROBLEMS)[number];
export interface AnswerIssue { questionId: string; problem: AnswerProblem; message: string }

/** Empty answers ('' or []) are no answer: dropped before storing and counting. */
export function withoutEmpty(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => !(v === '' || (Array.isArray(v) && v.length === 0))));
}

/**
 * Every problem of `answers` against `content`. A draft may leave required questions empty;
 * a submission may not. Text is measured trimmed, as it is stored.
 */
export function checkAnswers(content: QuestionnaireContent, answers: Answers, mode: 'draft' | 'submit'): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const questions = new Map(content.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const given = withoutEmpty(answers);
  for (const [id, value] of Object.entries(given)) {
    const q = questions.get(id);
    if (!q) { issues.push({ questionId: id, problem: 'unknown_question', message: `La question « ${id} » n’existe pas dans ce questionnaire.` }); continue; }
    const fail = (problem: AnswerProblem, message: string) => issues.push({ questionId: id, problem, message: `« ${q.label} » : ${message}` });
    const offered = new Set(q.choices.map((c) => c.id));
    if (q.kind === 'single') {
      if (typeof value !== 'string') fail('wrong_type', 'un seul choix est attendu.');
      else if (!offered.has(value)) fail('invalid_choice', `le choix « ${value} » n’est pas proposé.`);
    } else if (q.kind === 'multiple') {
      if (!Array.isArray(value)) fail('wrong_type', 'une liste de choix est attendue.');
      else {
        const wrong = value.find((v) => !offered.has(v));
        if (wrong !== undefined) fail('invalid_choice', `le choix « ${wrong} » n’est pas proposé.`);
        else if (new Set(value).size !== value.length) fail('invalid_choice', 'un choix est donné deux fois.');
      }
    } else if (q.kind === 'scale') {
      if (typeof value !== 'number' || value < SCALE_MIN || value > SCALE_MAX) fail('out_of_scale', `une note de ${SCALE_MIN} à ${SCALE_MAX} est attendue.`);
    } else if (typeof value !== 'string') {
      fail('wrong_type', 'un texte est attendu.');
    } else {
      const max = q.kind === 'short_text' ? L.shortTextMax : L.longTextMax;
      if (value.trim().length > max) fail('too_long', `au plus ${max} caractères (${value.trim().length} saisis).`);
    }
  }
  if (mode === 'submit') {
    for (const q of questions.values()) {
      if (q.required && given[q.id] === undefined) issues.push({ questionId: q.id, problem: 'required', message: `« ${q.label} » : une réponse est obligatoire.` });
    }
  }
  return issues;
}

/** Trimmed texts, no empty answers: what is stored. */
export function normaliseAnswers(answers: Answers): Answers {
  const trimmed = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
  return withoutEmpty(trimmed);
}

/**
 * Last year's answers that still fit this year's questions (same id, same kind, choices still
 * offered), to prefill the form when a structure revises its needs.
 */
export function carryOver(previous: QuestionnaireContent, next: QuestionnaireContent, answers: Answers): Answers {
  const before = new Map(previous.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const kept: Answers = {};
  for (const q of next.sections.flatMap((s) => s.questions)) {
    const old = before.get(q.id);
    const value = answers[q.id];
    if (!old || old.kind !== q.kind || value === undefined) continue;
    if (CHOICE_KINDS.includes(q.kind)) {
      const offered = new Set(q.choices.map((c) => c.id));
      const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && offered.has(v));
      if (values.length) kept[q.id] = q.kind === 'single' ? values[0] : values;
    } else kept[q.id] = value;
  }
  return kept;
}

const personSchema = z.object({ id: z.string(), name: z.string() });
export const organisationRefSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), departement: z.string() });

/** new: nothing saved yet; changed: saved after the last submission, not sent again. */
export const ANSWER_STATUSES = ['new', 'draft', 'submitted', 'changed'] as const;

export const answerSetSchema = z.object({
  year: z.number().int(),
  organisation: organisationRefSchema,
  answers: answersSchema,
  status: z.enum(ANSWER_STATUSES),
  /** The year whose answers prefilled a form never saved this year. */
  prefilledFrom: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: personSchema.nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: personSchema.nullable(),
});
export type AnswerSet = z.infer<typeof answerSetSchema>;
export const answerSetReplySchema = z.object({ answerSet: answerSetSchema });

/** The submitted answer sets of a year, for the coordination and the groups it opened them to. */
export const answerListReplySchema = z.object({
  year: z.number().int(),
  answerSets: z.array(answerSetSchema.omit({ answers: true, prefilledFrom: true })),
});
export type AnswerListReply = z.infer<typeof answerListReplySchema>;
