import { and, asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { documentUpdates, documentVersions, documents, notifications, reviewDecisions, reviewRequests, reviewReviewers } from '../schema/index';
import type { SeedContext } from '../seed';
import type { DemoWorld } from './foundation.seed';

const HOUR = 3600_000;

/**
 * The reference programme of the "Lombalgie chronique" group under review: its lead asked the
 * hospital nurse and the rehabilitation doctor; the nurse approved (the state she approved kept as
 * a named version), the doctor has yet to answer and has the request among his notifications.
 */
export function seedReview({ db }: SeedContext, world: DemoWorld): void {
  const programme = db.select({ id: documents.id }).from(documents)
    .where(and(eq(documents.groupId, world.groups.lombalgie), eq(documents.kind, 'reference_programme'))).get();
  if (!programme) return;
  // The text as it stands once every demo edit is in: approved as is, so "changed since" starts clear.
  const updates = db.select({ data: documentUpdates.data }).from(documentUpdates)
    .where(eq(documentUpdates.documentId, programme.id)).orderBy(asc(documentUpdates.id)).all();
  if (updates.length === 0) return;
  const state = { data: Buffer.from(Y.mergeUpdates(updates.map((u) => new Uint8Array(u.data)))) };
  const { animatrice, infirmiere, medecin } = world.people;
  const now = Date.now();
  db.transaction((tx) => {
    tx.update(documents).set({ status: 'in_review' }).where(eq(documents.id, programme.id)).run();
    const round = tx.insert(reviewRequests).values({
      documentId: programme.id, requestedBy: animatrice, createdAt: new Date(now - 26 * HOUR),
      message: 'Pouvez-vous relire les séances collectives (partie 5) et la coordination avec le médecin traitant avant la réunion de jeudi ?',
    }).returning({ id: reviewRequests.id }).get();
    tx.insert(reviewReviewers).values([{ requestId: round.id, userId: infirmiere }, { requestId: round.id, userId: medecin }]).run();
    const version = tx.insert(documentVersions).values({
      documentId: programme.id, kind: 'named', name: 'Approuvé par Nadia Benali', state: state.data, createdBy: infirmiere, createdAt: new Date(now - 3 * HOUR),
    }).returning({ id: documentVersions.id }).get();
    tx.insert(reviewDecisions).values({
      requestId: round.id, reviewerId: infirmiere, decision: 'approved', versionId: version.id, createdAt: new Date(now - 3 * HOUR),
      note: 'Les séances collectives me vont ; la grille d’évaluation des compétences est claire.',
    }).run();
    tx.insert(notifications).values([
      { userId: infirmiere, kind: 'review_requested', documentId: programme.id, actorId: animatrice, createdAt: new Date(now - 26 * HOUR), readAt: new Date(now - 4 * HOUR) },
      { userId: medecin, kind: 'review_requested', documentId: programme.id, actorId: animatrice, createdAt: new Date(now - 26 * HOUR) },
      { userId: animatrice, kind: 'review_approved', documentId: programme.id, actorId: infirmiere, createdAt: new Date(now - 3 * HOUR) },
    ]).run();
  });
}
