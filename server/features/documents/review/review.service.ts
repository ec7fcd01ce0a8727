import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../db/client';
import { documents, reviewDecisions, reviewRequests, reviewReviewers } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import { DOCUMENT_EVENTS, documentUpdatedPayloadSchema } from '../../../../shared/documents.schema';
import {
  REVIEW_EVENTS, reviewUpdatedPayloadSchema, type ReviewDecisionCreate, type ReviewReply, type ReviewRequestCreate,
} from '../../../../shared/review.schema';
import { AppError, badRequest, conflict, forbidden } from '../../../core/errors';
import { announceActivity, recordActivity } from '../../groups/activity';
import { groupRoom } from '../../groups/groups.policy';
import { notifyAboutDocument } from '../../threads/notifications.service';
import type { CollabService } from '../collab/collab.types';
import { requireDocument, type DocumentRow } from '../documents.policy';
import { presentDocument, selectDocuments } from '../documents.present';
import type { Renderer } from '../render/render.pool';
import type { VersionsService } from '../versions/versions.service';
import { approvedStates, latestRound, presentRound, reviewersOf, type ReviewRequestRow } from './review.present';
import { mayReview, reviewCandidates } from './review.policy';

const noOpenReview = () => conflict('Ce document n’a pas de relecture en cours.', 'no_open_review');

/** The open round of a document, if any. */
export function openRound(db: Db, documentId: string): ReviewRequestRow | undefined {
  const round = latestRound(db, documentId);
  return round?.state === 'open' ? round : undefined;
}

/**
 * Called by the status workflow (documents.service.ts): taking a document back to draft withdraws
 * its open round; validating while a round is open goes through the review (approvals or a note).
 * Returns whether a round was withdrawn (the caller then tells the open pages).
 */
export function reviewStatusGuard(db: Db, documentId: string, from: string, to: string, userId: string): boolean {
  const round = openRound(db, documentId);
  if (!round) return false;
  if (from === 'in_review' && to === 'validated') {
    throw conflict('Une relecture est en cours : validez depuis le panneau « Relecture », qui montre les approbations.', 'review_open');
  }
  if (to === 'draft') {
    db.update(reviewRequests).set({ state: 'withdrawn', closedBy: userId, closedAt: new Date() }).where(eq(reviewRequests.id, round.id)).run();
    return true;
  }
  return false;
}

/**
 * Review of documents: send for review naming reviewers, their decisions (an approval records the
 * state approved as a named version), and a lead's validation. Every write commits, then tells the
 * group's room (open document pages fetch the review again) and notifies the people concerned.
 */
