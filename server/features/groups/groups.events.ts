import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { groupMembers } from '../../../db/schema/index';
import { userRoom } from '../../core/socket-io';
import { GROUP_EVENTS, type ActivityEntry, type GroupUpdatedPayload } from '../../../shared/groups.schema';
import { announceActivity } from './activity';
import { groupRoom } from './groups.policy';

/**
 * What the groups services announce, always after their transaction has committed. The bus
 * comes first: live connections that lost their access are cut before anything else is sent.
 */
export function groupsEvents(app: FastifyInstance) {
  return {
    /** A person's place in a group changed (added, role changed, removed, request decided). */
    accessChanged(groupId: string, userId: string) {
      app.bus.emit('group.access.changed', { groupId, userId });
      app.io.to(userRoom(userId)).emit(GROUP_EVENTS.mineChanged, { groupId });
    },
    /** Visibility or opening to associations changed: every connection of the group re-checks. */
    visibilityChanged(groupId: string) {
      app.bus.emit('group.changed', { groupId });
    },
    /** A request to join arrived or was withdrawn: the leads' lists show how many wait, wherever they are. */
    requestsChanged(groupId: string) {
      const payload: GroupUpdatedPayload = { groupId, what: 'requests' };
      app.io.to(groupRoom(groupId)).emit(GROUP_EVENTS.updated, payload);
      const leads = app.db.select({ userId: groupMembers.userId }).from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, 'lead'))).all();
      for (const { userId } of leads) app.io.to(userRoom(userId)).emit(GROUP_EVENTS.mineChanged, { groupId });
    },
    updated(groupId: string, what: GroupUpdatedPayload['what']) {
      const payload: GroupUpdatedPayload = { groupId, what };
      app.io.to(groupRoom(groupId)).emit(GROUP_EVENTS.updated, payload);
    },
    activity(groupId: string, entry: ActivityEntry) {
      announceActivity(app.io, groupId, entry);
    },
  };
}
