import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groupJoinRequests, groups, organisations, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { GroupRole } from '../../../shared/roles';
import type { JoinRequest } from '../../../shared/groups.schema';
import { GROUP_EVENTS } from '../../../shared/groups.schema';
import { badRequest, conflict, notFound } from '../../core/errors';
import { userRoom } from '../../core/socket-io';
import { membershipRefusal, requireGroupAccess } from './groups.policy';
import { insertMember } from './group-members.service';
import { groupsEvents } from './groups.events';
import { groupsMail } from './groups.mail';

/** Asking to join a public or platform group, and the leads' answer. Private groups are by invitation only. */
export function joinRequestsService(app: FastifyInstance) {
  const { db } = app;
  const events = groupsEvents(app);
  const mail = groupsMail(app);

  return {
    create(user: SessionUser, groupId: string, message: string): void {
      const access = requireGroupAccess(db, user, groupId, 'see');
      if (access.role) throw conflict('Vous êtes déjà membre de ce groupe.', 'already_member');
      const group = db.select({ visibility: groups.visibility }).from(groups).where(eq(groups.id, groupId)).get()!;
      if (group.visibility === 'private') throw badRequest('Ce groupe est privé : on y entre seulement sur invitation de ses animateurs.', 'invitation_only');
      const refusal = membershipRefusal(user.role, group.visibility, 'member');
      if (refusal) throw badRequest(refusal, 'membership_refused');
      const inserted = db.insert(groupJoinRequests).values({ groupId, userId: user.id, message })
        .onConflictDoNothing().returning({ id: groupJoinRequests.id }).get();
      if (!inserted) throw conflict('Votre demande est déjà envoyée ; les animateurs du groupe y répondront.', 'already_requested');
      events.requestsChanged(groupId);
      mail.requestReceived(groupId, user.name);
    },

    /** Withdraws my own pending request. */
    withdraw(user: SessionUser, groupId: string): void {
      requireGroupAccess(db, user, groupId, 'see');
      const deleted = db.delete(groupJoinRequests)
        .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.userId, user.id))).returning({ id: groupJoinRequests.id }).get();
      if (!deleted) throw notFound('Votre demande');
      events.requestsChanged(groupId);
    },

    list(user: SessionUser, groupId: string): JoinRequest[] {
      requireGroupAccess(db, user, groupId, 'lead');
      return db.select({
        id: groupJoinRequests.id, userId: users.id, name: users.name, profession: users.profession, organisationName: organisations.name,
        platformRole: users.role, message: groupJoinRequests.message, createdAt: groupJoinRequests.createdAt,
      }).from(groupJoinRequests).innerJoin(users, eq(users.id, groupJoinRequests.userId))
        .innerJoin(organisations, eq(organisations.id, users.organisationId))
        .where(and(eq(groupJoinRequests.groupId, groupId), eq(users.disabled, false))).orderBy(asc(groupJoinRequests.createdAt)).all()
        .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },

    decide(user: SessionUser, groupId: string, requestId: string, decision: 'accept' | 'refuse', role: GroupRole): void {
      requireGroupAccess(db, user, groupId, 'lead');
      const result = db.transaction((tx) => {
        const request = tx.select({ userId: groupJoinRequests.userId, name: users.name, role: users.role }).from(groupJoinRequests)
          .innerJoin(users, eq(users.id, groupJoinRequests.userId))
          .where(and(eq(groupJoinRequests.id, requestId), eq(groupJoinRequests.groupId, groupId))).get();
        if (!request) throw notFound('Cette demande');
        if (decision === 'refuse') {
          tx.delete(groupJoinRequests).where(eq(groupJoinRequests.id, requestId)).run();
          return { userId: request.userId, entry: null };
        }
        const entry = insertMember(tx, groupId, { id: request.userId, name: request.name, role: request.role }, role, user.id);
        return { userId: request.userId, entry };
      });
      events.requestsChanged(groupId);
      if (result.entry) {
        events.accessChanged(groupId, result.userId);
        events.updated(groupId, 'members');
        events.activity(groupId, result.entry);
        mail.added(groupId, result.userId, role, user.name);
      } else {
        app.io.to(userRoom(result.userId)).emit(GROUP_EVENTS.mineChanged, { groupId });
        mail.refused(groupId, result.userId);
      }
    },
  };
}
