import type { FastifyInstance } from 'fastify';
import { conditions, needIndicators } from '../../../../db/schema/index';
import { NEEDS_LIMITS } from '../../../../shared/limits';
import type { IndicatorsImport, IndicatorsImportReply } from '../../../../shared/programmes.needs.schema';
import { parisDay } from '../../../../shared/programmes.evaluations.schema';
import { AppError } from '../../../core/errors';
import { readIndicatorRows } from './indicators.rows';

/**
 * The coordination's import of need indicators: a preview that reports every row, then, once the
 * person confirms, every row written in one transaction, or none if any row is wrong.
 */
export function indicatorsService(app: FastifyInstance) {
  const { db } = app;

  const storedKeys = (): Set<string> => new Set(
    db.select({ d: needIndicators.departement, c: needIndicators.conditionCode, i: needIndicators.indicator, y: needIndicators.year })
      .from(needIndicators).all().map((r) => [r.d, r.c, r.i, r.y].join('|')),
  );

  return {
    import(userId: string, input: IndicatorsImport): IndicatorsImportReply {
      const known = db.select({ code: conditions.code, labelFr: conditions.labelFr, labelEn: conditions.labelEn }).from(conditions).all();
      const thisYear = Number(parisDay(new Date()).slice(0, 4));
      const { rows, problems, count } = readIndicatorRows(input.csv, known, thisYear);
      const stored = storedKeys();
      const preview = rows.map((r) => ({ ...r, replaces: stored.has([r.departement, r.condition, r.indicator, r.year].join('|')) }));
      const reply: IndicatorsImportReply = {
        rows: count,
        valid: rows.length,
        replaces: preview.filter((r) => r.replaces).length,
        problems: problems.slice(0, NEEDS_LIMITS.reportMax),
        moreProblems: Math.max(0, problems.length - NEEDS_LIMITS.reportMax),
        preview: preview.slice(0, NEEDS_LIMITS.previewRows),
        written: 0,
      };
      if (!input.confirm) return reply;
      if (problems.length > 0) {
        throw new AppError(400, 'import_invalid', `Le fichier comporte ${problems.length} erreur${problems.length > 1 ? 's' : ''} : rien n’a été enregistré. Corrigez-le puis importez-le de nouveau.`);
      }
      if (rows.length === 0) throw new AppError(400, 'import_empty', 'Le fichier ne contient aucune ligne de chiffres : rien n’a été enregistré.');
      db.transaction((tx) => {
        for (const r of rows) {
          tx.insert(needIndicators).values({
            departement: r.departement, conditionCode: r.condition, indicator: r.indicator, label: r.label,
            value: r.value, year: r.year, source: r.source, demo: false, importedBy: userId,
          }).onConflictDoUpdate({
            target: [needIndicators.departement, needIndicators.conditionCode, needIndicators.indicator, needIndicators.year],
            set: { label: r.label, value: r.value, source: r.source, demo: false, importedBy: userId, createdAt: new Date() },
          }).run();
        }
      });
      return { ...reply, written: rows.length };
    },
  };
}
