import { dayWindow, utcToLocal } from './events.time';
import type { EventDay, SessionKind } from './events.schema';

// Conflicts of a timetable, as a pure function so the editor shows them live and the server
// checks them again at publication. Each conflict is an i18n key plus its parameters.

export interface ConflictSession {
  id: string;
  title: string;
  kind: SessionKind;
  startsAt: number;
  endsAt: number;
  roomId: string | null;
  speakerIds: string[];
}

export interface ConflictInput {
  timeZone: string;
  days: EventDay[];
  sessions: ConflictSession[];
  rooms: Array<{ id: string; name: string; capacity: number | null }>;
  speakers: Array<{ id: string; name: string }>;
  /** Confirmed registrations per workshop. */
  confirmed: Record<string, number>;
}

export type ConflictCode = 'room_double_booked' | 'speaker_double_booked' | 'outside_day' | 'over_capacity';
export interface Conflict {
  code: ConflictCode;
  sessionIds: string[];
  params: Record<string, string | number>;
}

/** Half-open intervals: a session ending at 10:30 and one starting at 10:30 do not overlap. */
export const overlaps = (a: { startsAt: number; endsAt: number }, b: { startsAt: number; endsAt: number }) =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export function findConflicts(input: ConflictInput): Conflict[] {
  const { timeZone } = input;
  const rooms = new Map(input.rooms.map((r) => [r.id, r]));
  const speakers = new Map(input.speakers.map((s) => [s.id, s.name]));
  const when = (s: ConflictSession) => {
    const start = utcToLocal(s.startsAt, timeZone);
    return { date: start.date, start: start.time, end: utcToLocal(s.endsAt, timeZone).time };
  };
  const conflicts: Conflict[] = [];
  const sorted = [...input.sessions].sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));

  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    // Sorted by start: once b starts after a ends, no later session can overlap a.
    for (let j = i + 1; j < sorted.length && sorted[j].startsAt < a.endsAt; j++) {
      const b = sorted[j];
      if (!overlaps(a, b)) continue;
      const pair = { session: a.title, other: b.title, ...when(b) };
      if (a.roomId && a.roomId === b.roomId) {
        conflicts.push({ code: 'room_double_booked', sessionIds: [a.id, b.id], params: { ...pair, room: rooms.get(a.roomId)?.name ?? '' } });
      }
      const shared = a.speakerIds.filter((id) => b.speakerIds.includes(id));
      // In the same room the double booking already says it all.
      if (a.roomId && a.roomId === b.roomId) continue;
      for (const speakerId of new Set(shared)) {
        conflicts.push({ code: 'speaker_double_booked', sessionIds: [a.id, b.id], params: { ...pair, speaker: speakers.get(speakerId) ?? '' } });
      }
    }
  }

  const windows = input.days.map((d) => dayWindow(d, timeZone));
  for (const s of sorted) {
    if (!windows.some((w) => s.startsAt >= w.startsAt && s.endsAt <= w.endsAt)) {
      conflicts.push({ code: 'outside_day', sessionIds: [s.id], params: { session: s.title, ...when(s) } });
    }
    const room = s.roomId ? rooms.get(s.roomId) : undefined;
    const confirmed = input.confirmed[s.id] ?? 0;
    if (s.kind === 'workshop' && room?.capacity != null && confirmed > room.capacity) {
      conflicts.push({ code: 'over_capacity', sessionIds: [s.id], params: { session: s.title, room: room.name, capacity: room.capacity, registered: confirmed } });
    }
  }
  return conflicts;
}

/** The conflicts of an event as the editor holds it (sessions with ISO instants). */
export function conflictsOfEvent(event: {
  timeZone: string;
  days: EventDay[];
  rooms: ConflictInput['rooms'];
  speakers: ConflictInput['speakers'];
  confirmed: Record<string, number>;
  sessions: Array<{ id: string; title: string; kind: SessionKind; startsAt: string; endsAt: string; roomId: string | null; people: Array<{ speakerId: string }> }>;
}): Conflict[] {
  return findConflicts({
    timeZone: event.timeZone, days: event.days, rooms: event.rooms, speakers: event.speakers, confirmed: event.confirmed,
    sessions: event.sessions.map((s) => ({
      id: s.id, title: s.title, kind: s.kind, startsAt: Date.parse(s.startsAt), endsAt: Date.parse(s.endsAt), roomId: s.roomId,
      speakerIds: s.people.map((p) => p.speakerId),
    })),
  });
}
