import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { versionScheduler } from '../../../server/features/documents/versions/versions.scheduler';

describe('automatic versions', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const setup = () => {
    const taken: Array<[string, string[]]> = [];
    const scheduler = versionScheduler({ pauseMs: 60_000, maxIntervalMs: 300_000 }, (id, users) => taken.push([id, users]), () => Date.now());
    return { taken, scheduler };
  };

  it('takes one version after a pause in editing, naming everyone who edited', () => {
    const { taken, scheduler } = setup();
    scheduler.changed('doc', ['alice']);
    vi.advanceTimersByTime(30_000);
    scheduler.changed('doc', ['bruno']);
    vi.advanceTimersByTime(59_000);
    expect(taken).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(taken).toEqual([['doc', ['alice', 'bruno']]]);
  });

  it('takes a version at least every few minutes while people keep typing', () => {
    const { taken, scheduler } = setup();
    for (let i = 0; i < 20; i++) {
      scheduler.changed('doc', ['alice']);
      vi.advanceTimersByTime(50_000);
    }
    // 1,000 s of typing with no pause of a minute: at least one version every 300 s of activity.
    expect(taken.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps documents apart', () => {
    const { taken, scheduler } = setup();
    scheduler.changed('a', ['alice']);
    scheduler.changed('b', ['bruno']);
    vi.advanceTimersByTime(60_000);
    expect(taken.map(([id]) => id).sort()).toEqual(['a', 'b']);
  });
});
