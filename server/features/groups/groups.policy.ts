import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerDb } from '../../../db/prepared';
import { groupMembers, groups } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { GroupRole } from '../../../shared/roles';
import { forbidden, notFound } from '../../core/errors';

export type GroupVisibility = 'public' | 'platform' | 'private';

export interface GroupAccess {
  groupId: string;
  /** The person's role in the group, or null when not a member. */
  role: GroupRole | null;
  /** May see that the group exists, its description and members, and ask to join. */
  canSee: boolean;
  /** May read the group's documents and threads. */
  canRead: boolean;
  /** May write documents: leads and members, not commenters or observers. */
  canWrite: boolean;
  /** May comment on documents and post in the group's discussions: writers and commenters, not observers. */
  canComment: boolean;
  /** May manage members, validate and publish, moderate: leads and coordinators. */
  canLead: boolean;
}

const NONE = (groupId: string): GroupAccess => ({ groupId, role: null, canSee: false, canRead: false, canWrite: false, canComment: false, canLead: false });

/** The two reads of every access check, prepared once per database (the hot path of signed-in traffic). */
const statements = preparedPerDb((db) => ({
  group: db.select({ visibility: groups.visibility, openToAssociations: groups.openToAssociations })
    .from(groups).where(eq(groups.id, sql.placeholder('groupId'))).prepare(),
  membership: db.select({ role: groupMembers.role }).from(groupMembers)
    .where(and(eq(groupMembers.groupId, sql.placeholder('groupId')), eq(groupMembers.userId, sql.placeholder('userId')))).prepare(),
}));

/**
 * Who may do what in a working group: the one place that decides it. Routes, Socket.IO handlers
 * and the collaboration endpoint all ask here, and ask again on every check (roles change live:
 * the statements are prepared once, the rows are read each time).
 */
export function groupAccess(db: Db, user: SessionUser | null, groupId: string): GroupAccess {
  if (!user) return NONE(groupId);
  const prepared = statements(db);
  const group = prepared.group.get({ groupId });
  if (!group) return NONE(groupId);
  const membership = prepared.membership.get({ groupId, userId: user.id });
  const role = membership?.role ?? null;
  const coordinator = user.role === 'coordinator';
  const canSee = coordinator || role !== null || visibleWithoutMembership(user, group.visibility, group.openToAssociations);
  return {
    groupId,
    role,
    canSee,
    canRead: coordinator || role !== null,
    canWrite: coordinator || role === 'lead' || role === 'member',
    canComment: coordinator || role === 'lead' || role === 'member' || role === 'commenter',
    canLead: coordinator || role === 'lead',
  };
}

export function visibleWithoutMembership(user: SessionUser, visibility: GroupVisibility, openToAssociations: boolean): boolean {
  if (visibility === 'private') return false;
  if (user.role === 'association') return visibility === 'public' && openToAssociations;
  return true;
}

/** The Socket.IO room of a group's live updates: only readers are let in (groups.socket.ts). */
export const groupRoom = (groupId: string) => `group:${groupId}`;

/** Association accounts take part in groups but do not open them. */
export const mayCreateGroup = (user: SessionUser): boolean => user.role === 'coordinator' || user.role === 'member';

/**
 * Whether a person of this platform role may hold this group role in a group of this visibility,
 * whoever adds them: "platform" groups are for members of the platform only, and an association
 * account never leads (leads manage the directory-backed membership, which associations do not see).
 * Returns the French reason when not.
 */
export function membershipRefusal(platformRole: SessionUser['role'], visibility: GroupVisibility, role: GroupRole): string | null {
  if (platformRole !== 'association') return null;
  if (visibility === 'platform') return 'Ce groupe est réservé aux membres de la plateforme : un compte association ne peut pas y entrer.';
  if (role === 'lead') return 'Un compte association ne peut pas animer un groupe.';
  return null;
}

/**
 * The access, or the error a route should answer: 404 when the person may not even see the group
 * (its existence is not revealed), 403 when they see it but lack the right asked for.
 */
export function requireGroupAccess(db: Db, user: SessionUser, groupId: string, need: 'see' | 'read' | 'write' | 'lead'): GroupAccess {
  const access = groupAccess(db, user, groupId);
  if (!access.canSee) throw notFound('Ce groupe');
  const granted = { see: true, read: access.canRead, write: access.canWrite, lead: access.canLead }[need];
  if (!granted) {
    throw forbidden(need === 'lead'
      ? 'Seuls les animateurs et animatrices du groupe peuvent faire cela.'
      : 'Vous devez être membre de ce groupe pour cela.');
  }
  return access;
}
