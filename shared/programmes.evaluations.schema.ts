import { z } from 'zod';
import { NEEDS_LIMITS } from './limits';

// --- When evaluations are due ------------------------------------------------------------------
// Since 2021 a programme is declared to the ARS (décret n° 2020-1832); it runs an annual
// self-evaluation every year and a quadrennial evaluation in its fourth year. Both are counted
// from the declaration date: annual n°k is due k years after it, quadrennial n°k 4·k years after.

export const EVALUATION_KINDS = ['annuelle', 'quadriennale'] as const;
export const evaluationKindSchema = z.enum(EVALUATION_KINDS);
export type EvaluationKind = z.infer<typeof evaluationKindSchema>;

/** What the team recorded. No record means "to do". */
export const EVALUATION_STATES = ['a_faire', 'en_cours', 'faite'] as const;
export const evaluationStateSchema = z.enum(EVALUATION_STATES);
export type EvaluationState = z.infer<typeof evaluationStateSchema>;

/** What the coordination reads: done, late (date passed, not done), due (date to come, not done). */
export const DUE_STATUSES = ['faite', 'en_retard', 'a_echeance'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];

/** Reminders go to the programme's coordinator this many days before a due date. */
export const REMINDER_DAYS = [60, 15] as const;

/** A programme declared long ago still lists a bounded number of evaluations. */
const MAX_RANK = 100;
const YEARS_BETWEEN: Record<EvaluationKind, number> = { annuelle: 1, quadriennale: 4 };

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
  .refine((s) => isValidIsoDate(s), 'Cette date n’existe pas.');

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function isValidIsoDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const [y, m, d] = parts(iso);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The same day `years` later. A 29 February falls on 28 February in a common year (the last day
 * of the month the anniversary would fall in), as a person counting the years would.
 */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = parts(iso);
  const year = y + years;
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, daysInMonth(year, m)))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (iso: string) => { const [y, m, d] = parts(iso); return Date.UTC(y, m - 1, d); };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Today's date in France (where programmes run), whatever the server's time zone. */
export function parisDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const dueOn = (declaredAt: string, kind: EvaluationKind, rank: number): string =>
  addYears(declaredAt, YEARS_BETWEEN[kind] * rank);

export interface DueEvaluation { kind: EvaluationKind; rank: number; dueOn: string }

/**
 * Every evaluation due on or before `today`, and, unless the programme has ended, the next one of
 * each kind (the one being prepared), in date order; the annual one first on a shared date.
 */
export function evaluationsDue(declaredAt: string, today: string, options: { ended?: boolean } = {}): DueEvaluation[] {
  const list: DueEvaluation[] = [];
  for (const kind of EVALUATION_KINDS) {
    for (let rank = 1; rank <= MAX_RANK; rank += 1) {
      const date = dueOn(declaredAt, kind, rank);
      if (date > today && options.ended) break;
      list.push({ kind, rank, dueOn: date });
      if (date > today) break;
    }
  }
  return list.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || EVALUATION_KINDS.indexOf(a.kind) - EVALUATION_KINDS.indexOf(b.kind));
}

export function dueStatus(due: string, state: EvaluationState, today: string): DueStatus {
  if (state === 'faite') return 'faite';
  return due < today ? 'en_retard' : 'a_echeance';
}

// --- Figures of the annual self-evaluation -------------------------------------------------------

