import { perHour, perMinute, type WriteRate } from './write-rate';

// Sizes and per-account rates of reviewed publication (issue 9): versions of record, review, comments.
// Re-exported by ./limits.ts, where every feature reads its limits.

// --- Versions of record and visible changes (issue 9, publication). ---------------------------

/** A version of record's change note, and how much a comparison may show. */
export const PUBLICATION_LIMITS = {
  noteMin: 3,
  noteMax: 500,
  /** Published versions a document may have: far above a real document's life. */
  versionsPerDocument: 500,
} as const;

/** Publishing and unpublishing, per account: a lead publishes a few times a day. */
export const PUBLICATION_RATES = {
  publish: perHour(30),
  unpublish: perHour(30),
} as const satisfies Record<string, WriteRate>;

// --- Review of documents: reviewers, approvals, validation (issue 9, "review"). ----------------

/** Sizes of a review round. Notes are short: a review says what to change, the text is the document. */
export const REVIEW_LIMITS = {
  reviewersMax: 10,
  messageMax: 1000,
  noteMax: 1000,
} as const;

/** Writes of the review, per account. */
export const REVIEW_RATES = {
  /** Sending for review names people and notifies them. */
  request: perHour(30),
  /** Approving records a version of the document: a person decides a few times, not in a loop. */
  decision: perMinute(10),
  validate: perMinute(10),
} as const satisfies Record<string, WriteRate>;

// --- Comments on passages of documents (issue 9, "comments"). -------------------------------

/** Sizes and counts of comments: a document is discussed, not buried under its comments. */
export const COMMENT_LIMITS = {
  /** A comment's text (plain text with @mentions). */
  bodyMax: 5000,
  /** The passage quoted with a thread, as it read when the thread was opened. */
  quoteMax: 500,
  /** An encoded Yjs relative position (base64); a real one is a few dozen bytes. */
  anchorMax: 512,
  /** Threads a document holds, open and resolved together. */
  threadsPerDocument: 500,
  /** Replies in one thread, the opening comment included. */
  commentsPerThread: 200,
  /** People one comment may mention (more would be a mailing, not a comment). */
  mentionsPerComment: 20,
} as const;

/** Comment writes per account (see WRITE_RATES). */
export const COMMENT_RATES = {
  threadCreate: perMinute(20),
  reply: perMinute(30),
  edit: perMinute(30),
  /** Resolve and reopen follow clicks in the side panel. */
  resolve: perMinute(60),
} as const satisfies Record<string, WriteRate>;
