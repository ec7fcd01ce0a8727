import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { programmeEvaluations, programmes } from '../../../../db/schema/index';
import { NEEDS_LIMITS } from '../../../../shared/limits';
import { FIGURE_KEYS, dueOn, type Figures } from '../../../../shared/programmes.evaluations.schema';

/** The figures of a row, or null when the team gave none. */
export function figuresOf(row: typeof programmeEvaluations.$inferSelect): Figures | null {
  const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, row[k]])) as Figures;
  return FIGURE_KEYS.some((k) => figures[k] !== null) ? figures : null;
}

export interface YearFigures { programmeId: string; year: number; figures: Figures }

/**
 * Every annual self-evaluation that holds figures, with the year it covers (the year of its due
 * date), optionally for some programmes only.
 */
export function annualFigures(db: Db, programmeIds?: string[]): YearFigures[] {
  if (programmeIds && programmeIds.length === 0) return [];
  const hasFigure = or(...FIGURE_KEYS.map((k) => isNotNull(programmeEvaluations[k])));
  return db.select({ row: programmeEvaluations, declaredAt: programmes.declaredAt })
    .from(programmeEvaluations).innerJoin(programmes, eq(programmes.id, programmeEvaluations.programmeId))
    .where(and(eq(programmeEvaluations.kind, 'annuelle'), hasFigure, programmeIds ? inArray(programmeEvaluations.programmeId, programmeIds) : undefined))
    .all()
    .map(({ row, declaredAt }) => ({ programmeId: row.programmeId, year: Number(dueOn(declaredAt, 'annuelle', row.rank).slice(0, 4)), figures: figuresOf(row)! }));
}

/** Each programme's most recent figures. */
export function latestFigures(db: Db, programmeIds: string[]): Map<string, Figures> {
  const latest = new Map<string, YearFigures>();
  for (const f of annualFigures(db, programmeIds)) {
    const held = latest.get(f.programmeId);
    if (!held || f.year > held.year) latest.set(f.programmeId, f);
  }
  return new Map([...latest].map(([id, f]) => [id, f.figures]));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Medians of a group of programmes' figures, each over the programmes that gave it; a figure
 * fewer than the minimum gave is null, and the whole is null when the group is too small, so a
 * median never stands for one identifiable programme.
 */
export function mediansOf(group: Figures[]): Figures | null {
  if (group.length < NEEDS_LIMITS.minComparable) return null;
  const medians = Object.fromEntries(FIGURE_KEYS.map((k) => {
    const values = group.map((f) => f[k]).filter((v): v is number => v !== null);
    return [k, values.length >= NEEDS_LIMITS.minComparable ? median(values) : null];
  })) as Figures;
  return medians;
}
