import { perHour, perMinute, type WriteRate } from './write-rate';

// Sizes and per-account rates of cooperation (issue 11): actions, needs of structures, pooling.
// Re-exported by ./limits.ts, where every feature reads its limits.

// --- Actions and support requests (issue 11, feature actions). --------------------------------

/** Sizes of an action, its links and meetings, and of a support request. */
export const ACTION_LIMITS = {
  titleMax: 200,
  descriptionMax: 5000,
  /** A support request's message: a few lines to say what is needed, never about a patient. */
  requestMessageMax: 2000,
  organisationsMax: 30,
  partnersMax: 30,
  linksMax: 30,
  meetingsMax: 100,
  participantsMax: 50,
  meetingNoteMax: 1000,
  /** Actions listed at once (the board): a region's actions of a few years. */
  listMax: 500,
  /** People told of one change; members of large concerned organisations past it see it on the board. */
  notifyMax: 500,
} as const;

/** Writes of the actions, per account. */
export const ACTION_RATES = {
  create: perHour(60),
  edit: perMinute(60),
  /** Moving cards across the board is many small moves. */
  state: perMinute(120),
  request: perHour(10),
  meeting: perMinute(30),
} as const satisfies Record<string, WriteRate>;

// --- Needs of structures: the questionnaire of seed 004 and its synthesis (issue 11). ---------

/** Sizes of a year's needs questionnaire and of one structure's answers (shared/structure-needs.schema.ts). */
export const STRUCTURE_NEEDS_LIMITS = {
  firstYear: 2020,
  lastYear: 2100,
  sectionsMax: 20,
  questionsPerSectionMax: 30,
  /** Over the whole questionnaire: a form a structure fills in one sitting, not a census. */
  questionsMax: 150,
  choicesMax: 20,
  idMax: 40,
  titleMax: 200,
  labelMax: 300,
  helpMax: 600,
  choiceLabelMax: 160,
  scaleLabelMax: 60,
  shortTextMax: 300,
  longTextMax: 4000,
  /** Groups whose members may read a year's answers and synthesis. */
  readerGroupsMax: 50,
} as const;

/** Writes of the needs questionnaire and answers, per account. */
export const STRUCTURE_NEEDS_RATES = {
  /** The form saves itself while the person types (debounced), so drafts come often. */
  answerSave: perMinute(120),
  answerSubmit: perMinute(20),
  questionnaireSave: perMinute(60),
  questionnaireCreate: perHour(20),
} as const satisfies Record<string, WriteRate>;

// --- Pooling guide: finding partners, starting a partnership (issue 11). ----------------------

/** Sizes of a partnership started from the pooling guide. */
export const POOLING_LIMITS = {
  /** Partner structures in one agreement: a pooling is between a few teams, not a network. */
  partnersMax: 10,
  /** People with an account added to the working group at the start. */
  peopleMax: 30,
  /** Programmes listed per side (hospital, ville) and structures without a programme. */
  resultsMax: 50,
  /** People shown per partner structure (accounts of its organisation). */
  peoplePerPartnerMax: 10,
  groupNameMax: 120,
} as const;

/** Writes of the pooling guide, per account: a partnership is a group and a document at once. */
export const POOLING_RATES = {
  partnershipStart: perHour(10),
} as const satisfies Record<string, WriteRate>;
