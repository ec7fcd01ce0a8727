import { ref, shallowRef } from 'vue';
import { GROUP_EVENTS } from '../../../shared/groups.schema';
import { COMMENT_EVENTS, COMMENT_SOCKET_MESSAGES, commentRemovedEventSchema, commentThreadSchema, type CommentThread } from '../../../shared/comments.schema';
import { errorMessage } from '../../lib/api';
import { useSocketEvents } from '../threads/threads.live';
import { commentsApi } from './comments.api';

/**
 * A document's comment threads, kept live: loaded once, then every change anyone makes arrives in
 * the document's room (joined again after a reconnection, and reloaded: what was missed comes back).
 */
export function useDocumentComments(documentId: string) {
  const threads = shallowRef<CommentThread[]>([]);
  const canComment = ref(false);
  const canModerate = ref(false);
  const groupId = ref('');
  const loaded = ref(false);
  const error = ref<string | null>(null);

  const upsert = (thread: CommentThread) => {
    if (thread.documentId !== documentId) return;
    const others = threads.value.filter((t) => t.id !== thread.id);
    threads.value = [...others, thread];
  };
  const drop = (threadId: string) => { threads.value = threads.value.filter((t) => t.id !== threadId); };

  async function load() {
    try {
      const r = await commentsApi.list(documentId);
      threads.value = r.threads;
      canComment.value = r.canComment;
      canModerate.value = r.canModerate;
      groupId.value = r.groupId;
      loaded.value = true;
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  useSocketEvents({
    [COMMENT_EVENTS.thread]: (payload: unknown) => {
      const parsed = commentThreadSchema.safeParse(payload);
      if (parsed.success) upsert(parsed.data);
    },
    // My role changed (a lead made me an observer, or a commenter): ask again what I may do.
    [GROUP_EVENTS.mineChanged]: () => { void load(); },
    [COMMENT_EVENTS.removed]: (payload: unknown) => {
      const parsed = commentRemovedEventSchema.safeParse(payload);
      if (parsed.success && parsed.data.documentId === documentId) drop(parsed.data.threadId);
    },
  }, (socket) => {
    socket.emit(COMMENT_SOCKET_MESSAGES.join, { documentId }, () => undefined);
    void load();
  });

  /** Runs a write and applies its reply at once (the room echoes it too; upsert is idempotent). */
  async function write(run: () => Promise<{ thread: CommentThread | null }>, threadId?: string): Promise<CommentThread | null> {
    const { thread } = await run();
    if (thread) upsert(thread);
    else if (threadId) drop(threadId);
    return thread;
  }

  return {
    threads, canComment, canModerate, groupId, loaded, error, reload: load,
    open: (input: Parameters<typeof commentsApi.open>[1]) => write(() => commentsApi.open(documentId, input)),
    reply: (threadId: string, body: string) => write(() => commentsApi.reply(threadId, body)),
    edit: (commentId: string, body: string) => write(() => commentsApi.edit(commentId, body)),
    remove: (threadId: string, commentId: string) => write(() => commentsApi.remove(commentId), threadId),
    resolve: (threadId: string, resolved: boolean) => write(() => commentsApi.resolve(threadId, resolved)),
  };
}
