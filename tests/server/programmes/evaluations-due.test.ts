import { describe, expect, it } from 'vitest';
import {
  addYears, daysBetween, dueStatus, evaluationsDue, evaluationUpdateSchema, isValidIsoDate, parisDay,
} from '../../../shared/programmes.evaluations.schema';

const dates = (list: ReturnType<typeof evaluationsDue>, kind: 'annuelle' | 'quadriennale') =>
  list.filter((e) => e.kind === kind).map((e) => `${e.rank}:${e.dueOn}`);

describe('due dates from the declaration date', () => {
  it('lists every annual self-evaluation since the declaration and the next one, and the quadrennial ones every four years', () => {
    const list = evaluationsDue('2021-06-15', '2026-03-01');
    expect(dates(list, 'annuelle')).toEqual(['1:2022-06-15', '2:2023-06-15', '3:2024-06-15', '4:2025-06-15', '5:2026-06-15']);
    expect(dates(list, 'quadriennale')).toEqual(['1:2025-06-15', '2:2029-06-15']);
    // In date order, the annual one first when both fall on the same day.
    expect(list.map((e) => e.dueOn)).toEqual([...list.map((e) => e.dueOn)].sort());
    expect(list.filter((e) => e.dueOn === '2025-06-15').map((e) => e.kind)).toEqual(['annuelle', 'quadriennale']);
  });

  it('counts a due date of today as still due, and moves to the next year the day after', () => {
    expect(dates(evaluationsDue('2023-09-01', '2024-09-01'), 'annuelle')).toEqual(['1:2024-09-01', '2:2025-09-01']);
    expect(dueStatus('2024-09-01', 'a_faire', '2024-09-01')).toBe('a_echeance');
    expect(dueStatus('2024-09-01', 'en_cours', '2024-09-02')).toBe('en_retard');
    expect(dueStatus('2024-09-01', 'faite', '2030-01-01')).toBe('faite');
  });

  it('a programme declared this year owes nothing yet but its first evaluations', () => {
    expect(evaluationsDue('2026-02-10', '2026-03-01')).toEqual([
      { kind: 'annuelle', rank: 1, dueOn: '2027-02-10' },
      { kind: 'quadriennale', rank: 1, dueOn: '2030-02-10' },
    ]);
  });

  it('an ended programme lists what it owed and nothing after', () => {
    const list = evaluationsDue('2021-06-15', '2026-03-01', { ended: true });
    expect(dates(list, 'annuelle')).toEqual(['1:2022-06-15', '2:2023-06-15', '3:2024-06-15', '4:2025-06-15']);
    expect(dates(list, 'quadriennale')).toEqual(['1:2025-06-15']);
  });

  it('a declaration on 29 February falls due on 28 February in common years and on 29 February in leap years', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    const list = evaluationsDue('2020-02-29', '2028-03-01');
    expect(dates(list, 'annuelle')).toEqual(['1:2021-02-28', '2:2022-02-28', '3:2023-02-28', '4:2024-02-29', '5:2025-02-28', '6:2026-02-28', '7:2027-02-28', '8:2028-02-29', '9:2029-02-28']);
    expect(dates(list, 'quadriennale')).toEqual(['1:2024-02-29', '2:2028-02-29', '3:2032-02-29']);
    // 2100 is not a leap year.
    expect(addYears('2096-02-29', 4)).toBe('2100-02-28');
  });

  it('counts days across a leap year and a change of year', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-03-01')).toBe(60);
    expect(daysBetween('2027-03-01', '2026-12-31')).toBe(-60);
  });

  it('takes today in France, not on the server’s clock', () => {
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisDay(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(parisDay(new Date('2026-07-14T22:01:00Z'))).toBe('2026-07-15');
  });

  it('refuses dates that do not exist and a done evaluation without its date', () => {
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(evaluationUpdateSchema.safeParse({ state: 'faite' }).success).toBe(false);
    expect(evaluationUpdateSchema.safeParse({ state: 'faite', doneOn: '2023-02-29' }).success).toBe(false);
    expect(evaluationUpdateSchema.safeParse({ state: 'en_cours', doneOn: '2024-01-02' }).success).toBe(false);
    const completedMore = evaluationUpdateSchema.safeParse({
      state: 'faite', doneOn: '2024-01-02',
      figures: { patientsStarted: 10, patientsCompleted: 12, groupSessions: null, individualSessions: null, patientPartners: null },
    });
    expect(completedMore.success).toBe(false);
  });
});
