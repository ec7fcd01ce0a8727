import { createHash } from 'node:crypto';
import type { AgendaSnapshot, PublicSession } from '../../../shared/events.public.schema';
import { utcToLocal, zoneOffsetMinutes, dayWindow } from '../../../shared/events.time';
import { writeCalendar, type IcsEvent } from './calendars.ics';

const KIND_FR: Record<PublicSession['kind'], string> = { plenary: 'Plénière', workshop: 'Atelier', panel: 'Table ronde', break: 'Pause', poster: 'Posters' };

/** Stable across versions and deployments: the session id never changes. */
export const sessionUid = (sessionId: string) => `session-${sessionId}@maillage`;

function icsEvent(agenda: AgendaSnapshot, s: PublicSession, agendaUrl: string): IcsEvent {
  const room = agenda.rooms.find((r) => r.id === s.roomId)?.name;
  const people = s.speakers.map((p) => `${p.name}${p.organisation ? ` (${p.organisation})` : ''}${p.role === 'moderator' ? ' – modération' : ''}`);
  return {
    uid: sessionUid(s.id), sequence: s.sequence, start: new Date(s.startsAt), end: new Date(s.endsAt), summary: s.title,
    description: [KIND_FR[s.kind], s.description, people.length ? `Intervenants : ${people.join(', ')}` : ''].filter(Boolean).join('\n\n'),
    location: [room, agenda.venue, agenda.address].filter(Boolean).join(', '),
    url: `${agendaUrl}#session-${s.id}`,
    categories: [KIND_FR[s.kind], ...(agenda.tracks.filter((t) => t.id === s.trackId).map((t) => t.name))],
  };
}

export function agendaCalendar(agenda: AgendaSnapshot, publishedAt: Date, agendaUrl: string, sessionId?: string): string | null {
  const sessions = sessionId ? agenda.sessions.filter((s) => s.id === sessionId) : agenda.sessions;
  if (sessionId && sessions.length === 0) return null;
  return writeCalendar({
    name: sessionId ? `${sessions[0].title} – ${agenda.title}` : agenda.title, timeZone: agenda.timeZone, stamp: publishedAt,
    events: sessions.map((s) => icsEvent(agenda, s, agendaUrl)),
  });
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
function isoWithOffset(ms: number, zone: string): string {
  const offset = zoneOffsetMinutes(ms, zone);
  const local = utcToLocal(ms, zone);
  return `${local.date}T${local.time}:00${offset >= 0 ? '+' : '-'}${hhmm(Math.abs(offset))}`;
}

/** RFC 9562 name-based UUID (version 5, SHA-1): the same name always gives the same UUID. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
// The URL namespace of RFC 9562, as the c3voc format suggests for person guids.
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
const NO_ROOM = 'Hors salle';

/** The format wants lower-case letters, digits and underscores (at least four): our slugs use hyphens. */
export const scheduleAcronym = (slug: string) => slug.replace(/-/g, '_').padEnd(4, '_');
/** Integer ids (≥ 1) that older apps still read, derived from our UUIDs. */
const legacyId = (uuid: string) => Number.parseInt(uuid.replace(/-/g, '').slice(0, 7), 16) || 1;

/**
 * The agenda in the frab / c3voc schedule.json shape that conference apps read, held to the
 * format's published JSON schema (tests/server/events/c3voc-schedule.schema.json).
 */
export function scheduleJson(agenda: AgendaSnapshot, version: number, agendaUrl: string, eventId: string) {
  const zone = agenda.timeZone;
  // Every room needs a UUID: sessions without one share a pseudo-room whose UUID follows the event.
  const noRoomGuid = uuidV5(`maillage:event:${eventId}:no-room`, NAMESPACE_URL);
  const roomName = (id: string | null) => agenda.rooms.find((r) => r.id === id)?.name ?? NO_ROOM;
  const days = [...agenda.days].sort((a, b) => a.date.localeCompare(b.date));
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Maillage', version: '0.1.0' },
    schedule: {
      version: String(version),
      base_url: agendaUrl,
      conference: {
        acronym: scheduleAcronym(agenda.slug), title: agenda.title, start: days[0]?.date, end: days.at(-1)?.date, daysCount: days.length,
        timeslot_duration: '00:15', time_zone_name: zone, url: agendaUrl,
        rooms: [...agenda.rooms.map((r) => ({ name: r.name, guid: r.id })), ...(agenda.sessions.some((s) => !s.roomId) ? [{ name: NO_ROOM, guid: noRoomGuid }] : [])],
        tracks: agenda.tracks.map((t) => ({ name: t.name, color: t.colour })),
        days: days.map((day, index) => {
          const window = dayWindow(day, zone);
          const sessions = agenda.sessions.filter((s) => utcToLocal(Date.parse(s.startsAt), zone).date === day.date);
          const rooms: Record<string, unknown[]> = {};
          for (const s of sessions) {
            const start = Date.parse(s.startsAt);
            (rooms[roomName(s.roomId)] ??= []).push({
              guid: s.id, id: legacyId(s.id),
              date: isoWithOffset(start, zone), start: utcToLocal(start, zone).time,
              duration: hhmm(Math.round((Date.parse(s.endsAt) - start) / 60_000)),
              room: roomName(s.roomId), slug: `${agenda.slug}-${s.id.slice(0, 8)}`, url: `${agendaUrl}#session-${s.id}`,
              title: s.title, subtitle: '', track: agenda.tracks.find((t) => t.id === s.trackId)?.name ?? null, type: s.kind,
              language: 'fr', abstract: s.description, description: '', recording_license: '',
              persons: s.speakers.map((p) => ({ guid: p.id, id: legacyId(p.id), public_name: p.name, biography: p.bio, organisation: p.organisation })),
              links: [], attachments: [],
            });
          }
          return { index, date: day.date, day_start: isoWithOffset(window.startsAt, zone), day_end: isoWithOffset(window.endsAt, zone), rooms };
        }),
      },
    },
  };
}
