import { dayWindow, utcToLocal } from '../../../shared/events.time';
import type { EventDay, Session } from '../../../shared/events.schema';

// The geometry of the timetable editor, kept apart from the component so it reads (and tests) plainly.

export const SNAP_STEPS = [5, 15] as const;
const MINUTE = 60_000;

export const snapMinutes = (minutes: number, step: number) => Math.round(minutes / step) * step;

/** The sessions of one day: those that overlap its opening hours, or start on its date. */
export function sessionsOfDay<S extends Pick<Session, 'startsAt' | 'endsAt'>>(sessions: S[], day: EventDay, zone: string): S[] {
  const w = dayWindow(day, zone);
  return sessions.filter((s) => (Date.parse(s.startsAt) < w.endsAt && Date.parse(s.endsAt) > w.startsAt) || utcToLocal(Date.parse(s.startsAt), zone).date === day.date);
}

/** Moves a session by whole minutes, keeping its length. */
export function moved(s: Pick<Session, 'startsAt' | 'endsAt'>, minutes: number) {
  return { startsAt: new Date(Date.parse(s.startsAt) + minutes * MINUTE).toISOString(), endsAt: new Date(Date.parse(s.endsAt) + minutes * MINUTE).toISOString() };
}

/** Lengthens or shortens a session from its end; it never gets shorter than one step. */
export function resized(s: Pick<Session, 'startsAt' | 'endsAt'>, minutes: number, step: number) {
  const start = Date.parse(s.startsAt);
  const end = Math.max(start + step * MINUTE, Date.parse(s.endsAt) + minutes * MINUTE);
  return { endsAt: new Date(end).toISOString() };
}

export interface Lane { lane: number; lanes: number }
type Timed = Pick<Session, 'id' | 'startsAt' | 'endsAt'>;

/**
 * Sessions of one room that overlap are drawn side by side: each gets a lane, and every session of
 * a group that overlaps (directly or through others) shares that group's number of lanes.
 */
export function lanesOf(sessions: Timed[]): Map<string, Lane> {
  const sorted = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(b.endsAt) - Date.parse(a.endsAt));
  const out = new Map<string, Lane>();
  let group: Array<{ id: string; lane: number }> = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    for (const g of group) out.set(g.id, { lane: g.lane, lanes: laneEnds.length });
    group = [];
    laneEnds = [];
    groupEnd = -Infinity;
  };
  for (const s of sorted) {
    const start = Date.parse(s.startsAt);
    const end = Date.parse(s.endsAt);
    if (start >= groupEnd) close();
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane < 0) lane = laneEnds.push(end) - 1;
    else laneEnds[lane] = end;
    group.push({ id: s.id, lane });
    groupEnd = Math.max(groupEnd, end);
  }
  close();
  return out;
}

/** Left offset and width of a session in its column, leaving a small gutter between lanes. */
export function laneBox(lane: Lane | undefined): { left: string; width: string } {
  const { lane: i, lanes } = lane ?? { lane: 0, lanes: 1 };
  return { left: `calc(${(i * 100) / lanes}% + 3px)`, width: `calc(${100 / lanes}% - 6px)` };
}

/** Under this length a session's time and title share one line (a 15-minute slot is 30 px high). */
export const SHORT_MINUTES = 30;
export const isShort = (s: Pick<Session, 'startsAt' | 'endsAt'>) => Date.parse(s.endsAt) - Date.parse(s.startsAt) < SHORT_MINUTES * MINUTE;
