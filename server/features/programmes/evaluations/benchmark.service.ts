import { asc, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { conditions, programmeConditions, programmeSites, programmes } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import { departementName } from '../../../../shared/departements';
import { NEEDS_LIMITS } from '../../../../shared/limits';
import {
  parisDay, type BenchmarkReply, type Comparison, type Figures, type RegionalReply,
} from '../../../../shared/programmes.evaluations.schema';
import { forbidden } from '../../../core/errors';
import { annualFigures, mediansOf } from './figures';
import { requireProgrammeTeam } from './evaluations.policy';
import { programmeEvaluationList } from './evaluations.service';

const SETTINGS = ['hopital', 'ville', 'mixte', 'distance'] as const;

/**
 * The intra-regional benchmark: a team sees its own figures beside the medians of comparable
 * programmes (same condition, same setting), the coordination sees the region's medians. A reply
 * never holds another programme's name with its figures, and no median is given over fewer than
 * NEEDS_LIMITS.minComparable programmes.
 */
export function benchmarkService(app: FastifyInstance) {
  const { db } = app;

  const conditionLabels = () => new Map(db.select().from(conditions).all().map((c) => [c.code, c]));
  const conditionsOf = (ids: string[]) => {
    const map = new Map<string, string[]>();
    if (ids.length === 0) return map;
    for (const r of db.select().from(programmeConditions).where(inArray(programmeConditions.programmeId, ids)).all()) {
      map.set(r.programmeId, [...(map.get(r.programmeId) ?? []), r.conditionCode]);
    }
    return map;
  };

  function comparison(basis: Comparison['basis'], code: string, label: string, labelEn: string, group: Figures[]): Comparison {
    return { basis, code, label, labelEn, programmes: group.length, medians: mediansOf(group) };
  }

  /** Each programme's figures for one year (the year an annual self-evaluation's due date falls in). */
  function figuresOfYear(year: number): Map<string, Figures> {
    return new Map(annualFigures(db).filter((f) => f.year === year).map((f) => [f.programmeId, f.figures]));
  }

  return {
    benchmark(user: SessionUser, programmeId: string, requestedYear?: number, now = new Date()): BenchmarkReply {
      const programme = requireProgrammeTeam(db, user, programmeId);
      const own = annualFigures(db, [programmeId]);
      const years = [...new Set(own.map((f) => f.year))].sort((a, b) => b - a);
      const year = requestedYear ?? years[0] ?? Number(parisDay(now).slice(0, 4));
      const ofYear = figuresOfYear(year);
      ofYear.delete(programmeId);
      const others = ofYear.size === 0 ? [] : db.select({ id: programmes.id, setting: programmes.setting }).from(programmes)
        .where(inArray(programmes.id, [...ofYear.keys()])).all();
      const othersConditions = conditionsOf(others.map((o) => o.id));
      const labels = conditionLabels();
      const mine = conditionsOf([programmeId]).get(programmeId) ?? [];
      const comparisons = [
        ...mine.map((code) => comparison('condition', code, labels.get(code)?.labelFr ?? code, labels.get(code)?.labelEn ?? code,
          others.filter((o) => othersConditions.get(o.id)?.includes(code)).map((o) => ofYear.get(o.id)!))),
        comparison('setting', programme.setting, programme.setting, programme.setting,
          others.filter((o) => o.setting === programme.setting).map((o) => ofYear.get(o.id)!)),
      ];
      return {
        year,
        years,
        own: own.find((f) => f.year === year)?.figures ?? null,
        comparisons,
        minComparable: NEEDS_LIMITS.minComparable,
      };
    },

    regional(user: SessionUser, requestedYear?: number, now = new Date()): RegionalReply {
      if (user.role !== 'coordinator') throw forbidden('La vue régionale des évaluations est réservée à la coordination.');
      const today = parisDay(now);
      const year = requestedYear ?? Number(today.slice(0, 4));
      const all = db.select().from(programmes).orderBy(asc(programmes.title)).all();
      const sites = new Map<string, string[]>();
      for (const s of db.select().from(programmeSites).all()) sites.set(s.programmeId, [...new Set([...(sites.get(s.programmeId) ?? []), s.departement])]);

      const zero = () => ({ a_echeance: 0, en_cours: 0, en_retard: 0, faite: 0 });
      const byDepartement = new Map<string, ReturnType<typeof zero>>();
      const total = zero();
      const late: RegionalReply['late'] = [];
      for (const p of all) {
        const deps = sites.get(p.id) ?? [];
        for (const e of programmeEvaluationList(db, p, today)) {
          if (Number(e.dueOn.slice(0, 4)) !== year) continue;
          const bucket = e.status === 'faite' ? 'faite' : e.status === 'en_retard' ? 'en_retard' : e.state === 'en_cours' ? 'en_cours' : 'a_echeance';
          total[bucket] += 1;
          for (const d of deps) {
            const counts = byDepartement.get(d) ?? zero();
            counts[bucket] += 1;
            byDepartement.set(d, counts);
          }
          if (bucket === 'en_retard') late.push({ programmeId: p.id, title: p.title, kind: e.kind, rank: e.rank, dueOn: e.dueOn, departements: deps });
        }
      }

      const ofYear = figuresOfYear(year);
      const withFigures = all.filter((p) => ofYear.has(p.id));
      const programmeConds = conditionsOf(withFigures.map((p) => p.id));
      const labels = conditionLabels();
      const usedConditions = [...new Set([...programmeConds.values()].flat())].sort();
      const comparisons = [
        comparison('region', '*', 'Région', 'Region', withFigures.map((p) => ofYear.get(p.id)!)),
        ...SETTINGS.map((s) => comparison('setting', s, s, s, withFigures.filter((p) => p.setting === s).map((p) => ofYear.get(p.id)!))),
        ...usedConditions.map((c) => comparison('condition', c, labels.get(c)?.labelFr ?? c, labels.get(c)?.labelEn ?? c,
          withFigures.filter((p) => programmeConds.get(p.id)?.includes(c)).map((p) => ofYear.get(p.id)!))),
      ];
      return {
        year,
        today,
        departements: [...byDepartement].filter(([code]) => departementName(code)).sort(([a], [b]) => a.localeCompare(b))
          .map(([code, counts]) => ({ code, name: departementName(code)!, ...counts })),
        total,
        late: late.sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
        comparisons,
        minComparable: NEEDS_LIMITS.minComparable,
      };
    },
  };
}
