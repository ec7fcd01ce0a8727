import { expect, it } from 'vitest';
import { moved, resized, sessionsOfDay, snapMinutes } from '../../../client/features/events/timetable';
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
