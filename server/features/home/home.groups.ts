import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { documents, groupMembers, groups, threads } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { HomeGroup, NavigationGroup } from '../../../shared/home.schema';
import { HOME } from '../../../shared/limits';
import { groupAccess } from '../groups/groups.policy';
import { unreadCounts } from '../threads/threads.present';

/**
 * The person's groups: those they belong to, each checked with the group policy. A coordinator
 * may read every group, but their day is about the groups they work in, not the whole region.
 */
export function myGroups(db: Db, user: SessionUser): HomeGroup[] {
  return db.select({ id: groups.id, name: groups.name, role: groupMembers.role })
    .from(groupMembers).innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, user.id)).orderBy(asc(groups.name)).limit(HOME.navGroupsMax).all()
    .filter((g) => groupAccess(db, user, g.id).canRead);
}

/** The side navigation: each group with its latest documents and discussions, and unread counts. */
export function navigation(db: Db, user: SessionUser): NavigationGroup[] {
  const mine = myGroups(db, user);
  const ids = mine.map((g) => g.id);
  if (ids.length === 0) return [];
  const allThreads = db.select({ id: threads.id, groupId: threads.groupId, title: threads.title, lastMessageAt: threads.lastMessageAt })
    .from(threads).where(inArray(threads.groupId, ids)).orderBy(desc(threads.lastMessageAt)).all();
  const unread = unreadCounts(db, user.id, allThreads.map((t) => t.id));
  return mine.map((g) => {
    const own = allThreads.filter((t) => t.groupId === g.id);
    const docs = db.select({ id: documents.id, title: documents.title }).from(documents)
      .where(and(eq(documents.groupId, g.id), isNull(documents.deletedAt)))
      .orderBy(desc(documents.updatedAt)).limit(HOME.navDocumentsPerGroup).all();
    return {
      ...g,
      unread: own.reduce((n, t) => n + (unread.get(t.id) ?? 0), 0),
      documents: docs,
      threads: own.slice(0, HOME.navThreadsPerGroup).map((t) => ({ id: t.id, title: t.title, unread: unread.get(t.id) ?? 0 })),
    };
  });
}
