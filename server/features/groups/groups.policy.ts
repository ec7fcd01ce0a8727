import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { groupMembers, groups } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { GroupRole } from '../../../shared/roles';

export type GroupVisibility = 'public' | 'platform' | 'private';

export interface GroupAccess {
  groupId: string;
  /** The person's role in the group, or null when not a member. */
  role: GroupRole | null;
  /** May see that the group exists, its description and members, and ask to join. */
  canSee: boolean;
  /** May read the group's documents and threads. */
  canRead: boolean;
  /** May write documents and post: leads and members, not observers. */
  canWrite: boolean;
  /** May manage members, validate and publish, moderate: leads and coordinators. */
  canLead: boolean;
}

const NONE = (groupId: string): GroupAccess => ({ groupId, role: null, canSee: false, canRead: false, canWrite: false, canLead: false });

/**
 * Who may do what in a working group: the one place that decides it. Routes, Socket.IO handlers
 * and the collaboration endpoint all ask here, and ask again on every check (roles change live).
 */
export function groupAccess(db: Db, user: SessionUser | null, groupId: string): GroupAccess {
  if (!user) return NONE(groupId);
  const group = db.select({ visibility: groups.visibility, openToAssociations: groups.openToAssociations })
    .from(groups).where(eq(groups.id, groupId)).get();
  if (!group) return NONE(groupId);
  const membership = db.select({ role: groupMembers.role }).from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, user.id))).get();
  const role = (membership?.role as GroupRole | undefined) ?? null;
  const coordinator = user.role === 'coordinator';
  const canSee = coordinator || role !== null || visibleWithoutMembership(user, group.visibility as GroupVisibility, group.openToAssociations);
  return {
    groupId,
    role,
    canSee,
    canRead: coordinator || role !== null,
    canWrite: coordinator || role === 'lead' || role === 'member',
    canLead: coordinator || role === 'lead',
  };
}

export function visibleWithoutMembership(user: SessionUser, visibility: GroupVisibility, openToAssociations: boolean): boolean {
  if (visibility === 'private') return false;
  if (user.role === 'association') return visibility === 'public' && openToAssociations;
  return true;
}
