import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { preparedPerDb } from '../../../../db/prepared';
import { documents } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import { groupAccess } from '../../groups/groups.policy';
import type { Refusal } from './authenticate';

export type Authorised = { ok: true; groupId: string; canWrite: boolean };

// Every connection and every access re-check of every open connection asks this: prepared once.
const documentOf = preparedPerDb((db) => db.select({ groupId: documents.groupId, deletedAt: documents.deletedAt })
  .from(documents).where(eq(documents.id, sql.placeholder('documentId'))).prepare());

/**
 * Second step, before anything is loaded: the document exists, is not in the trash, and the
 * person may read its group. Asked again whenever the bus says access changed.
 */
export function authorise(db: Db, user: SessionUser, documentId: string): Authorised | Refusal {
  const document = documentOf(db).get({ documentId });
  if (!document || document.deletedAt) return { ok: false, status: 404, message: 'Document introuvable.' };
  const access = groupAccess(db, user, document.groupId);
  // Like the group routes: someone who may not even see the group does not learn the document exists.
  if (!access.canSee) return { ok: false, status: 404, message: 'Document introuvable.' };
  if (!access.canRead) return { ok: false, status: 403, message: "Vous n'avez pas accès à ce document." };
  return { ok: true, groupId: document.groupId, canWrite: access.canWrite };
}
