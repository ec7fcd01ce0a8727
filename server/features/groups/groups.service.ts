import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groupJoinRequests, groupMembers, groups, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { GroupRole } from '../../../shared/roles';
import type { GroupReply, GroupSummary, groupInputSchema, groupUpdateSchema } from '../../../shared/groups.schema';
import type { z } from 'zod';
import { conflict, forbidden } from '../../core/errors';
import { recordActivity } from './activity';
import { groupAccess, mayCreateGroup, requireGroupAccess } from './groups.policy';
import { groupsEvents } from './groups.events';

type GroupRow = typeof groups.$inferSelect;

/** Themes compared without case, in the order given: "Lombalgie" and "lombalgie" are one theme. */
function uniqueThemes(themes: string[]): string[] {
  const seen = new Set<string>();
  return themes.filter((t) => !seen.has(t.toLocaleLowerCase('fr')) && !!seen.add(t.toLocaleLowerCase('fr')));
}

export function groupsService(app: FastifyInstance) {
  const { db } = app;
  const events = groupsEvents(app);

  // Written out: drizzle leaves columns unqualified inside sql``, which a correlated subquery cannot afford.
  const memberCount = sql<number>`(select count(*) from "group_members" m where m."group_id" = "groups"."id")`.as('member_count');
  const requestCount = sql<number>`(select count(*) from "group_join_requests" r where r."group_id" = "groups"."id")`.as('request_count');

  type Counted = GroupRow & { memberCount: number; requestCount: number };
  function summarise(user: SessionUser, row: Counted, myRole: GroupRole | null, pending: boolean): GroupSummary {
    const visibility = row.visibility;
    const access = groupAccess(db, user, row.id);
    return {
      id: row.id, name: row.name, description: row.description, themes: row.themes, visibility,
      openToAssociations: row.openToAssociations, memberCount: row.memberCount, myRole, myRequestPending: pending,
      canRequest: myRole === null && !pending && visibility !== 'private' && access.canSee,
      pendingRequests: access.canLead ? row.requestCount : 0,
    };
  }

  return {
    /** My groups, then the ones I may see without being in them (with whether I may ask to join). */
    list(user: SessionUser): { mine: GroupSummary[]; others: GroupSummary[] } {
      const rows = db.select({ group: groups, memberCount, requestCount }).from(groups).orderBy(asc(groups.name)).all();
      const roles = new Map(db.select({ groupId: groupMembers.groupId, role: groupMembers.role }).from(groupMembers)
        .where(eq(groupMembers.userId, user.id)).all().map((r) => [r.groupId, r.role]));
      const pending = new Set(db.select({ groupId: groupJoinRequests.groupId }).from(groupJoinRequests)
        .where(eq(groupJoinRequests.userId, user.id)).all().map((r) => r.groupId));
      const mine: GroupSummary[] = [];
      const others: GroupSummary[] = [];
      for (const { group, ...counts } of rows) {
        const role = roles.get(group.id) ?? null;
        if (role) mine.push(summarise(user, { ...group, ...counts }, role, false));
        else if (groupAccess(db, user, group.id).canSee) others.push(summarise(user, { ...group, ...counts }, null, pending.has(group.id)));
      }
      return { mine, others };
    },

    get(user: SessionUser, groupId: string): GroupReply {
      const access = requireGroupAccess(db, user, groupId, 'see');
      const row = db.select({ group: groups, memberCount, requestCount }).from(groups).where(eq(groups.id, groupId)).get()!;
      const pending = !!db.select({ id: groupJoinRequests.id }).from(groupJoinRequests)
        .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.userId, user.id))).get();
      const { groupId: _g, ...accessReply } = access;
      return {
        group: { ...summarise(user, { ...row.group, memberCount: row.memberCount, requestCount: row.requestCount }, access.role, pending), createdAt: row.group.createdAt.toISOString() },
        access: accessReply,
      };
    },

    create(user: SessionUser, input: z.output<typeof groupInputSchema>): GroupReply {
      if (!mayCreateGroup(user)) throw forbidden('Les comptes association ne peuvent pas créer de groupe.');
      const groupId = db.transaction((tx) => {
        const created = tx.insert(groups).values({
          ...input, themes: uniqueThemes(input.themes), openToAssociations: input.visibility === 'public' && input.openToAssociations, createdBy: user.id,
        }).returning({ id: groups.id }).get();
        tx.insert(groupMembers).values({ groupId: created.id, userId: user.id, role: 'lead' }).run();
        recordActivity(tx, { groupId: created.id, userId: user.id, kind: 'group.created', subjectId: created.id, subjectTitle: input.name });
        return created.id;
      });
      events.accessChanged(groupId, user.id);
      return this.get(user, groupId);
    },

    update(user: SessionUser, groupId: string, change: z.output<typeof groupUpdateSchema>): GroupReply {
      requireGroupAccess(db, user, groupId, 'lead');
      const { entry, visibilityChanged } = db.transaction((tx) => {
        const before = tx.select().from(groups).where(eq(groups.id, groupId)).get()!;
        const visibility = change.visibility ?? before.visibility;
        const open = visibility === 'public' && (change.openToAssociations ?? before.openToAssociations);
        if (visibility === 'platform') {
          const associations = tx.select({ n: count() }).from(groupMembers).innerJoin(users, eq(users.id, groupMembers.userId))
            .where(and(eq(groupMembers.groupId, groupId), inArray(users.role, ['association']))).get()?.n ?? 0;
          if (associations > 0) {
            throw conflict('Des comptes association sont membres de ce groupe : retirez-les avant de le réserver aux membres de la plateforme.', 'associations_in_group');
          }
        }
        tx.update(groups).set({
          ...change, ...(change.themes ? { themes: uniqueThemes(change.themes) } : {}), visibility, openToAssociations: open,
        }).where(eq(groups.id, groupId)).run();
        const name = change.name ?? before.name;
        return {
          entry: recordActivity(tx, { groupId, userId: user.id, kind: 'group.updated', subjectId: groupId, subjectTitle: name }),
          visibilityChanged: visibility !== before.visibility || open !== before.openToAssociations,
        };
      });
      if (visibilityChanged) events.visibilityChanged(groupId);
      events.updated(groupId, 'details');
      events.activity(groupId, entry);
      return this.get(user, groupId);
    },
  };
}
