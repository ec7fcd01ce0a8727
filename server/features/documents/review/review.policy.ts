import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { groupMembers, users } from '../../../../db/schema/index';
import type { GroupRole } from '../../../../shared/roles';

/** Group roles that may review: they write the document; observers (and any read-only role) only read. */
const REVIEWER_ROLES: GroupRole[] = ['lead', 'member'];

/**
 * The people who may be named to review a group's document: its leads and members, accounts not
 * disabled. Asked again at each decision, since a role can change while the review is open.
 */
export function reviewCandidates(db: Db, groupId: string, only?: string[]): Array<{ id: string; name: string }> {
  if (only && only.length === 0) return [];
  return db.select({ id: users.id, name: users.name }).from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(
      eq(groupMembers.groupId, groupId),
      inArray(groupMembers.role, REVIEWER_ROLES),
      eq(users.disabled, false),
      ...(only ? [inArray(users.id, only)] : []),
    ))
    .orderBy(asc(users.name)).all();
}

export const mayReview = (db: Db, groupId: string, userId: string): boolean => reviewCandidates(db, groupId, [userId]).length === 1;
