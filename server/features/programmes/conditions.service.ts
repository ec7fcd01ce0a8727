import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conditions } from '../../../db/schema/index';
import { DEFAULT_CONDITIONS, type Condition } from '../../../shared/programmes.schema';
import { conflict, notFound } from '../../core/errors';

/** The managed list of diseases and health conditions, starting from DEFAULT_CONDITIONS. */
export function conditionsService(db: Db, changed: () => void) {
  return {
    /** Adds the default entries that are missing; a coordinator's edits are never overwritten. */
    ensureDefaults(): void {
      db.insert(conditions)
        .values(DEFAULT_CONDITIONS.map(([code, labelFr, labelEn]) => ({ code, labelFr, labelEn })))
        .onConflictDoNothing().run();
    },
    /** In French alphabetical order ("Épilepsie" among the E, not after "VIH" as SQLite would sort it). */
    list(): Condition[] {
      return db.select().from(conditions).all().sort((a, b) => a.labelFr.localeCompare(b.labelFr, 'fr'));
    },
    create(input: Condition): Condition {
      const done = db.insert(conditions).values(input).onConflictDoNothing().run();
      if (done.changes === 0) throw conflict(`Le code « ${input.code} » existe déjà dans la liste.`, 'condition_exists');
      changed();
      return input;
    },
    /** Labels and `active` change; the code stays, since programmes and indicators refer to it. */
    update(code: string, input: Omit<Condition, 'code'>): Condition {
      const done = db.update(conditions).set(input).where(eq(conditions.code, code)).run();
      if (done.changes === 0) throw notFound('Cette maladie ou situation de santé');
      changed();
      return { code, ...input };
    },
  };
}
