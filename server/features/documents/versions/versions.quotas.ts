import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { documentVersions } from '../../../../db/schema/index';
import { VERSION_QUOTAS, type VersionQuotas } from '../../../../shared/limits';
import { AppError, sizeInWords } from '../../../core/errors';

type VersionKind = 'auto' | 'named' | 'restore';

/** Kept for safety, not by anyone's choice: the oldest of these make room first. */
const AUTOMATIC: VersionKind[] = ['auto', 'restore'];

function usage(db: Db, documentId: string) {
  // length() of a blob reads its stored size, not its bytes.
  const rows = db.select({ kind: documentVersions.kind, n: count(), bytes: sql<number>`coalesce(sum(length(${documentVersions.state})), 0)` })
    .from(documentVersions).where(eq(documentVersions.documentId, documentId)).groupBy(documentVersions.kind).all();
  const of = (kinds: string[]) => rows.filter((r) => kinds.includes(r.kind));
  return {
    named: of(['named']).reduce((n, r) => n + r.n, 0),
    automatic: of(AUTOMATIC).reduce((n, r) => n + r.n, 0),
    bytes: rows.reduce((n, r) => n + Number(r.bytes), 0),
  };
}

export const historyFull = (what: string) => new AppError(409, 'version_quota',
  `${what} : l'animation du groupe peut supprimer d'anciennes versions dans l'historique du document pour faire de la place.`);

/**
 * Makes room in a document's history for a new version of `size` bytes (VERSION_QUOTAS): the
 * oldest automatic versions go first; named versions are only ever deleted by a person. Runs
 * synchronously, so the check and the insert that follows cannot interleave with another.
 * Returns false when a new automatic version does not fit; throws 409 for a version someone asked for.
 */
export function makeRoom(db: Db, documentId: string, kind: VersionKind, size: number, overrides: Partial<VersionQuotas> = {}): boolean {
  const quotas = { ...VERSION_QUOTAS, ...overrides };
  let used = usage(db, documentId);
  if (kind === 'named' && used.named >= quotas.namedPerDocument) {
    throw historyFull(`Ce document garde déjà ${used.named} versions nommées, le maximum`);
  }
  const automaticAfter = used.automatic + (kind === 'named' ? 0 : 1);
  let excessCount = Math.max(0, automaticAfter - quotas.automaticPerDocument);
  let excessBytes = used.bytes + size - quotas.bytesPerDocument;
  if (excessCount > 0 || excessBytes > 0) {
    const oldest = db.select({ id: documentVersions.id, bytes: sql<number>`length(${documentVersions.state})` }).from(documentVersions)
      .where(and(eq(documentVersions.documentId, documentId), inArray(documentVersions.kind, AUTOMATIC)))
      .orderBy(asc(documentVersions.createdAt)).all();
    const drop: string[] = [];
    for (const v of oldest) {
      if (excessCount <= 0 && excessBytes <= 0) break;
      drop.push(v.id);
      excessCount -= 1;
      excessBytes -= Number(v.bytes);
    }
    if (excessBytes > 0) {
      // Even without its automatic versions the history would be too big: nothing is deleted.
      if (kind === 'auto') return false;
      throw historyFull(`Avec cette version, les versions nommées de ce document atteindraient ${sizeInWords(quotas.bytesPerDocument + excessBytes)}, au-delà des ${sizeInWords(quotas.bytesPerDocument)} permis`);
    }
    if (drop.length) db.delete(documentVersions).where(inArray(documentVersions.id, drop)).run();
    used = usage(db, documentId);
  }
  return used.bytes + size <= quotas.bytesPerDocument;
}

