import { perHour, perMinute, type WriteRate } from './write-rate';

// Named limits, shared by the server (which enforces them) and the client (which shows them).

export const LIMITS = {
  emailMax: 254,
  nameMax: 120,
  passwordMin: 10,
  passwordMax: 200,
  professionMax: 120,
  bioMax: 1000,
  organisationNameMax: 160,
  searchQueryMax: 200,
  /** Sign-in attempts allowed per account (e-mail address) within the window below, a correct one not counted. */
  loginAttempts: 5,
  loginWindowMs: 60_000,
  /** Sessions last this long without use; each use slides the expiry. */
  sessionTtlMs: 14 * 24 * 3600_000,
  invitationTtlMs: 7 * 24 * 3600_000,
  pageSizeMax: 100,
  /** Discussion threads (feature threads). */
  threadTitleMax: 200,
  messageMax: 20_000,
  messagesPageSize: 50,
  attachmentMaxBytes: 10 * 1024 * 1024,
  attachmentsPerMessage: 5,
  /** A file uploaded but never posted is deleted (row and bytes) once it is this old (see UPLOAD_QUOTAS). */
  attachmentUnpostedTtlMs: 6 * 3600_000,
  reportReasonMax: 500,
} as const;

/** The collaboration endpoint (/collab/<documentId>). Tests shorten the delays through Config.collab. */
export const COLLAB = {
  /** Largest WebSocket message accepted; a larger frame closes that connection (1009). */
  maxMessageBytes: 1024 * 1024,
  /** Stored size (snapshot plus update log) past which a document refuses more content. */
  maxDocumentBytes: 32 * 1024 * 1024,
  maxConnectionsPerDocument: 200,
  /**
   * Yjs structs (≈ 440 bytes of server memory each) one document may hold, one update may bring
   * (a long paste is a few thousand), and all loaded documents together: past them an update is
   * refused, so memory follows the people's work, not what one client chooses to send.
   */
  maxItemsPerDocument: 200_000,
  maxItemsPerUpdate: 50_000,
  maxItemsInMemory: 2_000_000,
  /** Rebuilding a document (worker process) and folding its log must finish within this. */
  loadTimeoutMs: 60_000,
  /** Past this stored size, a whole document is encoded in the worker, not on the event loop. */
  encodeInPlaceBytes: 1024 * 1024,
  /** Awareness client ids one connection may speak for (a provider uses one per Y.Doc). */
  maxAwarenessClientsPerConnection: 8,
  /** One person's awareness state (name, caret, selection): it is relayed to everyone. */
  maxAwarenessStateBytes: 16 * 1024,
  /** A connection whose unsent data exceeds this is too slow to follow: it is closed. */
  maxBufferedBytes: 16 * 1024 * 1024,
  /** The log is folded into the snapshot once it holds this many updates or bytes. */
  compactAfterUpdates: 500,
  compactAfterBytes: 2 * 1024 * 1024,
  /** A document stays in memory this long after its last client leaves. */
  unloadDelayMs: 30_000,
  /** Connections are pinged this often; one that has not answered the previous ping is cut. */
  pingIntervalMs: 30_000,
  /** On shutdown, connections that do not answer the close handshake are cut after this. */
  closeGraceMs: 1_000,
} as const;

export type CollabSettings = { -readonly [K in keyof typeof COLLAB]: number };

/** Search over documents (server/features/documents/search/). */
export const DOCUMENT_SEARCH = {
  /**
   * A document's plain text the index holds, from its start (titles are always indexed whole).
   * The index row is rewritten after each pause in the typing, and SQLite's FTS5 delete and insert
   * run on the event loop that serves everyone's keystrokes, at some 20 ms per MB together: a
   * 30 MB document indexed whole held the loop 0.35 to 0.55 s at every pause. 256 KB is about 250
   * pages of text (a 60-page reference programme holds under 70 KB) and its rewrite took 5 to 20 ms
   * on a busy 2-core machine (512 KB: 11 to 31 ms).
   */
  indexedTextBytes: 256 * 1024,
} as const;

/** Sessions and sign-in (issue 8: sessions end everywhere, sign-in holds under a flood). */
export const SESSIONS = {
  /** Live connections of a session that expired are closed within this delay. */
  sweepIntervalMs: 1_000,
} as const;

