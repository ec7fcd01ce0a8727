import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { CommentThread } from '../../../../shared/comments.schema';
import { resolveRange, type Mapping } from './anchors';

/** Where each thread's passage is now (document positions), or null when it was deleted. */
export type ThreadRanges = Map<string, { from: number; to: number } | null>;

export interface CommentHighlightsOptions {
  threads: () => CommentThread[];
  activeId: () => string | null;
  /** Told after each change of the ranges: the side panel orders threads by them. */
  onRanges: (ranges: ThreadRanges) => void;
}

interface Binding { doc: Y.Doc; type: Y.XmlFragment; mapping: Mapping }
export const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights');

/** Asks the highlights to resolve every anchor again (threads or the active one changed). */
export const refreshHighlights = (tr: Transaction) => tr.setMeta(commentHighlightsKey, 'refresh');

function decorate(state: EditorState, options: CommentHighlightsOptions): DecorationSet {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding;
  if (!binding) return DecorationSet.empty;
  const active = options.activeId();
  const decorations: Decoration[] = [];
  for (const thread of options.threads()) {
    const range = resolveRange(binding.doc, binding.type, state.doc, thread, binding.mapping);
    if (!range) continue;
    const classes = ['comment-anchor', thread.resolvedAt ? 'comment-anchor--resolved' : 'comment-anchor--open', thread.id === active ? 'comment-anchor--active' : ''];
    decorations.push(Decoration.inline(range.from, range.to, { class: classes.join(' ').trim(), 'data-comment-thread': thread.id }, { threadId: thread.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

function rangesOf(state: EditorState, threads: CommentThread[]): ThreadRanges {
  const set = commentHighlightsKey.getState(state) ?? DecorationSet.empty;
  const ranges: ThreadRanges = new Map(threads.map((t) => [t.id, null]));
  for (const d of set.find()) {
    const id = (d.spec as { threadId: string }).threadId;
    const seen = ranges.get(id);
    // One passage may be split in several inline pieces (across nodes): keep its whole extent.
    ranges.set(id, seen ? { from: Math.min(seen.from, d.from), to: Math.max(seen.to, d.to) } : { from: d.from, to: d.to });
  }
  return ranges;
}

/**
 * Highlights the passages of comment threads with decorations: nothing is written into the shared
 * document. Anchors (Yjs relative positions) are resolved with the collaboration binding's mapping
 * whenever the text comes from Yjs (remote edits, first load) or the threads change; a local edit
 * just maps the decorations along, as ProseMirror maps positions.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  addOptions: () => ({ threads: () => [], activeId: () => null, onRanges: () => undefined }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [new Plugin<DecorationSet>({
      key: commentHighlightsKey,
      state: {
        init: (_config, state) => decorate(state, options),
        apply(tr, old, _before, state) {
          const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
          if (tr.getMeta(commentHighlightsKey) || (tr.docChanged && fromYjs)) return decorate(state, options);
          return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
        },
      },
      props: { decorations: (state) => commentHighlightsKey.getState(state) },
      view: (view) => {
        let last = commentHighlightsKey.getState(view.state);
        options.onRanges(rangesOf(view.state, options.threads()));
        return {
          update(v) {
            const now = commentHighlightsKey.getState(v.state);
            if (now !== last) {
              last = now;
              options.onRanges(rangesOf(v.state, options.threads()));
            }
          },
        };
      },
    })];
  },
});
