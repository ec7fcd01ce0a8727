import { z } from 'zod';
import { REVIEW_LIMITS } from './limits';

/** A review round: open until a lead validates it, or until the document goes back to draft. */
export const REVIEW_STATES = ['open', 'validated', 'overridden', 'withdrawn'] as const;
export const reviewStateSchema = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const REVIEW_DECISIONS = ['approved', 'changes_requested'] as const;
export const reviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);

/** "Envoyer en relecture": reviewers among the group's members and leads, and an optional message. */
export const reviewRequestCreateSchema = z.object({
  reviewerIds: z.array(id).min(1).max(REVIEW_LIMITS.reviewersMax),
  message: text(REVIEW_LIMITS.messageMax).default(''),
});
export type ReviewRequestCreate = z.input<typeof reviewRequestCreateSchema>;

/** A reviewer's decision; a request for changes says which (checked by the service, in French). */
export const reviewDecisionCreateSchema = z.object({
  decision: reviewDecisionSchema,
  note: text(REVIEW_LIMITS.noteMax).default(''),
});
export type ReviewDecisionCreate = z.input<typeof reviewDecisionCreateSchema>;

/** A lead validates; the note is required when not every reviewer has approved (an override). */
export const reviewValidateSchema = z.object({ note: text(REVIEW_LIMITS.noteMax).default('') });

const person = z.object({ id: z.string(), name: z.string() });

export const reviewerSchema = z.object({
  id: z.string(),
  name: z.string(),
  decision: z.enum(['pending', ...REVIEW_DECISIONS]),
  note: z.string(),
  decidedAt: z.string().nullable(),
  /** The named version recorded at the approval (the state approved), when still in the history. */
  versionId: z.string().nullable(),
  /** The text differs from the state approved; null when unknown (no approval, or its version deleted). */
  changedSinceApproval: z.boolean().nullable(),
});
export type Reviewer = z.infer<typeof reviewerSchema>;

export const reviewSchema = z.object({
  id: z.string(),
  state: reviewStateSchema,
  message: z.string(),
  requestedBy: person.nullable(),
  createdAt: z.string(),
  reviewers: z.array(reviewerSchema),
  allApproved: z.boolean(),
  closedBy: person.nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
});
export type Review = z.infer<typeof reviewSchema>;

/** The review panel: the latest round, whom one may name, and what the person asking may do. */
export const reviewReplySchema = z.object({
  review: reviewSchema.nullable(),
  /** Members and leads of the group (observers cannot review); empty for those who cannot send. */
  candidates: z.array(person),
  access: z.object({ canRequest: z.boolean(), canValidate: z.boolean() }),
});
export type ReviewReply = z.infer<typeof reviewReplySchema>;

/** Server → group room (`group:<id>`): a document's review changed; open pages fetch it again (rights are per person). */
export const REVIEW_EVENTS = { updated: 'review:updated' } as const;
export const reviewUpdatedPayloadSchema = z.object({ documentId: z.string() });

