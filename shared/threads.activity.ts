import { activityBatchSchema, type ActivityEvent, type ThreadSummary } from './threads.schema';

/**
 * A list of threads brought up to date by activity events, without asking the server: each
 * message by someone else counts once more, and unread; the list keeps its order (pinned first,
 * then the latest message). `unknown` says a thread the list does not hold moved (a new thread,
 * or one beyond the page): only then must the list be read again.
 */
export function applyActivity<T extends Pick<ThreadSummary, 'id' | 'pinned' | 'messageCount' | 'lastMessageAt' | 'unread'>>(
  threads: T[], events: ActivityEvent[], readerId: string | undefined,
): { threads: T[]; unknown: boolean } {
  const byId = new Map(threads.map((t) => [t.id, { ...t }]));
  let unknown = false;
  const seen = new Set<number>();
  for (const e of events) {
    if (seen.has(e.messageId)) continue;
    seen.add(e.messageId);
    const thread = byId.get(e.threadId);
    if (!thread) {
      if (e.authorId !== readerId) unknown = true;
      continue;
    }
    thread.messageCount += 1;
    if (e.at > thread.lastMessageAt) thread.lastMessageAt = e.at;
    if (e.authorId !== readerId) thread.unread += 1;
  }
  const next = [...byId.values()].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lastMessageAt.localeCompare(a.lastMessageAt));
  return { threads: next, unknown };
}

/** A reload spread over a window, so that a thousand open pages do not ask in the same millisecond. */
export const spreadDelayMs = (windowMs = 2000) => 200 + Math.floor(Math.random() * windowMs);

/** A `threads:activity` payload as received: checked against its schema, nothing if it does not match. */
export function readActivity(payload: unknown): ActivityEvent[] {
  const parsed = activityBatchSchema.safeParse(payload);
  return parsed.success ? parsed.data : [];
}
