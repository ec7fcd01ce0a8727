import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { users } from './members';
import { groups } from './groups';
import { documents } from './documents';
import { EVENT_STATUSES, PARTICIPANT_KINDS, SESSION_KINDS, type Change } from '../../shared/events.schema';
import { SEAT_STATUSES } from '../../shared/events.public.schema';

/** A regional day (or any multi-day event). `days` are local dates and hours in `time_zone`. */
export const events = sqliteTable('events', {
  id: id(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  venue: text('venue').notNull().default(''),
  address: text('address').notNull().default(''),
  timeZone: text('time_zone').notNull().default('Europe/Paris'),
  days: text('days', { mode: 'json' }).$type<Array<{ date: string; start: string; end: string }>>().notNull(),
  status: text('status', { enum: EVENT_STATUSES }).notNull().default('draft'),
  registrationOpen: integer('registration_open', { mode: 'boolean' }).notNull().default(false),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
});

export const eventOrganisers = sqliteTable(
  'event_organisers',
  {
    eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('event_organisers_user_idx').on(t.userId)],
);

export const eventRooms = sqliteTable('event_rooms', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  capacity: integer('capacity'),
  position: integer('position').notNull().default(0),
}, (t) => [index('event_rooms_event_idx').on(t.eventId)]);

export const eventTracks = sqliteTable('event_tracks', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  colour: text('colour').notNull(),
}, (t) => [index('event_tracks_event_idx').on(t.eventId)]);

/** Speakers and moderators of an event, with or without an account. */
export const eventSpeakers = sqliteTable('event_speakers', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
  name: text('name').notNull(),
  organisation: text('organisation').notNull().default(''),
  bio: text('bio').notNull().default(''),
}, (t) => [index('event_speakers_event_idx').on(t.eventId)]);

/** The working copy of the timetable; visitors read the published snapshots instead. Instants are UTC. */
export const eventSessions = sqliteTable('event_sessions', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: SESSION_KINDS }).notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
  endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
  roomId: text('room_id').references(() => eventRooms.id, { onDelete: 'set null' }),
  trackId: text('track_id').references(() => eventTracks.id, { onDelete: 'set null' }),
  capacity: integer('capacity'),
  people: text('people', { mode: 'json' }).$type<Array<{ speakerId: string; role: 'speaker' | 'moderator' }>>().notNull().default([]),
  groupId: text('group_id').references(() => groups.id, { onDelete: 'set null' }),
  documentId: text('document_id').references(() => documents.id, { onDelete: 'set null' }),
  /** Optimistic lock: raised by each update so two organisers never silently overwrite each other. */
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
}, (t) => [index('event_sessions_event_idx').on(t.eventId, t.startsAt)]);

/** Each publication: the frozen agenda, what changed, and the public note. */
export const eventVersions = sqliteTable('event_versions', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  note: text('note').notNull().default(''),
  changes: text('changes', { mode: 'json' }).$type<Change[]>().notNull(),
  snapshot: text('snapshot', { mode: 'json' }).$type<unknown>().notNull(),
  publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: createdAt(),
}, (t) => [uniqueIndex('event_versions_event_version_idx').on(t.eventId, t.version)]);

/** A visitor registered for the day. Only the hash of their management token is kept. */
export const eventRegistrations = sqliteTable('event_registrations', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  email: text('email').notNull(),
  organisation: text('organisation').notNull().default(''),
  participantKind: text('participant_kind', { enum: PARTICIPANT_KINDS }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  attended: integer('attended', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  cancelledAt: timestamp('cancelled_at'),
}, (t) => [index('event_registrations_event_idx').on(t.eventId, t.email)]);

/** A seat asked for in a workshop. The autoincrement id orders the waiting list. */
export const eventSeats = sqliteTable('event_seats', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  registrationId: text('registration_id').notNull().references(() => eventRegistrations.id, { onDelete: 'cascade' }),
  sessionId: text('session_id').notNull().references(() => eventSessions.id, { onDelete: 'cascade' }),
  status: text('status', { enum: SEAT_STATUSES }).notNull(),
  attended: integer('attended', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
}, (t) => [index('event_seats_session_idx').on(t.sessionId, t.status, t.id), index('event_seats_registration_idx').on(t.registrationId)]);
