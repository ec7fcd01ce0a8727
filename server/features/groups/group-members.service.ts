import { and, asc, count, eq, notInArray, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groupJoinRequests, groupMembers, groups, organisations, users } from '../../../db/schema/index';
import type { Db } from '../../../db/client';
import { contains } from '../../../db/like';
import type { SessionUser } from '../../../shared/auth.schema';
import type { GroupRole, PlatformRole } from '../../../shared/roles';
import type { Candidate, GroupMember } from '../../../shared/groups.schema';
import { badRequest, conflict, notFound } from '../../core/errors';
import { recordActivity } from './activity';
import { membershipRefusal, requireGroupAccess } from './groups.policy';
import { groupsEvents } from './groups.events';
import { groupsMail } from './groups.mail';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const LAST_LEAD = 'Un groupe garde au moins un·e animateur·rice : nommez-en un·e autre avant.';

/** The one way into a group, for invitations and accepted requests alike (inside their transaction). */
export function insertMember(tx: Tx, groupId: string, person: { id: string; name: string; role: PlatformRole }, role: GroupRole, actorId: string) {
  const group = tx.select({ visibility: groups.visibility }).from(groups).where(eq(groups.id, groupId)).get()!;
  const refusal = membershipRefusal(person.role, group.visibility, role);
  if (refusal) throw badRequest(refusal, 'membership_refused');
  const already = tx.select({ role: groupMembers.role }).from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, person.id))).get();
  if (already) throw conflict(`${person.name} est déjà membre de ce groupe.`, 'already_member');
  tx.insert(groupMembers).values({ groupId, userId: person.id, role }).run();
  tx.delete(groupJoinRequests).where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.userId, person.id))).run();
  return recordActivity(tx, { groupId, userId: actorId, kind: 'member.joined', subjectId: person.id, subjectTitle: person.name, detail: role });
}

export function groupMembersService(app: FastifyInstance) {
  const { db } = app;
  const events = groupsEvents(app);
  const mail = groupsMail(app);

  const membership = (tx: Tx | Db, groupId: string, userId: string) =>
    tx.select({ role: groupMembers.role, name: users.name, platformRole: users.role }).from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).get();
  const leadCount = (tx: Tx, groupId: string) =>
    tx.select({ n: count() }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, 'lead'))).get()?.n ?? 0;

  function announce(groupId: string, userId: string, entry: ReturnType<typeof recordActivity>) {
    events.accessChanged(groupId, userId);
    events.updated(groupId, 'members');
    events.activity(groupId, entry);
  }

  return {
    list(user: SessionUser, groupId: string): GroupMember[] {
      requireGroupAccess(db, user, groupId, 'see');
      const order = sql`case ${groupMembers.role} when 'lead' then 0 when 'member' then 1 when 'commenter' then 2 else 3 end`;
      return db.select({
        userId: users.id, name: users.name, profession: users.profession, organisationName: organisations.name,
        platformRole: users.role, role: groupMembers.role, joinedAt: groupMembers.createdAt,
      }).from(groupMembers).innerJoin(users, eq(users.id, groupMembers.userId))
        .innerJoin(organisations, eq(organisations.id, users.organisationId))
        .where(eq(groupMembers.groupId, groupId)).orderBy(order, asc(users.name)).all()
        .map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }));
    },

    /** People a lead may add, found by name: active, not yet in, allowed by the group's visibility. */
    candidates(user: SessionUser, groupId: string, q: string): Candidate[] {
      requireGroupAccess(db, user, groupId, 'lead');
      const group = db.select({ visibility: groups.visibility }).from(groups).where(eq(groups.id, groupId)).get()!;
      const inGroup = db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
      const where = [
        eq(users.disabled, false), notInArray(users.id, inGroup),
        or(contains(users.name, q), contains(organisations.name, q)),
        ...(group.visibility === 'platform' ? [notInArray(users.role, ['association'])] : []),
      ];
      return db.select({ id: users.id, name: users.name, profession: users.profession, organisationName: organisations.name, platformRole: users.role })
        .from(users).innerJoin(organisations, eq(organisations.id, users.organisationId))
        .where(and(...where)).orderBy(asc(users.name)).limit(20).all();
    },

    add(user: SessionUser, groupId: string, userId: string, role: GroupRole): void {
      requireGroupAccess(db, user, groupId, 'lead');
      const entry = db.transaction((tx) => {
        const person = tx.select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, userId)).get();
        if (!person || person.disabled) throw notFound('Cette personne');
        return insertMember(tx, groupId, person, role, user.id);
      });
      announce(groupId, userId, entry);
      mail.added(groupId, userId, role, user.name);
    },

    changeRole(user: SessionUser, groupId: string, userId: string, role: GroupRole): void {
      requireGroupAccess(db, user, groupId, 'lead');
      const entry = db.transaction((tx) => {
        const current = membership(tx, groupId, userId);
        if (!current) throw notFound('Ce membre du groupe');
        if (current.role === role) return null;
        const group = tx.select({ visibility: groups.visibility }).from(groups).where(eq(groups.id, groupId)).get()!;
        const refusal = membershipRefusal(current.platformRole, group.visibility, role);
        if (refusal) throw badRequest(refusal, 'membership_refused');
        if (current.role === 'lead' && leadCount(tx, groupId) <= 1) throw conflict(LAST_LEAD, 'last_lead');
        tx.update(groupMembers).set({ role }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).run();
        return recordActivity(tx, { groupId, userId: user.id, kind: 'member.role_changed', subjectId: userId, subjectTitle: current.name, detail: role });
      });
      if (entry) announce(groupId, userId, entry);
    },

    /** A lead removes someone, or a person leaves (userId is their own). */
    remove(user: SessionUser, groupId: string, userId: string): void {
      const leaving = userId === user.id;
      requireGroupAccess(db, user, groupId, leaving ? 'see' : 'lead');
      const entry = db.transaction((tx) => {
        const current = membership(tx, groupId, userId);
        if (!current) throw notFound('Ce membre du groupe');
        if (current.role === 'lead' && leadCount(tx, groupId) <= 1) throw conflict(LAST_LEAD, 'last_lead');
        tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).run();
        return recordActivity(tx, {
          groupId, userId: user.id, kind: leaving ? 'member.left' : 'member.removed', subjectId: userId, subjectTitle: current.name,
        });
      });
      announce(groupId, userId, entry);
    },
  };
}