export const FIGURE_KEYS = ['patientsStarted', 'patientsCompleted', 'groupSessions', 'individualSessions', 'patientPartners'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

const figure = z.number().int('Nombre entier attendu.').min(0, 'Nombre positif attendu.').max(NEEDS_LIMITS.figureMax).nullable();
export const figuresSchema = z.object({
  patientsStarted: figure,
  patientsCompleted: figure,
  groupSessions: figure,
  individualSessions: figure,
  patientPartners: figure,
});
export type Figures = z.infer<typeof figuresSchema>;

/** Medians may fall between two whole numbers (27.5 sessions). */
const medianValue = z.number().nullable();
export const mediansSchema = z.object({
  patientsStarted: medianValue, patientsCompleted: medianValue, groupSessions: medianValue, individualSessions: medianValue, patientPartners: medianValue,
});

// --- Requests and replies ------------------------------------------------------------------------

const id = z.string().min(1).max(64);
export const programmeParamsSchema = z.object({ programmeId: id });
export const evaluationParamsSchema = z.object({ programmeId: id, kind: evaluationKindSchema, rank: z.coerce.number().int().min(1).max(MAX_RANK) });

export const evaluationUpdateSchema = z.object({
  state: evaluationStateSchema,
  /** A document of the programme's group made from the evaluation template; kept when omitted. */
  documentId: id.nullable().optional(),
  doneOn: isoDateSchema.nullable().default(null),
  /** Annual self-evaluation only. */
  figures: figuresSchema.optional(),
}).superRefine((v, ctx) => {
  if (v.state === 'faite' && !v.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'Indiquez la date à laquelle l’évaluation a été faite.' });
  if (v.state !== 'faite' && v.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'Une date de réalisation ne va qu’avec une évaluation faite.' });
  const f = v.figures;
  if (f && f.patientsStarted !== null && f.patientsCompleted !== null && f.patientsCompleted > f.patientsStarted) {
    ctx.addIssue({ code: 'custom', path: ['figures', 'patientsCompleted'], message: 'Plus de patients ont terminé que de patients entrés dans le programme.' });
  }
});
export type EvaluationUpdate = z.infer<typeof evaluationUpdateSchema>;

export const evaluationSchema = z.object({
  kind: evaluationKindSchema,
  rank: z.number().int(),
  dueOn: z.string(),
  state: evaluationStateSchema,
  status: z.enum(DUE_STATUSES),
  doneOn: z.string().nullable(),
  document: z.object({ id: z.string(), title: z.string() }).nullable(),
  figures: figuresSchema.nullable(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const programmeEvaluationsReplySchema = z.object({
  programme: z.object({
    id: z.string(), title: z.string(), declaredAt: z.string(), state: z.string(), setting: z.string(),
    group: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  today: z.string(),
  evaluations: z.array(evaluationSchema),
});
export type ProgrammeEvaluationsReply = z.infer<typeof programmeEvaluationsReplySchema>;

/** The programmes a person's team holds (or all of them, for the coordination), with what is next. */
export const myProgrammesReplySchema = z.object({
  programmes: z.array(z.object({
    id: z.string(), title: z.string(), state: z.string(),
    next: z.object({ kind: evaluationKindSchema, rank: z.number(), dueOn: z.string(), status: z.enum(DUE_STATUSES) }).nullable(),
    late: z.number().int(),
  })),
});

// --- Benchmark ---------------------------------------------------------------------------------------

/** One comparison: medians of a group of programmes, never their names; null below the minimum. */
export const comparisonSchema = z.object({
  basis: z.enum(['condition', 'setting', 'region']),
  /** The condition code or the setting the programmes share. */
  code: z.string(),
  /** The condition's label (French, English); the client names settings and the region itself. */
  label: z.string(),
  labelEn: z.string(),
  programmes: z.number().int(),
  medians: mediansSchema.nullable(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const benchmarkQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const benchmarkReplySchema = z.object({
  year: z.number().int(),
  years: z.array(z.number().int()),
  own: figuresSchema.nullable(),
  comparisons: z.array(comparisonSchema),
  minComparable: z.number().int(),
});
export type BenchmarkReply = z.infer<typeof benchmarkReplySchema>;

// --- The coordination's regional view ------------------------------------------------------------------

const counts = z.object({ a_echeance: z.number().int(), en_cours: z.number().int(), en_retard: z.number().int(), faite: z.number().int() });
export const regionalQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const regionalReplySchema = z.object({
  year: z.number().int(),
  today: z.string(),
  departements: z.array(z.object({ code: z.string(), name: z.string() }).extend(counts.shape)),
  total: counts,
  late: z.array(z.object({
    programmeId: z.string(), title: z.string(), kind: evaluationKindSchema, rank: z.number().int(), dueOn: z.string(), departements: z.array(z.string()),
  })),
  comparisons: z.array(comparisonSchema),
  minComparable: z.number().int(),
});
export type RegionalReply = z.infer<typeof regionalReplySchema>;
