import { desc, inArray, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { threads } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { HomeGroup, HomeThread } from '../../../shared/home.schema';
import { HOME } from '../../../shared/limits';
import { unreadCounts } from '../threads/threads.present';
import { readableCategories } from '../threads/threads.service';

/**
 * Discussions with messages the person has not read: in their groups, and in the forum
 * categories they may read (association accounts only see those opened to them).
 */
export function unreadDiscussions(db: Db, user: SessionUser, groups: HomeGroup[]): HomeThread[] {
  const categories = readableCategories(db, user).map(({ c }) => c);
  const groupIds = groups.map((g) => g.id);
  const categoryIds = categories.map((c) => c.id);
  const scopes = [
    ...(groupIds.length ? [inArray(threads.groupId, groupIds)] : []),
    ...(categoryIds.length ? [inArray(threads.categoryId, categoryIds)] : []),
  ];
  if (scopes.length === 0) return [];
  const rows = db.select({ id: threads.id, title: threads.title, groupId: threads.groupId, categoryId: threads.categoryId, lastMessageAt: threads.lastMessageAt })
    .from(threads).where(or(...scopes)).orderBy(desc(threads.lastMessageAt)).all();
  const unread = unreadCounts(db, user.id, rows.map((r) => r.id));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const categoryNames = new Map(categories.map((c) => [c.id, c.name]));
  return rows.filter((r) => (unread.get(r.id) ?? 0) > 0).slice(0, HOME.unreadThreadsMax).map((r) => ({
    id: r.id,
    title: r.title,
    unread: unread.get(r.id)!,
    lastMessageAt: r.lastMessageAt.toISOString(),
    place: r.groupId
      ? { kind: 'group' as const, id: r.groupId, name: groupNames.get(r.groupId) ?? '' }
      : { kind: 'forum' as const, id: r.categoryId!, name: categoryNames.get(r.categoryId!) ?? '' },
  }));
}