export const SIGN_IN = {
  /** Sign-in attempts in one minute from one network address: a last resort against floods far
   * beyond a hospital's staff (who share one NAT address); accounts have their own limit. */
  addressMaxPerMinute: 300,
  /** argon2 computations at once (each takes 64 MiB) and how many may wait; beyond, 503 at once. */
  hashConcurrency: 2,
  hashQueueMax: 16,
  busyRetrySeconds: 5,
  /** Recent verification durations kept to answer unknown addresses in the same time. */
  timingSamples: 64,
  /** Lanes (e-mail addresses) whose attempts are counted at once; the oldest are forgotten past it. */
  trackedLanesMax: 100_000,
  /** Accounts remembered by one browser's trusted-device cookie. */
  deviceTokensMax: 5,
  deviceCookieMaxAgeSeconds: 365 * 24 * 3600,
} as const;

// --- Writes per account and disk quotas (issue 8). ---------------------------------------------
// Limits count per signed-in account, never per address: a hospital's staff share one NAT
// address, and one colleague must not use up everyone's allowance. Only routes open to visitors
// (who have no account) count per address.

export type { WriteRate } from './write-rate';

/** A person's pace: generous for someone at work, short for a script. */
export const WRITE_RATES = {
  /** Any signed-in write that names no rate of its own. */
  default: perMinute(120),
  messagePost: perMinute(30),
  messageEdit: perMinute(30),
  threadCreate: perMinute(10),
  reaction: perMinute(60),
  report: perMinute(10),
  upload: perMinute(30),
  versionName: perHour(30),
  documentCreate: perHour(30),
  groupCreate: perHour(10),
  joinRequest: perHour(20),
  invitation: perHour(100),
  organisationCreate: perHour(50),
  profile: perMinute(20),
  /** Building the regional day's timetable is many small moves. */
  eventEdit: perMinute(300),
  /** Reading markers and notification settings follow scrolling and clicks. */
  readMarker: perMinute(300),
} as const satisfies Record<string, WriteRate>;

/** Attachments one account may upload; a file counts from its upload until it is swept. */
export const UPLOAD_QUOTAS = {
  perHour: { files: 60, bytes: 200 * 1024 * 1024 },
  perDay: { files: 200, bytes: 500 * 1024 * 1024 },
  /** Uploaded but not yet posted, at one time (drafts being written). */
  unposted: { files: 20, bytes: 100 * 1024 * 1024 },
} as const;

export type UploadQuotas = { [K in keyof typeof UPLOAD_QUOTAS]: { files: number; bytes: number } };

/** What a document's version history may hold. */
export const VERSION_QUOTAS = {
  /** Named versions a document keeps; past it, old ones must be deleted first. */
  namedPerDocument: 200,
  /** Automatic (and before-restore) versions kept; the oldest go first. */
  automaticPerDocument: 300,
  /** Total stored size of a document's versions; automatic ones make room first. */
  bytesPerDocument: 256 * 1024 * 1024,
} as const;
export type VersionQuotas = { -readonly [K in keyof typeof VERSION_QUOTAS]: number };

/**
 * Public reads (agenda, calendars, resource library): serialised once per version and kept in
 * memory, within these bounds; the least recently read goes first.
 */
export const PUBLIC_CACHE = {
  maxEntries: 2_000,
  maxBytes: 64 * 1024 * 1024,
  /** Smaller bodies are sent as they are: compressing them saves less than a packet. */
  compressFromBytes: 1024,
} as const;

// --- Accounts that recover, leads who invite (issue 12). ---------------------------------------

/** Password reset links (by e-mail, or issued by a coordinator to copy). */
export const PASSWORD_RESET = {
  /** A link works once, within this delay. */
  ttlMs: 3600_000,
  /** Reset e-mails one account may receive in an hour: more requests get the same answer and no e-mail. */
  mailsPerAccountPerHour: 3,
  /** Requests for a reset from one network address (visitors have no account): far above a hospital's needs. */
  requestsPerAddressPerHour: 60,
  /** Requests waiting for their e-mail to be looked up and sent; beyond, they are dropped (the answer is the same). */
  pendingMax: 200,
} as const;

/** What coordinators let leads do by default (a platform setting they can change). */
export const LEAD_INVITATIONS = {
  enabledByDefault: true,
  /** Pending invitations one lead may have at a time. */
  pendingPerLeadDefault: 20,
  pendingPerLeadMax: 500,
  /** Organisations an invitee may choose from, listed on the invitation page. */
  organisationChoicesMax: 500,
} as const;

