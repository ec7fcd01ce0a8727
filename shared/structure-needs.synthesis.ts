import { z } from 'zod';
import { questionKindSchema } from './structure-needs.schema';

/**
 * The synthesis of a year's submitted answers: for each question, how many structures gave each
 * answer, split by département and by kind of structure (organisation type), the scale averages,
 * and the free texts with the structure that wrote them.
 */
const countsSchema = z.record(z.string(), z.number().int());
const averagesSchema = z.record(z.string(), z.number());

export const synthesisCountSchema = z.object({
  /** A choice id, or the scale's value as text ("1" … "5"). */
  value: z.string(),
  label: z.string(),
  total: z.number().int(),
  byDepartement: countsSchema,
  byKind: countsSchema,
});

export const synthesisQuestionSchema = z.object({
  id: z.string(),
  sectionId: z.string(),
  sectionTitle: z.string(),
  label: z.string(),
  kind: questionKindSchema,
  /** Structures that answered this question. */
  answered: z.number().int(),
  counts: z.array(synthesisCountSchema),
  average: z.number().nullable(),
  averageByDepartement: averagesSchema,
  averageByKind: averagesSchema,
  texts: z.array(z.object({ organisationId: z.string(), organisationName: z.string(), text: z.string() })),
});
export type SynthesisQuestion = z.infer<typeof synthesisQuestionSchema>;

export const synthesisSchema = z.object({
  year: z.number().int(),
  /** Structures that submitted their answers, in all and per département and kind. */
  respondents: z.number().int(),
  respondentsByDepartement: countsSchema,
  respondentsByKind: countsSchema,
  questions: z.array(synthesisQuestionSchema),
});
export type Synthesis = z.infer<typeof synthesisSchema>;
export const synthesisReplySchema = z.object({ synthesis: synthesisSchema });
