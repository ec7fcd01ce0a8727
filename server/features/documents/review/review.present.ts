import { asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../../db/client';
import { documentVersions, reviewDecisions, reviewRequests, reviewReviewers, users } from '../../../../db/schema/index';
import type { Review, Reviewer } from '../../../../shared/review.schema';

export type ReviewRequestRow = typeof reviewRequests.$inferSelect;
type DecisionRow = typeof reviewDecisions.$inferSelect;

/** The latest round of a document (open or closed), or undefined when none was ever sent. */
export function latestRound(db: Db, documentId: string): ReviewRequestRow | undefined {
  return db.select().from(reviewRequests).where(eq(reviewRequests.documentId, documentId))
    .orderBy(desc(reviewRequests.createdAt)).limit(1).get();
}

/** Each reviewer of a round, with their latest decision (or none yet). */
export function reviewersOf(db: Db, requestId: string) {
  const people = db.select({ id: users.id, name: users.name }).from(reviewReviewers)
    .innerJoin(users, eq(users.id, reviewReviewers.userId))
    .where(eq(reviewReviewers.requestId, requestId)).orderBy(asc(users.name)).all();
  const latest = new Map<string, DecisionRow>();
  for (const d of db.select().from(reviewDecisions).where(eq(reviewDecisions.requestId, requestId)).orderBy(asc(reviewDecisions.createdAt)).all()) {
    latest.set(d.reviewerId, d);
  }
  return people.map((p) => ({ ...p, latest: latest.get(p.id) }));
}

/** The stored states approved, by version id (a version a lead deleted is simply absent). */
export function approvedStates(db: Db, versionIds: string[]): Map<string, Uint8Array> {
  if (versionIds.length === 0) return new Map();
  return new Map(db.select({ id: documentVersions.id, state: documentVersions.state }).from(documentVersions)
    .where(inArray(documentVersions.id, versionIds)).all().map((v) => [v.id, v.state]));
}

/**
 * A round as the panel shows it. `changed` says, for each approval's version, whether the text
 * has changed since (computed by the caller in the render pool: it reads whole documents).
 */
export function presentRound(db: Db, round: ReviewRequestRow, changed: Map<string, boolean>): Review {
  const people = alias(users, 'closer');
  const names = db.select({ requester: users.name, closer: people.name }).from(reviewRequests)
    .leftJoin(users, eq(users.id, reviewRequests.requestedBy))
    .leftJoin(people, eq(people.id, reviewRequests.closedBy))
    .where(eq(reviewRequests.id, round.id)).get();
  const reviewers: Reviewer[] = reviewersOf(db, round.id).map(({ id, name, latest }) => ({
    id,
    name,
    decision: latest?.decision ?? 'pending',
    note: latest?.note ?? '',
    decidedAt: latest ? latest.createdAt.toISOString() : null,
    versionId: latest?.versionId ?? null,
    changedSinceApproval: latest?.decision === 'approved' && latest.versionId && changed.has(latest.versionId) ? changed.get(latest.versionId)! : null,
  }));
  return {
    id: round.id,
    state: round.state,
    message: round.message,
    requestedBy: round.requestedBy && names?.requester ? { id: round.requestedBy, name: names.requester } : null,
    createdAt: round.createdAt.toISOString(),
    reviewers,
    allApproved: reviewers.length > 0 && reviewers.every((r) => r.decision === 'approved'),
    closedBy: round.closedBy && names?.closer ? { id: round.closedBy, name: names.closer } : null,
    closedAt: round.closedAt ? round.closedAt.toISOString() : null,
    closeNote: round.closeNote,
  };
}
