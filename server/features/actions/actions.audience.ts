import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { actionOrganisations, actionPartners, users } from '../../../db/schema/index';
import { ACTION_LIMITS } from '../../../shared/limits';
import { SHARED_STATES } from '../../../shared/actions.schema';
import type { ActionRow } from './actions.policy';

const active = (db: Db, ids: string[]) => ids.length === 0 ? [] : db.select({ id: users.id }).from(users)
  .where(and(inArray(users.id, [...new Set(ids)]), eq(users.disabled, false))).all().map((u) => u.id);

export const coordinators = (db: Db): string[] => db.select({ id: users.id }).from(users)
  .where(and(eq(users.role, 'coordinator'), eq(users.disabled, false))).all().map((u) => u.id);

/**
 * The people an action concerns, by the same rule as the policy (actions.policy.ts): owner,
 * requester, partner people, and members of its organisations while it is planned or under way.
 * The coordination is not in it: it sees every action on the board without being told of each.
 */
export function concernedPeople(db: Db, action: ActionRow): string[] {
  const direct = [action.ownerId, action.requesterId].filter((id): id is string => !!id);
  const partners = db.select({ id: actionPartners.userId }).from(actionPartners).where(eq(actionPartners.actionId, action.id)).all().map((p) => p.id);
  let members: string[] = [];
  if (SHARED_STATES.includes(action.state)) {
    const orgs = db.select({ id: actionOrganisations.organisationId }).from(actionOrganisations).where(eq(actionOrganisations.actionId, action.id)).all().map((o) => o.id);
    members = orgs.length === 0 ? [] : db.select({ id: users.id }).from(users)
      .where(and(inArray(users.organisationId, orgs), eq(users.disabled, false))).limit(ACTION_LIMITS.notifyMax).all().map((u) => u.id);
  }
  return active(db, [...direct, ...partners, ...members]).slice(0, ACTION_LIMITS.notifyMax);
}

/** Everyone who may see the action now: whose open pages must hear of a change. */
export const readers = (db: Db, action: ActionRow): string[] => [...new Set([...coordinators(db), ...concernedPeople(db, action)])];
