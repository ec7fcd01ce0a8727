import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { documents, events, threads } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { LinkKind } from '../../../shared/actions.schema';
import { groupAccess } from '../groups/groups.policy';
import { threadAccess } from '../threads/threads.policy';
import { eventAccess } from '../events/events.policy';

/**
 * What a link points to, if this person may open it: each feature's own policy decides, so a link
 * never shows a private group's document (nor even its title) to someone outside the group.
 */
export function readableTarget(db: Db, user: SessionUser, kind: LinkKind, targetId: string): { title: string } | null {
  if (kind === 'document') {
    const doc = db.select({ title: documents.title, groupId: documents.groupId, deletedAt: documents.deletedAt })
      .from(documents).where(eq(documents.id, targetId)).get();
    return doc && !doc.deletedAt && groupAccess(db, user, doc.groupId).canRead ? { title: doc.title } : null;
  }
  if (kind === 'thread') {
    const thread = db.select({ title: threads.title }).from(threads).where(eq(threads.id, targetId)).get();
    return thread && threadAccess(db, user, targetId).canRead ? { title: thread.title } : null;
  }
  const event = db.select({ title: events.title }).from(events).where(eq(events.id, targetId)).get();
  return event && eventAccess(db, user, targetId)?.canSee ? { title: event.title } : null;
}

/** Titles of the documents (meeting minutes) this person may read, by id. */
export function readableDocuments(db: Db, user: SessionUser, ids: string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = db.select({ id: documents.id, title: documents.title, groupId: documents.groupId, deletedAt: documents.deletedAt })
    .from(documents).where(inArray(documents.id, unique)).all();
  return new Map(rows.filter((d) => !d.deletedAt && groupAccess(db, user, d.groupId).canRead).map((d) => [d.id, d.title]));
}