/** One person's active sessions listed on their profile (the most recently used first). */
export const SESSIONS_LISTED_MAX = 50;

/** The User-Agent kept with a session, enough to say "Chrome sur Windows". */
export const USER_AGENT_MAX = 512;

/** Per-account rates of the account routes (see WRITE_RATES). */
export const ACCOUNT_RATES = {
  /** Changing one's password (a wrong current password counts too). */
  passwordChange: perHour(10),
  /** Ending one's sessions, one by one or all at once. */
  sessionEnd: perMinute(30),
  /** Reset links a coordinator issues. */
  resetLinkIssue: perHour(30),
  /** Invitations a lead sends into their group (the pending quota applies too). */
  groupInvitation: perHour(30),
  invitationSettings: perMinute(20),
} as const satisfies Record<string, WriteRate>;

// --- Programmes directory (issue 10). ----------------------------------------------------------

/** Sizes of a programme's entry and of a CSV import (shared/programmes.schema.ts). */
export const PROGRAMME_LIMITS = {
  titleMax: 200,
  descriptionMax: 3000,
  conditionsMax: 12,
  sitesMax: 30,
  partnersMax: 30,
  communeMax: 120,
  partnerNameMax: 160,
  contactNameMax: 120,
  phoneMax: 30,
  reviewNoteMax: 1000,
  conditionLabelMax: 120,
  /** A region's ARS list is a few hundred programmes; the body limit (1 MiB) bounds the bytes. */
  importRowsMax: 2000,
  importBytesMax: 900_000,
  /** Row reports returned by a preview (the count of the others is given). */
  importReportMax: 500,
  /** Programmes listed on one public page of the directory. */
  publicPageMax: 500,
} as const;

/** Writes of the directory, per account. */
export const PROGRAMME_RATES = {
  save: perMinute(30),
  review: perMinute(60),
  /** Each preview parses the whole file: a person previews a few times, then confirms. */
  importPreview: perHour(60),
  importConfirm: perHour(20),
  conditions: perHour(60),
} as const satisfies Record<string, WriteRate>;

// --- Offer versus need by département, evaluations due (issue 10). -----------------------------

/** Sizes of the need indicators' CSV import and of an evaluation's figures. */
export const NEEDS_LIMITS = {
  /** A region's indicators are a few hundred lines; the body limit (1 MiB) bounds the bytes too. */
  csvBytesMax: 900_000,
  importRowsMax: 5000,
  /** Row problems returned at once (the count of the others is given). */
  reportMax: 200,
  /** Rows shown in a preview before the person confirms. */
  previewRows: 50,
  indicatorLabelMax: 80,
  sourceMax: 200,
  valueMax: 1_000_000_000,
  /** No median (benchmark, capacity shown to members) over fewer programmes: none can be singled out. */
  minComparable: 3,
  /** Figures of one annual self-evaluation (patients, sessions): far above any programme's year. */
  figureMax: 100_000,
} as const;

/** Writes of the map and the evaluations, per account. */
export const NEEDS_RATES = {
  /** Each preview parses the whole file: a person previews a few times, then confirms. */
  indicatorsPreview: perHour(60),
  indicatorsConfirm: perHour(20),
  evaluationSave: perMinute(30),
} as const satisfies Record<string, WriteRate>;

/** Rough edges (issue 12): how long the person who trashed a document may undo it without being a lead. */
export const TRASH_UNDO_MS = 10 * 60_000;
// --- The person's day: home page and side navigation (issue 12). ------------------------------

/** How much the home page and the side navigation gather: a page to scan, not an archive. */
export const HOME = {
  /** Discussions with unread messages shown on the home page. */
  unreadThreadsMax: 10,
  /** Documents changed by others since the person last opened them. */
  changedDocumentsMax: 10,
  /** A change older than this is not news any more, even in a document never opened. */
  changedWithinMs: 30 * 24 * 3600_000,
  /** Names shown for "changed by"; the rest is a count. */
  editorsShown: 3,
  /** Per group in the side navigation: the most recently changed documents and active threads. */
  navDocumentsPerGroup: 8,
  navThreadsPerGroup: 5,
  /** Groups listed in the side navigation (a coordinator may belong to many). */
  navGroupsMax: 50,
} as const;

// The limits of issue 11 (cooperation) and issue 9 (review and publication) live beside this file.
export * from './limits.cooperation';
export * from './limits.review';
