import { describe, expect, it } from 'vitest';
import { isShort, laneBox, lanesOf, moved, resized, sessionsOfDay, snapMinutes } from '../../../client/features/events/timetable';
import { localToUtc } from '../../../shared/events.time';
import type { Session } from '../../../shared/events.schema';

const iso = (date: string, time: string) => new Date(localToUtc(date, time, 'Europe/Paris')).toISOString();
const session = (start: [string, string], end: [string, string]): Session => ({
  id: `${start.join()}`, kind: 'plenary', title: 'S', description: '', startsAt: iso(...start), endsAt: iso(...end),
  roomId: null, trackId: null, capacity: null, people: [], groupId: null, documentId: null, version: 1, updatedBy: null,
});

it('snaps pointer movements to the chosen step', () => {
  expect(snapMinutes(7, 5)).toBe(5);
  expect(snapMinutes(8, 5)).toBe(10);
  expect(snapMinutes(7, 15)).toBe(0);
  expect(snapMinutes(-8, 15)).toBe(-15);
});

it('moves a session keeping its length and never shrinks it below one step', () => {
  const s = session(['2027-03-25', '10:00'], ['2027-03-25', '10:30']);
  expect(moved(s, 15)).toEqual({ startsAt: iso('2027-03-25', '10:15'), endsAt: iso('2027-03-25', '10:45') });
  expect(resized(s, 15, 15)).toEqual({ endsAt: iso('2027-03-25', '10:45') });
  expect(resized(s, -60, 15)).toEqual({ endsAt: iso('2027-03-25', '10:15') });
});

it('puts a session running past midnight in the evening it starts', () => {
  const late = session(['2027-06-10', '23:00'], ['2027-06-11', '00:30']);
  const next = session(['2027-06-11', '09:00'], ['2027-06-11', '10:00']);
  const evening = { date: '2027-06-10', start: '18:00', end: '01:00' };
  const morning = { date: '2027-06-11', start: '09:00', end: '17:00' };
  expect(sessionsOfDay([late, next], evening, 'Europe/Paris')).toEqual([late]);
  expect(sessionsOfDay([late, next], morning, 'Europe/Paris')).toEqual([next]);
});

describe('lanesOf: overlapping sessions of a room side by side', () => {
  const at = (time: string) => new Date(localToUtc('2027-03-27', time, 'Europe/Paris')).toISOString();
  const s = (id: string, start: string, end: string) => ({ id, startsAt: at(start), endsAt: at(end) });

  it('gives two overlapping sessions a lane each, and a later one the whole width', () => {
    const lanes = lanesOf([s('a', '09:00', '10:00'), s('b', '09:30', '10:30'), s('c', '11:00', '12:00')]);
    expect(Object.fromEntries(lanes)).toEqual({ a: { lane: 0, lanes: 2 }, b: { lane: 1, lanes: 2 }, c: { lane: 0, lanes: 1 } });
  });

  it('reuses a freed lane within a chain of overlaps, and keeps one width for the whole chain', () => {
    // a overlaps b, b overlaps c, a and c do not: c takes a's lane back.
    const lanes = lanesOf([s('c', '10:00', '11:00'), s('a', '09:00', '10:00'), s('b', '09:30', '10:30')]);
    expect(Object.fromEntries(lanes)).toEqual({ a: { lane: 0, lanes: 2 }, b: { lane: 1, lanes: 2 }, c: { lane: 0, lanes: 2 } });
  });

  it('draws three sessions at the same time in three thirds', () => {
    const lanes = lanesOf([s('a', '09:00', '10:00'), s('b', '09:00', '10:00'), s('c', '09:00', '09:15')]);
    expect([...lanes.values()].map((l) => l.lanes)).toEqual([3, 3, 3]);
    expect(new Set([...lanes.values()].map((l) => l.lane))).toEqual(new Set([0, 1, 2]));
    expect(laneBox(lanes.get('c'))).toEqual({ left: `calc(${(lanes.get('c')!.lane * 100) / 3}% + 3px)`, width: `calc(${100 / 3}% - 6px)` });
  });

  it('calls a 15-minute session short, a half-hour one not', () => {
    expect(isShort(s('x', '09:00', '09:15'))).toBe(true);
    expect(isShort(s('y', '09:00', '09:30'))).toBe(false);
  });
});
