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
  /** Sign-in attempts allowed per address and e-mail within the window below. */
  loginAttempts: 5,
  loginWindowMs: 60_000,
  /** Sessions last this long without use; each use slides the expiry. */
  sessionTtlMs: 14 * 24 * 3600_000,
  invitationTtlMs: 7 * 24 * 3600_000,
  pageSizeMax: 100,
} as const;
