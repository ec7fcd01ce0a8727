import { z } from 'zod';
import { NEEDS_LIMITS } from './limits';

/**
 * Offer versus need by département. The offer is what the directory knows (programmes running,
 * their sessions); the need is what the coordination imports (indicators by département and
 * disease); the map colours the region's départements by one measure and a table gives them all.
 */
export const NEED_MEASURES = ['programmes', 'capacite', 'besoin', 'offre_pour_10000'] as const;
export const needMeasureSchema = z.enum(NEED_MEASURES);
export type NeedMeasure = z.infer<typeof needMeasureSchema>;

/** The indicator that counts people concerned, the denominator of "offer per 10,000". */
export const PEOPLE_CONCERNED = 'personnes_concernees';
/** The condition code of a figure about every condition together (CSV: "toutes"). */
export const ALL_CONDITIONS = '*';

/** "Personnes concernées" → "personnes_concernees": one indicator however a spreadsheet spells it. */
export function indicatorSlug(label: string): string {
  return label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, NEEDS_LIMITS.indicatorLabelMax);
}

const code = z.string().trim().min(1).max(64);
export const needMapQuerySchema = z.object({
  /** A condition code, or "*" for every condition. */
  condition: code.default(ALL_CONDITIONS),
  /** The need indicator shown (slug); the people concerned when there are some, else the first. */
  indicator: z.string().trim().max(NEEDS_LIMITS.indicatorLabelMax).optional(),
});
export type NeedMapQuery = z.infer<typeof needMapQuerySchema>;

export const needRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Running programmes with a site in the département (a programme counts in each of its départements). */
  programmes: z.number().int(),
  /** Group and individual sessions a year from their last annual self-evaluation; null when hidden or unknown. */
  capacity: z.number().nullable(),
  /** How many of those programmes gave their sessions; capacity is their sum. */
  capacityKnown: z.number().int(),
  /** True when fewer than the minimum gave figures and the reader is not the coordination. */
  capacityHidden: z.boolean(),
  need: z.number().nullable(),
  peopleConcerned: z.number().nullable(),
  offerPer10000: z.number().nullable(),
});
export type NeedRow = z.infer<typeof needRowSchema>;

export const indicatorInfoSchema = z.object({
  code: z.string(),
  label: z.string(),
  year: z.number().int(),
  sources: z.array(z.string()),
  demo: z.boolean(),
});
export type IndicatorInfo = z.infer<typeof indicatorInfoSchema>;

export const needMapReplySchema = z.object({
  condition: z.string(),
  conditions: z.array(z.object({ code: z.string(), labelFr: z.string(), labelEn: z.string() })),
  /** Indicators imported for this condition (the latest year of each). */
  indicators: z.array(indicatorInfoSchema),
  /** The one in the `need` column, and the people concerned used for the offer per 10,000. */
  indicator: indicatorInfoSchema.nullable(),
  peopleConcerned: indicatorInfoSchema.nullable(),
  rows: z.array(needRowSchema),
  minComparable: z.number().int(),
  canImport: z.boolean(),
});
export type NeedMapReply = z.infer<typeof needMapReplySchema>;

// --- Importing indicators --------------------------------------------------------------------

export const indicatorsImportSchema = z.object({
  csv: z.string().min(1, 'Le fichier est vide.').max(NEEDS_LIMITS.csvBytesMax, 'Le fichier est trop volumineux.'),
  /** False: only read and report. True: write, and only if every row is valid. */
  confirm: z.boolean().default(false),
});
export type IndicatorsImport = z.infer<typeof indicatorsImportSchema>;

export const importProblemSchema = z.object({
  /** The line in the file (1 = the header). */
  line: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const importedRowSchema = z.object({
  line: z.number().int(),
  departement: z.string(),
  condition: z.string(),
  indicator: z.string(),
  label: z.string(),
  value: z.number(),
  year: z.number().int(),
  source: z.string(),
  /** A value already stored for the same département, condition, indicator and year is replaced. */
  replaces: z.boolean(),
});
export type ImportedRow = z.infer<typeof importedRowSchema>;

export const indicatorsImportReplySchema = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  replaces: z.number().int(),
  problems: z.array(importProblemSchema),
  /** Problems beyond those listed. */
  moreProblems: z.number().int(),
  preview: z.array(importedRowSchema),
  /** Rows written: 0 for a preview. */
  written: z.number().int(),
});
export type IndicatorsImportReply = z.infer<typeof indicatorsImportReplySchema>;
