import { and, eq, gt, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activity, documents, documentUpdates, documentVisits, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { HomeDocument, HomeGroup } from '../../../shared/home.schema';
import { HOME } from '../../../shared/limits';

/** Activity lines that mean "the document changed" (its text, its status, its return from the trash). */
const CHANGES = ['document.created', 'document.edited', 'document.status_changed', 'document.restored', 'document.version_named'] as const;

interface Change { documentId: string; userId: string; name: string; at: number }

/**
 * Documents of the person's groups that others changed since the person last had them open.
 * Two sources, because each misses something: the update log says exactly who typed and when,
 * but compaction folds old entries away; the activity lines outlive compaction, but record typing
 * only once per person every few minutes.
 */
export function changedDocuments(db: Db, user: SessionUser, groups: HomeGroup[], now = Date.now()): HomeDocument[] {
  const groupIds = groups.map((g) => g.id);
  if (groupIds.length === 0) return [];
  const horizon = new Date(now - HOME.changedWithinMs);
  const mine = and(eq(documentVisits.documentId, documents.id), eq(documentVisits.userId, user.id));
  const live = and(inArray(documents.groupId, groupIds), isNull(documents.deletedAt));

  const fromActivity: Change[] = db.select({ documentId: documents.id, userId: activity.userId, name: users.name, at: activity.createdAt })
    .from(activity)
    .innerJoin(documents, eq(documents.id, activity.subjectId))
    .innerJoin(users, eq(users.id, activity.userId))
    .leftJoin(documentVisits, mine)
    .where(and(live, inArray(activity.kind, [...CHANGES]), isNotNull(activity.userId), ne(activity.userId, user.id),
      gt(activity.createdAt, horizon), sql`${activity.createdAt} > coalesce(${documentVisits.visitedAt}, 0)`))
    .all().map((r) => ({ documentId: r.documentId, userId: r.userId!, name: r.name, at: r.at.getTime() }));

  const latest = sql<number>`max(${documentUpdates.createdAt})`;
  const fromLog: Change[] = db.select({ documentId: documents.id, userId: documentUpdates.userId, name: users.name, at: latest })
    .from(documentUpdates)
    .innerJoin(documents, eq(documents.id, documentUpdates.documentId))
    .innerJoin(users, eq(users.id, documentUpdates.userId))
    .leftJoin(documentVisits, mine)
    .where(and(live, isNotNull(documentUpdates.userId), ne(documentUpdates.userId, user.id), gt(documentUpdates.createdAt, horizon),
      sql`${documentUpdates.createdAt} > coalesce(${documentVisits.visitedAt}, 0)`))
    .groupBy(documents.id, documentUpdates.userId)
    .all().map((r) => ({ documentId: r.documentId, userId: r.userId!, name: r.name, at: Number(r.at) }));

  // Per document, each person's latest change.
  const byDocument = new Map<string, Map<string, Change>>();
  for (const c of [...fromActivity, ...fromLog]) {
    const people = byDocument.get(c.documentId) ?? new Map<string, Change>();
    if ((people.get(c.userId)?.at ?? 0) < c.at) people.set(c.userId, c);
    byDocument.set(c.documentId, people);
  }
  const ranked = [...byDocument.entries()]
    .map(([documentId, people]) => ({ documentId, changes: [...people.values()].sort((a, b) => b.at - a.at) }))
    .sort((a, b) => b.changes[0].at - a.changes[0].at)
    .slice(0, HOME.changedDocumentsMax);
  if (ranked.length === 0) return [];

  const ids = ranked.map((r) => r.documentId);
  const meta = new Map(db.select({ id: documents.id, title: documents.title, status: documents.status, publishedVersion: documents.publishedVersion, groupId: documents.groupId, visitedAt: documentVisits.visitedAt })
    .from(documents).leftJoin(documentVisits, mine).where(inArray(documents.id, ids)).all().map((d) => [d.id, d]));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  return ranked.map(({ documentId, changes }) => {
    const d = meta.get(documentId)!;
    return {
      id: d.id,
      title: d.title,
      status: d.status,
      publishedVersion: d.publishedVersion,
      groupId: d.groupId,
      groupName: groupNames.get(d.groupId) ?? '',
      changedAt: new Date(changes[0].at).toISOString(),
      changedBy: changes.slice(0, HOME.editorsShown).map((c) => c.name),
      othersCount: Math.max(0, changes.length - HOME.editorsShown),
      seenBefore: d.visitedAt !== null,
    };
  });
}

/** Records that the person has the document open now (on opening it and on leaving it). */
export function recordVisit(db: Db, userId: string, documentId: string, at = new Date()): void {
  db.insert(documentVisits).values({ userId, documentId, visitedAt: at })
    .onConflictDoUpdate({ target: [documentVisits.userId, documentVisits.documentId], set: { visitedAt: at } }).run();
}
