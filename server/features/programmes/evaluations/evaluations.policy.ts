import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { programmes } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import { forbidden, notFound } from '../../../core/errors';

export type ProgrammeRow = typeof programmes.$inferSelect;

/**
 * A programme's team: the members of its holder organisation and its coordinator. They keep its
 * evaluations; the coordination (platform coordinators) sees and helps with every programme.
 * Association accounts and other members never read a programme's evaluations or figures.
 */
export function isProgrammeTeam(user: SessionUser, programme: Pick<ProgrammeRow, 'holderOrganisationId' | 'coordinatorUserId'>): boolean {
  if (programme.coordinatorUserId === user.id) return true;
  return user.role === 'member' && user.organisationId === programme.holderOrganisationId;
}

/** The programme, or 404 when it does not exist and 403 when the person is neither its team nor the coordination. */
export function requireProgrammeTeam(db: Db, user: SessionUser, programmeId: string): ProgrammeRow {
  const programme = db.select().from(programmes).where(eq(programmes.id, programmeId)).get();
  if (!programme) throw notFound('Ce programme');
  if (user.role !== 'coordinator' && !isProgrammeTeam(user, programme)) {
    throw forbidden('Seules l’équipe du programme (son organisation porteuse) et la coordination régionale voient ses évaluations.');
  }
  return programme;
}
