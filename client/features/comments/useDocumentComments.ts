import { ref, shallowRef } from 'vue';
import type { CommentThread } from '../../../shared/comments.schema';
import { commentsToClient, commentsToServer } from '../../../shared/comments.live';
import { groupsToClient } from '../../../shared/groups.live';
import { errorMessage } from '../../lib/api';
import { on } from '../../lib/live';
import { useLiveEvents } from '../../lib/useLiveEvents';
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

  useLiveEvents([
    on(commentsToClient.thread, upsert),
    // My role changed (a lead made me an observer, or a commenter): ask again what I may do.
    on(groupsToClient.mineChanged, () => { void load(); }),
    on(commentsToClient.removed, (e) => { if (e.documentId === documentId) drop(e.threadId); }),
  ], (socket) => {
    socket.emit(commentsToServer.join.name, { documentId }, () => undefined);
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
