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

/** The agenda in the frab / c3voc schedule.json shape that conference apps read. */
export function scheduleJson(agenda: AgendaSnapshot, version: number, agendaUrl: string) {
  const zone = agenda.timeZone;
  const roomName = (id: string | null) => agenda.rooms.find((r) => r.id === id)?.name ?? 'Hors salle';
  const days = [...agenda.days].sort((a, b) => a.date.localeCompare(b.date));
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Maillage', version: '0.1.0' },
    schedule: {
      version: String(version),
      base_url: agendaUrl,
      conference: {
        acronym: agenda.slug, title: agenda.title, start: days[0]?.date, end: days.at(-1)?.date, daysCount: days.length,
        timeslot_duration: '00:15', time_zone_name: zone, url: agendaUrl,
        rooms: [...agenda.rooms.map((r) => ({ name: r.name, guid: r.id })), ...(agenda.sessions.some((s) => !s.roomId) ? [{ name: 'Hors salle', guid: null }] : [])],
        tracks: agenda.tracks.map((t) => ({ name: t.name, color: t.colour })),
        days: days.map((day, index) => {
          const window = dayWindow(day, zone);
          const sessions = agenda.sessions.filter((s) => utcToLocal(Date.parse(s.startsAt), zone).date === day.date);
          const rooms: Record<string, unknown[]> = {};
          for (const s of sessions) {
            const start = Date.parse(s.startsAt);
            (rooms[roomName(s.roomId)] ??= []).push({
              guid: s.id, id: Number.parseInt(s.id.replace(/-/g, '').slice(0, 7), 16), logo: '',
              date: isoWithOffset(start, zone), start: utcToLocal(start, zone).time,
              duration: hhmm(Math.round((Date.parse(s.endsAt) - start) / 60_000)),
              room: roomName(s.roomId), slug: `${agenda.slug}-${s.id.slice(0, 8)}`, url: `${agendaUrl}#session-${s.id}`,
              title: s.title, subtitle: '', track: agenda.tracks.find((t) => t.id === s.trackId)?.name ?? null, type: s.kind,
              language: 'fr', abstract: s.description, description: '', recording_license: '', do_not_record: true,
              persons: s.speakers.map((p) => ({ guid: p.id, id: Number.parseInt(p.id.replace(/-/g, '').slice(0, 7), 16), public_name: p.name, biography: p.bio, organisation: p.organisation })),
              links: [], attachments: [],
            });
          }
          return { index, date: day.date, day_start: isoWithOffset(window.startsAt, zone), day_end: isoWithOffset(window.endsAt, zone), rooms };
        }),
      },
    },
  };
}
