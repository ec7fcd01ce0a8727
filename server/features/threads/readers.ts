import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { contains } from '../../../db/like';
import { groupMembers, organisations, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { PlatformRole } from '../../../shared/roles';
import type { PersonRef } from '../../../shared/threads.schema';
import { scopeAccess, type ThreadScope } from './threads.policy';

type Candidate = { id: string; name: string; organisationName: string; role: PlatformRole };

/** Asks the policy about each candidate, as if they were signed in: the one rule for who reads. */
function canRead(db: Db, scope: ThreadScope, c: Candidate): boolean {
  const asUser = { id: c.id, role: c.role } as SessionUser;
  return scopeAccess(db, asUser, scope).canRead;
}

function candidates(db: Db, scope: ThreadScope, extra: ReturnType<typeof and> | undefined, limit: number): Candidate[] {
  const base = db.select({ id: users.id, name: users.name, organisationName: organisations.name, role: users.role })
    .from(users).innerJoin(organisations, eq(organisations.id, users.organisationId));
  const active = eq(users.disabled, false);
  if (scope.groupId) {
    // Group readers are its members and the coordinators (see groupAccess).
    const member = sql`exists (select 1 from ${groupMembers} gm where gm.group_id = ${scope.groupId} and gm.user_id = ${users.id})`;
    return base.where(and(active, or(member, eq(users.role, 'coordinator')), extra)).orderBy(asc(users.name)).limit(limit).all();
  }
  return base.where(and(active, extra)).orderBy(asc(users.name)).limit(limit).all();
}

/** Of these people, those who may read the scope (mentions only ever reach readers). */
export function readersOf(db: Db, scope: ThreadScope, ids: string[]): string[] {
  if (ids.length === 0) return [];
  return candidates(db, scope, inArray(users.id, ids), ids.length).filter((c) => canRead(db, scope, c)).map((c) => c.id);
}

/** Autocomplete of @mentions: readers of the scope whose name matches. */
export function searchReaders(db: Db, scope: ThreadScope, q: string, excludeId: string, limit = 8): PersonRef[] {
  const match = and(ne(users.id, excludeId), contains(users.name, q));
  return candidates(db, scope, match, limit * 4).filter((c) => canRead(db, scope, c)).slice(0, limit)
    .map(({ id, name, organisationName }) => ({ id, name, organisationName }));
}

/** People who follow a group's new threads: its members who may still read it. */
export function groupFollowers(db: Db, groupId: string): string[] {
  const rows = db.select({ id: users.id, name: users.name, organisationName: organisations.name, role: users.role })
    .from(groupMembers).innerJoin(users, eq(users.id, groupMembers.userId)).innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(groupMembers.groupId, groupId), eq(users.disabled, false))).all();
  return rows.filter((c) => canRead(db, { groupId, categoryId: null }, c)).map((c) => c.id);
}
