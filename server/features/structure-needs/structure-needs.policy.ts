import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groupMembers, structureNeedReaders } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { forbidden } from '../../core/errors';

/**
 * Who may do what with the needs of structures:
 * - the coordination edits the questionnaires and reads every structure's submitted answers;
 * - any member of a structure (the person's organisation) fills and reads its own answers;
 * - members of the groups the coordination opened a year to read that year's answers and synthesis;
 * - association accounts neither fill nor read them, even inside an opened group: these are the
 *   care structures' own needs, between professionals; visitors never reach any of it.
 */
export function structureNeedsPolicy(app: FastifyInstance) {
  const isReader = (user: SessionUser, questionnaireId: string): boolean => {
    if (user.role === 'association') return false;
    const groupIds = app.db.select({ id: structureNeedReaders.groupId }).from(structureNeedReaders)
      .where(eq(structureNeedReaders.questionnaireId, questionnaireId)).all().map((r) => r.id);
    if (groupIds.length === 0) return false;
    return !!app.db.select({ g: groupMembers.groupId }).from(groupMembers)
      .where(and(eq(groupMembers.userId, user.id), inArray(groupMembers.groupId, groupIds))).get();
  };
  const policy = {
    editQuestionnaire: (user: SessionUser) => user.role === 'coordinator',
    fill: (user: SessionUser) => user.role !== 'association',
    readAll: (user: SessionUser, questionnaireId: string) => user.role === 'coordinator' || isReader(user, questionnaireId),
    readStructure: (user: SessionUser, questionnaireId: string, organisationId: string) =>
      (policy.fill(user) && user.organisationId === organisationId) || policy.readAll(user, questionnaireId),
    rights: (user: SessionUser, questionnaireId: string) => ({
      editQuestionnaire: policy.editQuestionnaire(user), fill: policy.fill(user), readAll: policy.readAll(user, questionnaireId),
    }),
    requireEdit(user: SessionUser) {
      if (!policy.editQuestionnaire(user)) throw forbidden('Seule la coordination modifie le questionnaire des besoins.');
    },
    requireFill(user: SessionUser) {
      if (!policy.fill(user)) throw forbidden('Le questionnaire des besoins est rempli par les membres des structures de santé, pas par les comptes d’association.');
    },
    requireReadAll(user: SessionUser, questionnaireId: string) {
      if (!policy.readAll(user, questionnaireId)) throw forbidden('Les réponses des structures sont réservées à la coordination et aux groupes auxquels elle les a ouvertes.');
    },
  };
  return policy;
}
export type StructureNeedsPolicy = ReturnType<typeof structureNeedsPolicy>;
