import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';

type Reader = Pick<Db, 'select'>;
import { documents, eventRooms, eventSessions, eventSpeakers, eventTracks, eventVersions, events, groups } from '../../../db/schema/index';
import type { Change } from '../../../shared/events.schema';
import type { AgendaSnapshot, PublicSession } from '../../../shared/events.public.schema';

/** The agenda as visitors would see it if it were published now (sequences not yet assigned). */
export function buildSnapshot(db: Reader, eventId: string): AgendaSnapshot {
  const event = db.select().from(events).where(eq(events.id, eventId)).get()!;
  const speakers = new Map(db.select().from(eventSpeakers).where(eq(eventSpeakers.eventId, eventId)).all().map((s) => [s.id, s]));
  const rows = db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt), asc(eventSessions.title)).all();
  // Only what is public elsewhere too: a public group, a document published to the library.
  const groupIds = rows.flatMap((s) => (s.groupId ? [s.groupId] : []));
  const publicGroups = new Map(groupIds.length ? db.select({ id: groups.id, name: groups.name }).from(groups)
    .where(and(inArray(groups.id, groupIds), eq(groups.visibility, 'public'))).all().map((g) => [g.id, g]) : []);
  const documentIds = rows.flatMap((s) => (s.documentId ? [s.documentId] : []));
  const publishedDocs = new Map(documentIds.length ? db.select({ id: documents.id, title: documents.title }).from(documents)
    .where(and(inArray(documents.id, documentIds), isNotNull(documents.publishedVersion))).all().map((d) => [d.id, d]) : []);
  const sessions: PublicSession[] = rows.map((s) => ({
    id: s.id, kind: s.kind, title: s.title, description: s.description,
    startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), roomId: s.roomId, trackId: s.trackId,
    speakers: s.people.flatMap((p) => {
      const sp = speakers.get(p.speakerId);
      return sp ? [{ id: sp.id, name: sp.name, organisation: sp.organisation, bio: sp.bio, role: p.role }] : [];
    }),
    group: (s.groupId && publicGroups.get(s.groupId)) || null,
    document: (s.documentId && publishedDocs.get(s.documentId)) || null,
    sequence: 0,
  }));
  return {
    title: event.title, slug: event.slug, description: event.description, venue: event.venue, address: event.address,
    timeZone: event.timeZone, days: event.days,
    rooms: db.select({ id: eventRooms.id, name: eventRooms.name, capacity: eventRooms.capacity }).from(eventRooms)
      .where(eq(eventRooms.eventId, eventId)).orderBy(asc(eventRooms.position), asc(eventRooms.name)).all(),
    tracks: db.select({ id: eventTracks.id, name: eventTracks.name, colour: eventTracks.colour }).from(eventTracks)
      .where(eq(eventTracks.eventId, eventId)).orderBy(asc(eventTracks.name)).all(),
    sessions,
  };
}

export function latestVersion(db: Reader, eventId: string) {
  const row = db.select().from(eventVersions).where(eq(eventVersions.eventId, eventId)).orderBy(desc(eventVersions.version)).limit(1).get();
  return row ? { ...row, snapshot: row.snapshot as AgendaSnapshot } : null;
}

/** JSON with sorted keys, so two equal agendas compare equal whatever built them. */
const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v);
const withoutSequences = (s: AgendaSnapshot) => canonical({ ...s, sessions: s.sessions.map(({ sequence: _s, ...rest }) => rest) });
export const sameAgenda = (a: AgendaSnapshot, b: AgendaSnapshot) => withoutSequences(a) === withoutSequences(b);

// What a calendar shows: a change here bumps the session's SEQUENCE.
const calendarFields = (s: PublicSession, rooms: AgendaSnapshot['rooms']) =>
  JSON.stringify([s.title, s.description, s.startsAt, s.endsAt, rooms.find((r) => r.id === s.roomId)?.name ?? null, s.speakers.map((p) => p.name)]);

/** Assigns each session its sequence and lists what changed since the previous version. */
export function compareWithPrevious(next: AgendaSnapshot, previous: AgendaSnapshot | null): { snapshot: AgendaSnapshot; changes: Change[] } {
  if (!previous) return { snapshot: next, changes: [] };
  const before = new Map(previous.sessions.map((s) => [s.id, s]));
  const changes: Change[] = [];
  const sessions = next.sessions.map((s) => {
    const old = before.get(s.id);
    if (!old) {
      changes.push({ type: 'added', title: s.title });
      return s;
    }
    if (calendarFields(s, next.rooms) === calendarFields(old, previous.rooms)) return { ...s, sequence: old.sequence };
    const moved = old.startsAt !== s.startsAt || old.endsAt !== s.endsAt || old.roomId !== s.roomId;
    changes.push({ type: moved ? 'moved' : 'changed', title: s.title });
    return { ...s, sequence: old.sequence + 1 };
  });
  const kept = new Set(next.sessions.map((s) => s.id));
  for (const s of previous.sessions) if (!kept.has(s.id)) changes.push({ type: 'removed', title: s.title });
  return { snapshot: { ...next, sessions }, changes };
}
