import { dayWindow, utcToLocal } from '../../../shared/events.time';
import type { EventDay, Session } from '../../../shared/events.schema';

// The geometry of the timetable editor, kept apart from the component so it reads (and tests) plainly.

export const SNAP_STEPS = [5, 15] as const;
export type SnapStep = (typeof SNAP_STEPS)[number];
const MINUTE = 60_000;

export const snapMinutes = (minutes: number, step: number) => Math.round(minutes / step) * step;

/** The sessions of one day: those that overlap its opening hours, or start on its date. */
export function sessionsOfDay(sessions: Session[], day: EventDay, zone: string): Session[] {
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

/** Snaps a session's start to the grid (used when the step changes from 5 to 15 minutes). */
export function snappedStart(iso: string, dayStart: number, step: number): number {
  return dayStart + snapMinutes((Date.parse(iso) - dayStart) / MINUTE, step) * MINUTE;
}
