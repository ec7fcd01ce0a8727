import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerDb } from '../../../db/prepared';
import { forumCategories, threadMutes, threads } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { groupAccess } from '../groups/groups.policy';

/** Where a thread lives: a working group or a forum category. */
export interface ThreadScope {
  groupId: string | null;
  categoryId: string | null;
}

export interface ScopeAccess {
  canRead: boolean;
  /** May start threads and reply (not muted, not an observer, not a read-only category; commenters may). */
  canPost: boolean;
  /** Pin, lock, move, hide, mute: group leads, and coordinators everywhere. */
  canModerate: boolean;
  muted: boolean;
}

export interface ThreadAccess extends ScopeAccess {
  /** May reply in this thread: canPost and the thread is not locked. */
  canReply: boolean;
}

const DENIED: ThreadAccess = { canRead: false, canPost: false, canModerate: false, muted: false, canReply: false };

/** The mute key of a scope: one per group, one for the whole forum. */
export const muteScope = (scope: ThreadScope) => (scope.groupId ? `group:${scope.groupId}` : 'forum');

/** The reads of every thread check (each post, each socket joining a thread), prepared once per database. */
const statements = preparedPerDb((db) => ({
  muted: db.select({ u: threadMutes.userId }).from(threadMutes)
    .where(and(eq(threadMutes.scope, sql.placeholder('scope')), eq(threadMutes.userId, sql.placeholder('userId')))).prepare(),
  category: db.select().from(forumCategories).where(eq(forumCategories.id, sql.placeholder('categoryId'))).prepare(),
  scope: db.select({ groupId: threads.groupId, categoryId: threads.categoryId, locked: threads.locked })
    .from(threads).where(eq(threads.id, sql.placeholder('threadId'))).prepare(),
}));

export function isMuted(db: Db, userId: string, scope: ThreadScope): boolean {
  return Boolean(statements(db).muted.get({ scope: muteScope(scope), userId }));
}

/**
 * Who may do what with threads. Group threads follow the group's policy (`groupAccess`), asked on
 * every check; forum categories follow the coordinators' settings for association accounts.
 */
export function scopeAccess(db: Db, user: SessionUser | null, scope: ThreadScope): ScopeAccess {
  if (!user) return DENIED;
  if (scope.groupId) {
    const a = groupAccess(db, user, scope.groupId);
    if (!a.canRead) return DENIED;
    const muted = isMuted(db, user.id, scope);
    return { canRead: true, canPost: a.canComment && !muted, canModerate: a.canLead, muted };
  }
  if (!scope.categoryId) return DENIED;
  const category = statements(db).category.get({ categoryId: scope.categoryId });
  if (!category) return DENIED;
  const coordinator = user.role === 'coordinator';
  const association = user.role === 'association';
  const canRead = !association || category.associationsRead;
  if (!canRead) return DENIED;
  const muted = isMuted(db, user.id, scope);
  const mayWrite = coordinator || (!category.readOnly && (!association || category.associationsPost));
  return { canRead: true, canPost: mayWrite && !muted, canModerate: coordinator, muted };
}

export function threadScope(db: Db, threadId: string): (ThreadScope & { locked: boolean }) | null {
  return statements(db).scope.get({ threadId }) ?? null;
}

export function threadAccess(db: Db, user: SessionUser | null, threadId: string): ThreadAccess {
  const scope = threadScope(db, threadId);
  if (!scope) return DENIED;
  const a = scopeAccess(db, user, scope);
  return { ...a, canReply: a.canPost && !scope.locked };
}
