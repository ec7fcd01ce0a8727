import { z } from 'zod';
import { PROGRAMME_LIMITS as L, LIMITS } from './limits';
import {
  conditionSchema, partnerSchema, populationSchema, programmeFactsShape, programmePublicSchema, reviewStateSchema,
  settingSchema, stateSchema,
} from './programmes.schema';

// Requests and replies of /api/programmes beyond the programme itself: the working copy seen by
// its holders, the review queue, the public search and the CSV import.

const optionalCode = z.string().trim().max(64).optional().transform((v) => v || undefined);

/** The public search: words (accent-insensitive) and filters, all optional. */
export const publicSearchSchema = z.object({
  q: z.string().max(LIMITS.searchQueryMax).optional(),
  condition: optionalCode,
  departement: optionalCode,
  population: z.union([populationSchema, z.literal('')]).optional().transform((v) => v || undefined),
  setting: z.union([settingSchema, z.literal('')]).optional().transform((v) => v || undefined),
});
export type PublicSearch = z.input<typeof publicSearchSchema>;

export const publicListSchema = z.object({
  programmes: z.array(programmePublicSchema),
  /** How many match, when more than a page was found. */
  total: z.number().int(),
  conditions: z.array(conditionSchema),
});
export type PublicList = z.infer<typeof publicListSchema>;
export const publicProgrammeReplySchema = z.object({ programme: programmePublicSchema, conditions: z.array(conditionSchema) });

/** The working copy, as the holder's members and the coordination see it. */
export const programmeSchema = z.object({
  ...programmeFactsShape,
  holderOrganisationId: z.string(),
  coordinatorUserId: z.string().nullable(),
  coordinatorName: z.string().nullable(),
  partners: z.array(partnerSchema),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  reviewState: reviewStateSchema,
  reviewNote: z.string(),
  reviewedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** What the public sees today, to compare with the working copy; null before a first validation. */
  publicVersion: programmePublicSchema.nullable(),
});
export type Programme = z.infer<typeof programmeSchema>;
export const programmeReplySchema = z.object({ programme: programmeSchema });

export const programmeSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  holderName: z.string(),
  departements: z.array(z.string()),
  state: stateSchema,
  reviewState: reviewStateSchema,
  published: z.boolean(),
  updatedAt: z.string(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummarySchema>;
export const programmeSummaryListSchema = z.object({ programmes: z.array(programmeSummarySchema) });
export const manageQuerySchema = z.object({ review: z.union([reviewStateSchema, z.literal('')]).optional().transform((v) => v || undefined) });

export const programmeParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const reviewInputSchema = z.object({
  decision: z.enum(['accept', 'refuse']),
  note: z.string().trim().max(L.reviewNoteMax).default(''),
  /** The `updatedAt` of the version the coordinator read: a change saved since is not accepted unseen. */
  updatedAt: z.string().max(40).optional(),
}).refine((r) => r.decision === 'accept' || r.note.length >= 3, { message: 'Dites en quelques mots pourquoi la modification est refusée.', path: ['note'] });
export type ReviewInput = z.input<typeof reviewInputSchema>;

/** A CSV file's text, sent as it is; `;` or `,` separated, with or without a BOM. */
export const importInputSchema = z.object({ csv: z.string().min(1, 'Le fichier est vide.').max(L.importBytesMax, 'Le fichier dépasse la taille acceptée (900 Ko).') });

export const importRowSchema = z.object({
  /** The line of the file (the header is line 1), as a spreadsheet numbers it. */
  line: z.number().int(),
  title: z.string(),
  holderName: z.string(),
  /** The holder is not yet an organisation of Maillage: it will be created. */
  newHolder: z.boolean(),
  departements: z.array(z.string()),
  errors: z.array(z.string()),
});
export type ImportRow = z.infer<typeof importRowSchema>;
export const importReportSchema = z.object({
  separator: z.enum([';', ',']),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Rows reported (every invalid row first); past PROGRAMME_LIMITS.importReportMax, only counted. */
  rows: z.array(importRowSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;
export const importResultSchema = z.object({ created: z.number().int(), organisationsCreated: z.number().int() });
