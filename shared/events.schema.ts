import { z } from 'zod';
import { isValidZone } from './events.time';

export const EVENT_LIMITS = {
  titleMax: 160,
  slugMax: 80,
  textMax: 4000,
  nameMax: 120,
  daysMax: 7,
  roomsMax: 30,
  capacityMax: 5000,
  changeNoteMax: 500,
  /** Public registrations allowed per address and minute. */
  registrationsPerMinute: 20,
  /** Agenda pages one socket may follow at once. */
  agendasPerSocket: 5,
  /** How far ahead an event may be dated: a typo such as 31/12/9999 is refused, not published. */
  yearsAhead: 10,
  /** Earliest year of an event (older days are typos too). */
  firstYear: 2000,
  /** "Resend my link" requests per address and minute, and per e-mail address and hour. */
  linkResendsPerMinute: 20,
  linkResendsPerEmailHour: 3,
} as const;

const SESSION_MAX_MS = 24 * 3_600_000;

export const SESSION_KINDS = ['plenary', 'workshop', 'panel', 'break', 'poster'] as const;
export const sessionKindSchema = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof sessionKindSchema>;
export const PARTICIPANT_KINDS = ['professional', 'patient_or_association', 'other'] as const;
export const participantKindSchema = z.enum(PARTICIPANT_KINDS);
export type ParticipantKind = z.infer<typeof participantKindSchema>;
export const EVENT_STATUSES = ['draft', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.');
const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format HH:MM.');
export const slugSchema = z.string().trim().toLowerCase().min(3).max(EVENT_LIMITS.slugMax)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lettres minuscules, chiffres et tirets uniquement.');
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Couleur attendue au format #RRGGBB.');
const isoInstant = z.iso.datetime({ offset: true });

export const eventDaySchema = z.object({ date: dateSchema, start: timeSchema, end: timeSchema });
export type EventDay = z.infer<typeof eventDaySchema>;

/** The latest year an event may be dated, from today. */
export const lastEventYear = (now = new Date()) => now.getUTCFullYear() + EVENT_LIMITS.yearsAhead;
/** A real calendar date (no 2027-02-30) within the years an event can take place. */
export function isPlausibleEventDate(date: string, now = new Date()): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= EVENT_LIMITS.firstYear && y <= lastEventYear(now);
}
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
// `params.i18n` names the sentence the client shows in the person's language (see client/lib/api.ts).
/** A day as organisers enter it: a plausible date, and a closing after the opening unless it runs past midnight on purpose. */
export const eventDayInputSchema = eventDaySchema.extend({ overnight: z.boolean().optional() })
  .refine((d) => isPlausibleEventDate(d.date), {
    path: ['date'], params: { i18n: 'event_date_range', first: EVENT_LIMITS.firstYear, last: lastEventYear() },
    message: `Date impossible ou trop lointaine : choisissez un jour entre ${EVENT_LIMITS.firstYear} et ${lastEventYear()}.`,
  })
  .refine((d) => d.overnight || minutesOf(d.end) > minutesOf(d.start), {
    path: ['end'], params: { i18n: 'event_day_closes_before_opening' },
    message: 'La fermeture est avant l’ouverture : corrigez l’heure, ou cochez « Ferme après minuit » pour une soirée.',
  })
  // Stored as before: a closing before the opening is what says the day runs past midnight.
  .transform(({ overnight: _o, ...day }) => day);

export const eventInputSchema = z.object({
  title: text(EVENT_LIMITS.titleMax).min(3),
  slug: slugSchema,
  description: text(EVENT_LIMITS.textMax).default(''),
  venue: text(EVENT_LIMITS.titleMax).default(''),
  address: text(EVENT_LIMITS.titleMax * 2).default(''),
  timeZone: z.string().max(64).refine(isValidZone, 'Fuseau horaire inconnu.').default('Europe/Paris'),
  days: z.array(eventDayInputSchema).min(1).max(EVENT_LIMITS.daysMax)
    .refine((days) => new Set(days.map((d) => d.date)).size === days.length, { params: { i18n: 'event_days_repeat' }, message: 'Chaque jour ne peut figurer qu’une fois.' }),
  registrationOpen: z.boolean().default(false),
});
export type EventInput = z.infer<typeof eventInputSchema>;

export const organisersInputSchema = z.object({ userIds: z.array(id).max(20) });

export const roomInputSchema = z.object({
  name: text(EVENT_LIMITS.nameMax).min(1),
  capacity: z.number().int().min(1).max(EVENT_LIMITS.capacityMax).nullable().default(null),
});
export const trackInputSchema = z.object({ name: text(EVENT_LIMITS.nameMax).min(1), colour: colourSchema });
export const speakerInputSchema = z.object({
  name: text(EVENT_LIMITS.nameMax).min(2),
  organisation: text(EVENT_LIMITS.titleMax).default(''),
  bio: text(1000).default(''),
  userId: id.nullable().default(null),
});

