import { describe, expect, it } from 'vitest';
import { findConflicts, type ConflictInput, type ConflictSession } from '../../../shared/events.conflicts';
import { localToUtc } from '../../../shared/events.time';

const zone = 'Europe/Paris';
const at = (date: string, time: string) => localToUtc(date, time, zone);
let n = 0;
const session = (values: Partial<ConflictSession> & { start: [string, string]; end: [string, string] }): ConflictSession => ({
  id: `s${++n}`, title: values.title ?? `Session ${n}`, kind: values.kind ?? 'plenary', roomId: values.roomId === undefined ? 'amphi' : values.roomId,
  speakerIds: values.speakerIds ?? [], startsAt: at(...values.start), endsAt: at(...values.end),
});
const check = (sessions: ConflictSession[], extra: Partial<ConflictInput> = {}) => findConflicts({
  timeZone: zone, days: [{ date: '2027-03-27', start: '08:00', end: '18:00' }, { date: '2027-03-28', start: '08:00', end: '18:00' }],
  rooms: [{ id: 'amphi', name: 'Amphithéâtre', capacity: 200 }, { id: 'salle', name: 'Salle 2', capacity: 12 }],
  speakers: [{ id: 'claire', name: 'Claire Martin' }], confirmed: {}, sessions, ...extra,
});

describe('conflicts of a timetable', () => {
  it('lets sessions touch at the edges without conflict', () => {
    expect(check([
      session({ start: ['2027-03-27', '10:00'], end: ['2027-03-27', '10:30'], speakerIds: ['claire'] }),
      session({ start: ['2027-03-27', '10:30'], end: ['2027-03-27', '11:00'], speakerIds: ['claire'] }),
      session({ start: ['2027-03-27', '10:30'], end: ['2027-03-27', '11:00'], roomId: 'salle' }),
    ])).toEqual([]);
  });

  it('finds a room booked twice, even by one minute, and says which sessions and when', () => {
    const a = session({ title: 'Plénière', start: ['2027-03-27', '10:00'], end: ['2027-03-27', '10:31'] });
    const b = session({ title: 'Table ronde', start: ['2027-03-27', '10:30'], end: ['2027-03-27', '11:00'] });
    expect(check([a, b])).toEqual([{
      code: 'room_double_booked', sessionIds: [a.id, b.id],
      params: { session: 'Plénière', other: 'Table ronde', room: 'Amphithéâtre', date: '2027-03-27', start: '10:30', end: '11:00' },
    }]);
  });

  it('finds a speaker expected in two rooms at once, not one speaking twice in a row', () => {
    const a = session({ start: ['2027-03-27', '14:00'], end: ['2027-03-27', '15:00'], speakerIds: ['claire'] });
    const b = session({ kind: 'workshop', roomId: 'salle', start: ['2027-03-27', '14:30'], end: ['2027-03-27', '15:30'], speakerIds: ['claire'] });
    const conflicts = check([a, b]);
    expect(conflicts.map((c) => [c.code, c.params.speaker])).toEqual([['speaker_double_booked', 'Claire Martin']]);
  });

  it('handles sessions across midnight and compares days by instant, not by clock time', () => {
    const overnight = { days: [{ date: '2027-06-10', start: '18:00', end: '02:00' }] };
    const late = session({ start: ['2027-06-10', '23:00'], end: ['2027-06-11', '01:00'] });
    const afterMidnight = session({ start: ['2027-06-11', '00:30'], end: ['2027-06-11', '01:30'] });
    expect(check([late, afterMidnight], overnight).map((c) => c.code)).toEqual(['room_double_booked']);
    // Same clock times on different days never collide.
    const saturday = session({ start: ['2027-03-27', '09:00'], end: ['2027-03-27', '10:00'] });
    const sunday = session({ start: ['2027-03-28', '09:00'], end: ['2027-03-28', '10:00'] });
    expect(check([saturday, sunday])).toEqual([]);
    // 2027-03-28 is the spring clock change: 09:00–10:00 is still inside 08:00–18:00.
    expect(check([sunday]).map((c) => c.code)).toEqual([]);
  });

  it('finds a session outside the day’s hours or on no day at all', () => {
    const early = session({ start: ['2027-03-27', '07:30'], end: ['2027-03-27', '08:30'] });
    const tooLate = session({ start: ['2027-03-27', '17:30'], end: ['2027-03-27', '18:15'], roomId: 'salle' });
    const noDay = session({ start: ['2027-03-29', '09:00'], end: ['2027-03-29', '10:00'], roomId: null });
    expect(check([early, tooLate, noDay]).map((c) => [c.code, c.sessionIds[0]])).toEqual([
      ['outside_day', early.id], ['outside_day', tooLate.id], ['outside_day', noDay.id],
    ]);
  });

  it('finds a workshop with more registrations than its room holds', () => {
    const w = session({ kind: 'workshop', title: 'Atelier', roomId: 'salle', start: ['2027-03-27', '10:00'], end: ['2027-03-27', '11:00'] });
    expect(check([w], { confirmed: { [w.id]: 12 } })).toEqual([]);
    expect(check([w], { confirmed: { [w.id]: 13 } })).toEqual([
      { code: 'over_capacity', sessionIds: [w.id], params: { session: 'Atelier', room: 'Salle 2', capacity: 12, registered: 13 } },
    ]);
  });

  it('ignores sessions without a room for room bookings', () => {
    expect(check([
      session({ kind: 'break', roomId: null, start: ['2027-03-27', '10:00'], end: ['2027-03-27', '10:30'] }),
      session({ kind: 'break', roomId: null, start: ['2027-03-27', '10:00'], end: ['2027-03-27', '10:30'] }),
    ])).toEqual([]);
  });
});
