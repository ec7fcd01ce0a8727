import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerDb } from '../../../db/prepared';
import { documents } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { forbidden, notFound } from '../../core/errors';
import { groupAccess, type GroupAccess } from '../groups/groups.policy';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentNeed = 'read' | 'write' | 'lead';

/** The document read of every access check, prepared once per database. */
const documentById = preparedPerDb((db) => db.select().from(documents).where(eq(documents.id, sql.placeholder('id'))).prepare());

/**
 * A document and what the person may do with it, decided by the group's policy (asked on every
 * call: roles change live). A document is as visible as its group's content: someone who may not
 * read the group gets a 404, so its existence is not revealed. A trashed document is only found
 * with `trashed: true` (the trash, restore and delete-for-good routes).
 */
export function requireDocument(db: Db, user: SessionUser, id: string, need: DocumentNeed, options: { trashed?: boolean } = {}): { document: DocumentRow; access: GroupAccess } {
  const document = documentById(db).get({ id });
  if (!document || Boolean(document.deletedAt) !== Boolean(options.trashed)) throw notFound('Ce document');
  const access = groupAccess(db, user, document.groupId);
  if (!access.canRead) throw notFound('Ce document');
  if (need === 'write' && !access.canWrite) throw forbidden('Vous pouvez lire ce document mais pas le modifier.');
  if (need === 'lead' && !access.canLead) throw forbidden('Seuls les animateurs et animatrices du groupe peuvent faire cela.');
  return { document, access };
}
