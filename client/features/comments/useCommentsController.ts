import { computed, nextTick, ref, shallowRef, watch } from 'vue';
import type { Editor } from '@tiptap/vue-3';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { COMMENT_LIMITS } from '../../../shared/limits';
import type { CommentThread } from '../../../shared/comments.schema';
import { encodeAnchor, type Mapping } from './editor/anchors';
import { CommentHighlights, refreshHighlights, type ThreadRanges } from './editor/highlights';
import { useDocumentComments } from './useDocumentComments';

export type CommentFilter = 'open' | 'resolved' | 'mine';
/** A passage selected for a new thread: its anchors and quote, taken when "Commenter" was asked. */
export interface PendingComment { anchorStart: string; anchorEnd: string; quote: string }

/**
 * What the editor's comment parts share: the live threads, the panel's state, where each passage is
 * now, and the two moves between text and panel (comment the selection, go to a thread's passage).
 */
export function useCommentsController(documentId: string, userId: string, initialThreadId: string | null = null) {
  const comments = useDocumentComments(documentId);
  const panelOpen = ref(initialThreadId !== null);
  const activeId = ref<string | null>(initialThreadId);
  const filter = ref<CommentFilter>('open');
  const ranges = shallowRef<ThreadRanges>(new Map());
  const pending = ref<PendingComment | null>(null);
  const selectionEmpty = ref(true);
  let editor: Editor | null = null;

  const extension = CommentHighlights.configure({
    threads: () => comments.threads.value,
    activeId: () => activeId.value,
    onRanges: (r) => { ranges.value = r; },
    onActivate: (threadId) => { void show(threadId); },
  });

  /** From the text to the panel: the thread of a clicked passage, open, in view. */
  async function show(threadId: string) {
    activeId.value = threadId;
    panelOpen.value = true;
    if (filter.value !== 'open') filter.value = 'open';
    await nextTick();
    document.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  /** Threads in document order (passage gone: at the end, oldest first), then filtered. */
  const ordered = computed<CommentThread[]>(() => {
    const at = (t: CommentThread) => ranges.value.get(t.id)?.from ?? Number.MAX_SAFE_INTEGER;
    return [...comments.threads.value].sort((a, b) => at(a) - at(b) || a.createdAt.localeCompare(b.createdAt));
  });
  const visible = computed(() => ordered.value.filter((t) => (filter.value === 'open' ? !t.resolvedAt
    : filter.value === 'resolved' ? !!t.resolvedAt : t.comments.some((c) => c.author.id === userId && !c.deleted))));
  const openCount = computed(() => comments.threads.value.filter((t) => !t.resolvedAt).length);
  const passageDeleted = (threadId: string) => ranges.value.has(threadId) && ranges.value.get(threadId) === null;

  function attach(e: Editor) {
    editor = e;
    e.on('selectionUpdate', () => { selectionEmpty.value = e.state.selection.empty; });
  }
  // New threads, replies from others, the active one: the highlights follow.
  watch([comments.threads, activeId], () => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(refreshHighlights(editor.state.tr));
  });

  /** Takes the selected passage as the new thread's anchor and opens the panel's form. */
  function startComment(): boolean {
    if (!editor || !comments.canComment.value) return false;
    const { from, to, empty } = editor.state.selection;
    const binding = (ySyncPluginKey.getState(editor.state) as { binding?: { type: Y.XmlFragment; mapping: Mapping } } | undefined)?.binding;
    const quote = editor.state.doc.textBetween(from, to, ' ').trim().slice(0, COMMENT_LIMITS.quoteMax);
    if (empty || !binding || !quote) return false;
    pending.value = { anchorStart: encodeAnchor(from, binding.type, binding.mapping), anchorEnd: encodeAnchor(to, binding.type, binding.mapping), quote };
    panelOpen.value = true;
    return true;
  }

  /**
   * Opens a thread: its passage is shown as the active one and scrolled into view; in an editable
   * text it is also selected and focused (a read-only text takes no focus: the panel keeps it).
   */
  function goTo(threadId: string) {
    activeId.value = threadId;
    const range = ranges.value.get(threadId);
    if (!editor || !range) return;
    const chain = editor.isEditable ? editor.chain().focus() : editor.chain();
    chain.setTextSelection(range).scrollIntoView().run();
    const dom = editor.view.dom.querySelector(`[data-comment-thread="${threadId}"]`);
    dom?.scrollIntoView({ block: 'center' });
  }

  // A thread asked for by a link (a notification) comes into view once its passage is known.
  watch(ranges, (r) => {
    if (initialThreadId && r.get(initialThreadId)) {
      goTo(initialThreadId);
      initialThreadId = null;
    }
  });

  return { comments, extension, panelOpen, activeId, filter, ranges, pending, selectionEmpty, ordered, visible, openCount, passageDeleted, attach, startComment, goTo };
}
export type CommentsController = ReturnType<typeof useCommentsController>;
