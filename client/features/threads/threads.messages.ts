import { computed, ref } from 'vue';
import type { Message, ThreadDetail } from '../../../shared/threads.schema';
import { threadsToClient, threadsToServer } from '../../../shared/threads.live';
import { errorMessage } from '../../lib/api';
import { on, type LiveSocket } from '../../lib/live';
import { useLiveEvents } from '../../lib/useLiveEvents';
import { threadsApi } from './threads.api';

/**
 * A thread's messages, live: the latest page first, older pages on demand, and after every
 * reconnect a catch-up from the last id held (no gap; `upsert` makes duplicates impossible).
 */
export function useThreadMessages(threadId: () => string) {
  const thread = ref<ThreadDetail | null>(null);
  const messages = ref<Message[]>([]);
  const hasOlder = ref(false);
  const error = ref<string | null>(null);
  const typing = ref<Record<string, string>>({});
  /** Messages after this id are "new since your last visit". */
  const boundary = ref(0);
  let readSent = 0;
  const typingTimers: Record<string, ReturnType<typeof setTimeout>> = {};

  const lastId = computed(() => messages.value.at(-1)?.id ?? 0);

  function upsert(message: Message) {
    const list = messages.value;
    const at = list.findIndex((m) => m.id === message.id);
    if (at >= 0) list.splice(at, 1, message);
    else if (message.id > lastId.value) list.push(message);
    else if (list.length && message.id > list[0].id) {
      list.splice(list.findIndex((m) => m.id > message.id), 0, message);
    }
  }

  async function markRead() {
    const id = lastId.value;
    if (!thread.value || id <= readSent || document.visibilityState === 'hidden') return;
    readSent = id;
    await threadsApi.read(thread.value.id, id).catch(() => { readSent = 0; });
  }

  async function load() {
    error.value = null;
    try {
      const [detail, page] = await Promise.all([threadsApi.get(threadId()), threadsApi.messages(threadId(), {})]);
      thread.value = detail.thread;
      boundary.value = detail.thread.lastReadId;
      messages.value = page.messages;
      hasOlder.value = page.hasMore;
      readSent = 0;
      // A message posted between this page and the room join would otherwise be missed.
      if (socketRef) void catchUp();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function loadOlder() {
    if (!hasOlder.value || !messages.value.length) return;
    const page = await threadsApi.messages(threadId(), { before: messages.value[0].id });
    messages.value = [...page.messages, ...messages.value];
    hasOlder.value = page.hasMore;
  }

  async function catchUp() {
    if (!thread.value) return;
    for (;;) {
      const page = await threadsApi.messages(threadId(), { after: lastId.value });
      page.messages.forEach(upsert);
      if (!page.hasMore) break;
    }
  }

  async function refreshThread() {
    try {
      thread.value = { ...(await threadsApi.get(threadId())).thread, lastReadId: boundary.value };
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  useLiveEvents([
    on(threadsToClient.message, (m) => { if (m.threadId === threadId()) { upsert(m); delete typing.value[m.author.id]; void markRead(); } }),
    on(threadsToClient.messageUpdated, (m) => {
      // Moderators keep seeing what they hid: refetch their own view instead of the public one.
      if (m.threadId !== threadId()) return;
      if (m.hidden && thread.value?.canModerate) void catchUpOne(m.id);
      else if (messages.value.some((x) => x.id === m.id)) upsert(m);
    }),
    on(threadsToClient.threadUpdated, (e) => { if (e.threadId === threadId()) void refreshThread(); }),
    on(threadsToClient.typing, (e) => {
      if (e.threadId !== threadId()) return;
      typing.value = { ...typing.value, [e.user.id]: e.user.name };
      clearTimeout(typingTimers[e.user.id]);
      typingTimers[e.user.id] = setTimeout(() => {
        const { [e.user.id]: _gone, ...rest } = typing.value;
        typing.value = rest;
      }, 5000);
    }),
  ], (socket) => join(socket));

  let socketRef: LiveSocket | null = null;
  function join(socket: LiveSocket | null = socketRef) {
    socketRef = socket;
    socket?.emit(threadsToServer.join.name, { threadId: threadId() }, () => { void catchUp(); });
  }

  async function catchUpOne(id: number) {
    const page = await threadsApi.messages(threadId(), { after: id - 1, limit: 1 });
    page.messages.filter((m) => m.id === id).forEach(upsert);
  }

  let lastTyping = 0;
  function sendTyping() {
    if (Date.now() - lastTyping < 3000) return;
    lastTyping = Date.now();
    socketRef?.emit(threadsToServer.typing.name, { threadId: threadId() });
  }

  /** Another thread in the same view: leave the old room, join the new one. */
  function switchTo(previous: string) {
    socketRef?.emit(threadsToServer.leave.name, { threadId: previous });
    join();
  }

  return { thread, messages, hasOlder, error, typing, boundary, load, loadOlder, upsert, markRead, sendTyping, refreshThread, switchTo };
}
