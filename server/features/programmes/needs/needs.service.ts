import { and, asc, desc, eq, inArray, isNotNull, max } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { conditions, needIndicators, organisations, programmeConditions, programmeSites, programmes } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import { departementName } from '../../../../shared/departements';
import { NEEDS_LIMITS } from '../../../../shared/limits';
import {
  ALL_CONDITIONS, PEOPLE_CONCERNED, type IndicatorInfo, type NeedMapQuery, type NeedMapReply, type NeedRow,
} from '../../../../shared/programmes.needs.schema';
import { notFound } from '../../../core/errors';
import { latestFigures } from '../evaluations/figures';

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The figures behind the map, département by département. The offer counts programmes running
 * (state "en cours") that have a public version, i.e. those a professional can refer a patient to;
 * a programme counts in each département where it has a site.
 */
export function needsService(app: FastifyInstance) {
  const { db } = app;

  /** The region is what the platform knows of: its organisations, programme sites and indicators. */
  function regionDepartements(): string[] {
    const codes = new Set<string>();
    for (const r of db.selectDistinct({ d: organisations.departement }).from(organisations).all()) codes.add(r.d);
    for (const r of db.selectDistinct({ d: programmeSites.departement }).from(programmeSites).all()) codes.add(r.d);
    for (const r of db.selectDistinct({ d: needIndicators.departement }).from(needIndicators).all()) codes.add(r.d);
    return [...codes].filter((c) => departementName(c)).sort();
  }

  function runningProgrammes(condition: string): Map<string, Set<string>> {
    const rows = db.select({ departement: programmeSites.departement, id: programmes.id })
      .from(programmeSites).innerJoin(programmes, eq(programmes.id, programmeSites.programmeId))
      .where(and(
        eq(programmes.state, 'en_cours'), isNotNull(programmes.publishedSnapshot),
        condition === ALL_CONDITIONS ? undefined : inArray(programmes.id,
          db.select({ id: programmeConditions.programmeId }).from(programmeConditions).where(eq(programmeConditions.conditionCode, condition))),
      )).all();
    const byDepartement = new Map<string, Set<string>>();
    for (const r of rows) byDepartement.set(r.departement, (byDepartement.get(r.departement) ?? new Set()).add(r.id));
    return byDepartement;
  }

  /** Each indicator imported for the condition, at its latest year. */
  function indicatorsOf(condition: string): IndicatorInfo[] {
    const latest = db.select({ indicator: needIndicators.indicator, year: max(needIndicators.year) })
      .from(needIndicators).where(eq(needIndicators.conditionCode, condition))
      .groupBy(needIndicators.indicator).orderBy(asc(needIndicators.indicator)).all();
    return latest.map(({ indicator, year }) => {
      const rows = db.select({ label: needIndicators.label, source: needIndicators.source, demo: needIndicators.demo })
        .from(needIndicators)
        .where(and(eq(needIndicators.conditionCode, condition), eq(needIndicators.indicator, indicator), eq(needIndicators.year, year!)))
        .orderBy(desc(needIndicators.createdAt)).all();
      return { code: indicator, label: rows[0]?.label ?? indicator, year: year!, sources: [...new Set(rows.map((r) => r.source))], demo: rows.some((r) => r.demo) };
    });
  }

  function valuesOf(condition: string, info: IndicatorInfo | null): Map<string, number> {
    if (!info) return new Map();
    return new Map(db.select({ d: needIndicators.departement, v: needIndicators.value }).from(needIndicators)
      .where(and(eq(needIndicators.conditionCode, condition), eq(needIndicators.indicator, info.code), eq(needIndicators.year, info.year)))
      .all().map((r) => [r.d, r.v]));
  }

  return {
    map(user: SessionUser, query: NeedMapQuery): NeedMapReply {
      const list = db.select({ code: conditions.code, labelFr: conditions.labelFr, labelEn: conditions.labelEn, active: conditions.active })
        .from(conditions).orderBy(asc(conditions.labelFr)).all();
      const condition = query.condition;
      if (condition !== ALL_CONDITIONS && !list.some((c) => c.code === condition)) throw notFound('Cette maladie');

      const indicators = indicatorsOf(condition);
      const indicator = indicators.find((i) => i.code === query.indicator)
        ?? indicators.find((i) => i.code === PEOPLE_CONCERNED) ?? indicators[0] ?? null;
      const peopleConcerned = indicators.find((i) => i.code === PEOPLE_CONCERNED) ?? null;
      const need = valuesOf(condition, indicator);
      const people = valuesOf(condition, peopleConcerned);

      const running = runningProgrammes(condition);
      const capacities = latestFigures(db, [...new Set([...running.values()].flatMap((s) => [...s]))]);
      // The coordination sees every sum; others only sums over enough programmes that none stands alone.
      const seesAll = user.role === 'coordinator';

      const rows: NeedRow[] = regionDepartements().map((code) => {
        const ids = [...(running.get(code) ?? [])];
        const known = ids.map((id) => capacities.get(id)).filter((f) => f && (f.groupSessions !== null || f.individualSessions !== null));
        const capacityHidden = !seesAll && known.length > 0 && known.length < NEEDS_LIMITS.minComparable;
        const concerned = people.get(code) ?? null;
        return {
          code,
          name: departementName(code)!,
          programmes: ids.length,
          capacity: known.length === 0 || capacityHidden ? null : known.reduce((sum, f) => sum + (f!.groupSessions ?? 0) + (f!.individualSessions ?? 0), 0),
          capacityKnown: known.length,
          capacityHidden,
          need: need.get(code) ?? null,
          peopleConcerned: concerned,
          offerPer10000: concerned ? round((ids.length / concerned) * 10_000) : null,
        };
      });
      return {
        condition,
        conditions: list.filter((c) => c.active || c.code === condition).map(({ code, labelFr, labelEn }) => ({ code, labelFr, labelEn })),
        indicators,
        indicator,
        peopleConcerned,
        rows,
        minComparable: NEEDS_LIMITS.minComparable,
        canImport: user.role === 'coordinator',
      };
    },
  };
}
