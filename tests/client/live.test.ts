import { EventEmitter } from 'node:events';
import { afterEach, expect, it, vi } from 'vitest';
import { listen, listenAll, on, type LiveSocket } from '../../client/lib/live';
import { threadsToClient } from '../../shared/threads.live';
import { groupsToClient } from '../../shared/groups.live';

// The client's side of the live contract: a payload is parsed with its shared schema before any
// view sees it; a malformed one is dropped and logged, never thrown into the page.

/** The part of a Socket.IO client `listen` uses: events in, listeners on and off. */
const fakeSocket = () => {
  const emitter = new EventEmitter();
  return { emitter, socket: emitter as unknown as LiveSocket };
};
afterEach(() => vi.restoreAllMocks());

it('hands the view a parsed payload and drops a malformed one with a warning', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const { emitter, socket } = fakeSocket();
  const seen: unknown[] = [];
  listen(socket, threadsToClient.threadUpdated, (e) => seen.push(e.threadId));

  emitter.emit('thread:updated', { threadId: 42 });
  emitter.emit('thread:updated', 'thread-1');
  emitter.emit('thread:updated', null);
  expect(seen).toEqual([]);
  expect(warn).toHaveBeenCalledTimes(3);
  expect(String(warn.mock.calls[0][0])).toContain('thread:updated');

  emitter.emit('thread:updated', { threadId: 't1' });
  expect(seen).toEqual(['t1']);
});

it('keeps listening after a handler throws, and stops when asked', () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const { emitter, socket } = fakeSocket();
  const groups: string[] = [];
  const stop = listenAll(socket, [
    on(groupsToClient.accessLost, () => { throw new Error('vue en cours de démontage'); }),
    on(groupsToClient.mineChanged, (p) => groups.push(p.groupId)),
  ]);
  expect(() => emitter.emit('group.access_lost', { groupId: 'g1' })).not.toThrow();
  expect(error).toHaveBeenCalledTimes(1);
  emitter.emit('groups.mine_changed', { groupId: 'g1' });
  stop();
  emitter.emit('groups.mine_changed', { groupId: 'g2' });
  expect(groups).toEqual(['g1']);
  expect(emitter.listenerCount('groups.mine_changed') + emitter.listenerCount('group.access_lost')).toBe(0);
});
