import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activityThrottle, ACTIVITY_WINDOW_MS } from '../../../server/features/threads/threads.live';
import { applyActivity, readActivity } from '../../../shared/threads.activity';
import type { ActivityEvent } from '../../../shared/threads.schema';

const event = (messageId: number, threadId = 't1', authorId = 'u-author'): ActivityEvent =>
  ({ threadId, groupId: 'g1', categoryId: null, messageId, authorId, at: new Date(Date.UTC(2026, 10, 30, 9, 0, messageId)).toISOString() });

describe('the activity of a room', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('leaves at once when the room was quiet, then at most once a window, nothing lost', () => {
    const sent: Array<[string, number[]]> = [];
    const throttle = activityThrottle((room, events) => sent.push([room, events.map((e) => e.messageId)]));
    throttle.push('group:g1', event(1));
    expect(sent).toEqual([['group:g1', [1]]]);
    for (let i = 2; i <= 40; i++) throttle.push('group:g1', event(i)); // 39 posts in the same second
    throttle.push('group:g2', event(99));
    expect(sent).toEqual([['group:g1', [1]], ['group:g2', [99]]]);
    vi.advanceTimersByTime(ACTIVITY_WINDOW_MS);
    expect(sent.slice(2)).toEqual([['group:g1', Array.from({ length: 39 }, (_, i) => i + 2)]]);
    vi.advanceTimersByTime(ACTIVITY_WINDOW_MS * 3);
    expect(sent).toHaveLength(3);
    // Quiet again: the next post leaves at once.
    throttle.push('group:g1', event(41));
    expect(sent.at(-1)).toEqual(['group:g1', [41]]);
  });
});

describe('a list of threads kept by the events', () => {
  const list = [
    { id: 'pinned', pinned: true, messageCount: 3, lastMessageAt: '2026-11-01T08:00:00.000Z', unread: 0 },
    { id: 't1', pinned: false, messageCount: 5, lastMessageAt: '2026-11-20T08:00:00.000Z', unread: 1 },
    { id: 't2', pinned: false, messageCount: 2, lastMessageAt: '2026-11-25T08:00:00.000Z', unread: 0 },
  ];

  it('counts others’ messages as unread, not mine, and brings the thread up under the pinned one', () => {
    const { threads, unknown } = applyActivity(list, [event(1, 't1'), event(2, 't1', 'me'), event(2, 't1', 'me')], 'me');
    expect(unknown).toBe(false);
    expect(threads.map((t) => t.id)).toEqual(['pinned', 't1', 't2']);
    expect(threads[1]).toMatchObject({ messageCount: 7, unread: 2 });
    expect(list[1]).toMatchObject({ messageCount: 5, unread: 1 }); // the page's own list is not changed in place
  });

  it('says when a thread it does not hold moved, so the page reads the list again', () => {
    expect(applyActivity(list, [event(3, 'new-thread')], 'me').unknown).toBe(true);
    expect(applyActivity(list, [event(3, 'new-thread', 'me')], 'me').unknown).toBe(false);
  });

  it('takes nothing from a payload that is not a list of activity events', () => {
    expect(readActivity({ threadId: 't1' })).toEqual([]);
    expect(readActivity([{ ...event(1), messageId: 'x' }])).toEqual([]);
    expect(readActivity([event(1)])).toEqual([event(1)]);
  });
});