export function reviewService(app: FastifyInstance, collab: CollabService, render: Renderer, versions: VersionsService) {
  const { db } = app;

  function announce(document: DocumentRow, statusChanged: boolean) {
    const room = app.io.to(groupRoom(document.groupId));
    if (statusChanged) {
      const meta = presentDocument(selectDocuments(db).where(eq(documents.id, document.id)).get()!);
      room.emit(DOCUMENT_EVENTS.updated, documentUpdatedPayloadSchema.parse({ document: meta }));
    }
    room.emit(REVIEW_EVENTS.updated, reviewUpdatedPayloadSchema.parse({ documentId: document.id }));
  }

  /** Moves the document's status and writes its activity line, in the caller's transaction. */
  function setStatus(tx: Pick<Db, 'update' | 'insert' | 'select'>, document: DocumentRow, userId: string, status: 'in_review' | 'validated') {
    tx.update(documents).set({ status, updatedAt: new Date() }).where(eq(documents.id, document.id)).run();
    return recordActivity(tx, { groupId: document.groupId, userId, kind: 'document.status_changed', subjectId: document.id, subjectTitle: document.title, detail: status });
  }

  /** For each approval still in the history: has the text changed since? Read in the render pool. */
  async function compareWithApprovals(documentId: string, ids: string[]): Promise<Map<string, boolean>> {
    const states = approvedStates(db, ids);
    if (states.size === 0) return new Map();
    const entries = [...states];
    // The current text of a large document is read from SQLite by the worker itself.
    const same = await render.sameAsEach(await collab.stateSource(documentId), entries.map(([, state]) => state));
    return new Map(entries.map(([id], i) => [id, !same[i]]));
  }

  // Every open page fetches the round after each decision: one comparison per state of the text,
  // shared by all of them, instead of one per reader in the pool. The state is named by the last
  // update logged (ids only grow, compaction included; every accepted update is logged within the
  // event-loop turn that received it). Not updated_at: edits bump it at most every few minutes.
  const compared = new Map<string, Promise<Map<string, boolean>>>();
  const logPosition = app.sqlite.prepare<[string, string], { at: number | null }>(
    `SELECT max(coalesce((SELECT max(id) FROM document_updates WHERE document_id = ?), 0),
                coalesce((SELECT through_update_id FROM document_snapshots WHERE document_id = ?), 0)) AS at`,
  );
  function changedSinceApprovals(documentId: string, round: ReviewRequestRow, fresh = false): Promise<Map<string, boolean>> {
    const ids = reviewersOf(db, round.id).filter((r) => r.latest?.decision === 'approved' && r.latest.versionId).map((r) => r.latest!.versionId!);
    if (ids.length === 0) return Promise.resolve(new Map());
    if (fresh) return compareWithApprovals(documentId, ids);
    const key = `${documentId}:${logPosition.get(documentId, documentId)?.at ?? 0}:${ids.join(',')}`;
    let pending = compared.get(key);
    if (!pending) {
      pending = compareWithApprovals(documentId, ids);
      compared.set(key, pending);
      pending.catch(() => compared.delete(key));
      if (compared.size > 200) compared.delete(compared.keys().next().value!);
    }
    return pending;
  }

  return {
    async get(user: SessionUser, documentId: string): Promise<ReviewReply> {
      const { document, access } = requireDocument(db, user, documentId, 'read');
      const round = latestRound(db, documentId);
      const open = round?.state === 'open';
      return {
        review: round ? presentRound(db, round, await changedSinceApprovals(documentId, round)) : null,
        candidates: access.canWrite ? reviewCandidates(db, document.groupId).filter((p) => p.id !== user.id) : [],
        access: {
          canRequest: access.canWrite && !open && (document.status === 'draft' || document.status === 'in_review'),
          canValidate: access.canLead && open,
        },
      };
    },

    request(user: SessionUser, documentId: string, input: ReviewRequestCreate): Promise<ReviewReply> {
      const { document } = requireDocument(db, user, documentId, 'write');
      if (openRound(db, documentId)) throw conflict('Une relecture de ce document est déjà en cours.', 'review_open');
      if (document.status !== 'draft' && document.status !== 'in_review') {
        throw conflict('Seul un brouillon peut être envoyé en relecture : repassez d’abord le document en brouillon.', 'invalid_transition');
      }
      const ids = [...new Set(input.reviewerIds)];
      if (ids.includes(user.id)) throw badRequest('Vous ne pouvez pas relire votre propre demande : nommez d’autres personnes du groupe.', 'self_review');
      if (reviewCandidates(db, document.groupId, ids).length !== ids.length) {
        throw badRequest('Les relecteurs et relectrices doivent être membres ou animateurs du groupe (pas observateurs).', 'invalid_reviewer');
      }
      const entry = db.transaction((tx) => {
        const round = tx.insert(reviewRequests).values({ documentId, requestedBy: user.id, message: input.message ?? '' }).returning().get();
        tx.insert(reviewReviewers).values(ids.map((userId) => ({ requestId: round.id, userId }))).run();
        return document.status === 'draft' ? setStatus(tx, document, user.id, 'in_review') : null;
      });
      if (entry) announceActivity(app.io, document.groupId, entry);
      announce(document, entry !== null);
      notifyAboutDocument(app, documentId, user.id, ids.map((userId) => ({ userId, kind: 'review_requested' as const })));
      return this.get(user, documentId);
    },

    async decide(user: SessionUser, documentId: string, input: ReviewDecisionCreate): Promise<ReviewReply> {
      const { document } = requireDocument(db, user, documentId, 'read');
      const round = openRound(db, documentId);
      if (!round) throw noOpenReview();
      const mine = reviewersOf(db, round.id).find((r) => r.id === user.id);
      if (!mine) throw forbidden('Seules les personnes nommées pour relire ce document peuvent l’approuver ou demander des modifications.');
      if (!mayReview(db, document.groupId, user.id)) throw forbidden('Votre rôle dans le groupe ne permet plus de relire ce document.');
      const note = (input.note ?? '').trim();
      if (input.decision === 'changes_requested' && !note) {
        throw badRequest('Dites quelles modifications vous demandez (une note est requise).', 'note_required');
      }
      let versionId: string | null = null;
      if (input.decision === 'approved') {
        if (mine.latest?.decision === 'approved' && mine.latest.versionId && (await changedSinceApprovals(documentId, round, true)).get(mine.latest.versionId) === false) {
          throw conflict('Vous avez déjà approuvé le document dans cet état.', 'already_approved');
        }
        // The state approved, kept in the history under a name people recognise.
        versionId = await versions.snapshot(documentId, 'named', user.id, `Approuvé par ${mine.name}`.slice(0, 120));
      }
      // The round may have closed while the version was being recorded.
      if (openRound(db, documentId)?.id !== round.id) throw noOpenReview();
      db.insert(reviewDecisions).values({ requestId: round.id, reviewerId: user.id, decision: input.decision, note, versionId }).run();
      announce(document, false);
      if (round.requestedBy) {
        notifyAboutDocument(app, documentId, user.id, [{ userId: round.requestedBy, kind: input.decision === 'approved' ? 'review_approved' : 'review_changes_requested' }]);
      }
      return this.get(user, documentId);
    },

    validate(user: SessionUser, documentId: string, noteInput: string | undefined): Promise<ReviewReply> {
      const { document } = requireDocument(db, user, documentId, 'lead');
      const round = openRound(db, documentId);
      if (!round) throw noOpenReview();
      if (document.status !== 'in_review') throw conflict('Ce document n’est pas en relecture.', 'invalid_transition');
      const reviewers = reviewersOf(db, round.id);
      const allApproved = reviewers.length > 0 && reviewers.every((r) => r.latest?.decision === 'approved');
      const note = (noteInput ?? '').trim();
      if (!allApproved && !note) {
        throw new AppError(400, 'override_note_required', 'Toutes les approbations ne sont pas là : dites pourquoi vous validez quand même (une note est requise).');
      }
      const entry = db.transaction((tx) => {
        tx.update(reviewRequests).set({ state: allApproved ? 'validated' : 'overridden', closedBy: user.id, closedAt: new Date(), closeNote: note || null })
          .where(and(eq(reviewRequests.id, round.id), eq(reviewRequests.state, 'open'))).run();
        return setStatus(tx, document, user.id, 'validated');
      });
      announceActivity(app.io, document.groupId, entry);
      announce(document, true);
      const told = [...new Set([round.requestedBy, ...reviewers.map((r) => r.id)].filter((id): id is string => !!id))];
      notifyAboutDocument(app, documentId, user.id, told.map((userId) => ({ userId, kind: 'review_validated' as const })));
      return this.get(user, documentId);
    },
  };
}
export type ReviewService = ReturnType<typeof reviewService>;