export const sessionPersonSchema = z.object({ speakerId: id, role: z.enum(['speaker', 'moderator']) });
export const sessionInputSchema = z.object({
  kind: sessionKindSchema,
  title: text(EVENT_LIMITS.titleMax).min(2),
  description: text(EVENT_LIMITS.textMax).default(''),
  startsAt: isoInstant,
  endsAt: isoInstant,
  roomId: id.nullable().default(null),
  trackId: id.nullable().default(null),
  /** A workshop's own capacity; null means its room's. */
  capacity: z.number().int().min(1).max(EVENT_LIMITS.capacityMax).nullable().default(null),
  people: z.array(sessionPersonSchema).max(20).default([]),
  groupId: id.nullable().default(null),
  documentId: id.nullable().default(null),
  /** The version the editor started from; a stale one is refused (409) rather than overwriting a colleague. */
  version: z.number().int().min(1).optional(),
  /**
   * The organiser asked for a session that runs past midnight. Without it, an end on the next
   * local day is refused: an end typed before the start (11:00–09:30) is a mistake far more often.
   */
  overnight: z.boolean().default(false),
}).refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'La fin doit suivre le début.', path: ['endsAt'], params: { i18n: 'session_end_before_start' } })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= SESSION_MAX_MS, { message: 'Une session dure au plus 24 heures.', path: ['endsAt'], params: { i18n: 'session_too_long' } });
export type SessionInput = z.input<typeof sessionInputSchema>;

export const roomSchema = z.object({ id: z.string(), name: z.string(), capacity: z.number().int().nullable() });
export type Room = z.infer<typeof roomSchema>;
export const trackSchema = z.object({ id: z.string(), name: z.string(), colour: z.string() });
export type Track = z.infer<typeof trackSchema>;
export const speakerSchema = z.object({ id: z.string(), name: z.string(), organisation: z.string(), bio: z.string(), userId: z.string().nullable() });
export type Speaker = z.infer<typeof speakerSchema>;
export const sessionSchema = z.object({
  id: z.string(), kind: sessionKindSchema, title: z.string(), description: z.string(),
  startsAt: z.string(), endsAt: z.string(), roomId: z.string().nullable(), trackId: z.string().nullable(),
  capacity: z.number().int().nullable(), people: z.array(sessionPersonSchema),
  groupId: z.string().nullable(), documentId: z.string().nullable(),
  /** Raised by each saved change; sent back on update. */
  version: z.number().int(),
  /** Who saved the last change (name), to say whose work a stale edit would have overwritten. */
  updatedBy: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const eventSummarySchema = z.object({
  id: z.string(), slug: z.string(), title: z.string(), venue: z.string(), timeZone: z.string(),
  days: z.array(eventDaySchema), status: z.enum(EVENT_STATUSES), version: z.number().int(),
  registrationOpen: z.boolean(), canEdit: z.boolean(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;
export const eventListSchema = z.object({ events: z.array(eventSummarySchema), canCreate: z.boolean() });

export const organiserSchema = z.object({ id: z.string(), name: z.string() });
/** Everything the organisers' editor works on. */
export const eventDetailSchema = eventSummarySchema.extend({
  description: z.string(), address: z.string(), organisers: z.array(organiserSchema),
  rooms: z.array(roomSchema), tracks: z.array(trackSchema), speakers: z.array(speakerSchema), sessions: z.array(sessionSchema),
  /** Confirmed registrations per workshop, for the capacity check. */
  confirmed: z.record(z.string(), z.number().int()),
  unpublishedChanges: z.boolean(), canManage: z.boolean(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;
export const eventReplySchema = z.object({ event: eventDetailSchema });

export const eventParamsSchema = z.object({ id });
export const itemParamsSchema = z.object({ id, itemId: id });
export const slugParamsSchema = z.object({ slug: z.string().min(1).max(EVENT_LIMITS.slugMax) });
export const createdSchema = z.object({ id: z.string() });
/** A saved change; sessions also return their new version. */
export const updatedSchema = z.object({ ok: z.literal(true), version: z.number().int().optional() });

export const publishInputSchema = z.object({
  note: text(EVENT_LIMITS.changeNoteMax).default(''),
  /** The organiser saw the conflicts and publishes anyway. */
  confirmConflicts: z.boolean().default(false),
});
export const changeSchema = z.object({ type: z.enum(['added', 'removed', 'moved', 'changed']), title: z.string() });
export type Change = z.infer<typeof changeSchema>;
export const publishReplySchema = z.object({ version: z.number().int(), changes: z.array(changeSchema) });
