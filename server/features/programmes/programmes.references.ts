import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conditions, documents, organisations, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { ProgrammeData } from '../../../shared/programmes.schema';
import { badRequest } from '../../core/errors';
import { groupAccess } from '../groups/groups.policy';

/**
 * Everything an entry points to must exist and be within the writer's reach: the zod schema
 * checks shapes, this checks the database. `keep` lists codes the programme already has, so a
 * retired condition does not make an old entry impossible to save.
 */
export function checkReferences(db: Db, user: SessionUser | null, holderId: string, data: ProgrammeData, keep: string[] = []): void {
  if (!db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, holderId)).get()) {
    throw badRequest('La structure porteuse est introuvable.', 'unknown_holder');
  }
  const known = db.select({ code: conditions.code, active: conditions.active }).from(conditions)
    .where(inArray(conditions.code, data.conditions)).all();
  const usable = new Set(known.filter((c) => c.active || keep.includes(c.code)).map((c) => c.code));
  const wrong = data.conditions.filter((c) => !usable.has(c));
  if (wrong.length) throw badRequest(`Maladie ou situation de santé inconnue ou retirée de la liste : ${wrong.join(', ')}.`, 'unknown_condition');

  if (data.coordinatorUserId) {
    const person = db.select({ id: users.id }).from(users)
      .where(and(eq(users.id, data.coordinatorUserId), eq(users.organisationId, holderId), eq(users.disabled, false))).get();
    if (!person) throw badRequest('Le coordonnateur du programme doit être un membre actif de la structure porteuse.', 'unknown_coordinator');
  }
  const partnerOrgs = data.partners.map((p) => p.organisationId).filter((v): v is string => !!v);
  if (partnerOrgs.length) {
    const found = db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, partnerOrgs)).all();
    if (found.length !== new Set(partnerOrgs).size) throw badRequest('Une organisation partenaire est introuvable.', 'unknown_partner');
  }
  if (data.groupId && user && !groupAccess(db, user, data.groupId).canRead) {
    throw badRequest('Ce groupe de travail est introuvable ou hors de votre portée.', 'unknown_group');
  }
  if (data.referenceDocumentId) {
    const doc = db.select({ groupId: documents.groupId, publishedVersion: documents.publishedVersion, deletedAt: documents.deletedAt })
      .from(documents).where(eq(documents.id, data.referenceDocumentId)).get();
    const reachable = doc && !doc.deletedAt && (doc.publishedVersion !== null || (user && groupAccess(db, user, doc.groupId).canRead));
    if (!reachable) throw badRequest('Ce programme de référence est introuvable ou hors de votre portée.', 'unknown_document');
  }
}
