import { describe, expect, it } from 'vitest';
import { fact, figure, ms, perSecond, summary } from '../../bench/summary';
import { chooseSections, SECTIONS } from '../../bench/sections';

// The closing table of `npm run bench` says whether each promise is kept: its verdicts must follow the goal's direction.
describe('npm run bench summary', () => {
  it('judges times and memory by "at most" and rates by "at least", and invents no goal', () => {
    figure('collab p99', 6, { name: 'ref', value: 5 }, ms, { at: 'most', ratio: 1.2 });
    figure('collab p99 slow', 6.5, { name: 'ref', value: 5 }, ms, { at: 'most', ratio: 1.2 });
    figure('reads', 2600, { name: 'bare', value: 5000 }, perSecond, { at: 'least', ratio: 0.5 });
    figure('reads slow', 2400, { name: 'bare', value: 5000 }, perSecond, { at: 'least', ratio: 0.5 });
    figure('sign-in', 500, { name: 'alone', value: 180 }, ms, null);
    fact('sign-in succeeds', 'answered 429', 'alone: 200', 'answered 200', false);
    expect(summary().map((row) => [row.figure, row.ratio, row['met?']])).toEqual([
      ['collab p99', '1.20×', 'yes'],
      ['collab p99 slow', '1.30×', 'NO'],
      ['reads', '0.52×', 'yes'],
      ['reads slow', '0.48×', 'NO'],
      ['sign-in', '2.78×', '—'],
      ['sign-in succeeds', '—', 'NO'],
    ]);
    expect(summary()[0]).toMatchObject({ Maillage: '6.00 ms', reference: '5.00 ms (ref)', goal: '≤ 1.2×' });
    expect(summary()[2]).toMatchObject({ Maillage: '2,600/s', goal: '≥ 0.5×' });
  });

  it('runs every section without BENCH_ONLY, only the named ones with it, and reports a name it does not know', () => {
    const all = chooseSections(undefined);
    expect(SECTIONS.every(all.wanted)).toBe(true);
    const some = chooseSections(' collab, memory ,memoire');
    expect(SECTIONS.filter(some.wanted)).toEqual(['collab', 'memory']);
    expect(some.unknown).toEqual(['memoire']);
    expect(SECTIONS.every(chooseSections('').wanted)).toBe(true);
  });
});
