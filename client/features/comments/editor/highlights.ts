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
  /** A click on a highlighted passage opens its thread, as in Google Docs. */
  onActivate: (threadId: string) => void;
}

interface Binding { doc: Y.Doc; type: Y.XmlFragment; mapping: Mapping }
/** The highlights, and whether they wait to be resolved again (text came from Yjs since). */
interface HighlightsState { set: DecorationSet; stale: boolean }
export const commentHighlightsKey = new PluginKey<HighlightsState>('commentHighlights');

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

function rangesOf(set: DecorationSet, threads: CommentThread[]): ThreadRanges {
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
 * when the threads change and after text comes from Yjs (remote edits, first load), at most once a
 * frame however many updates arrive; a local edit just maps the decorations along, as ProseMirror
 * maps positions.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  addOptions: () => ({ threads: () => [], activeId: () => null, onRanges: () => undefined, onActivate: () => undefined }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [new Plugin<HighlightsState>({
      key: commentHighlightsKey,
      state: {
        init: (_config, state) => ({ set: decorate(state, options), stale: false }),
        apply(tr, old, _before, state) {
          if (tr.getMeta(commentHighlightsKey)) return { set: decorate(state, options), stale: false };
          if (!tr.docChanged) return old;
          const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
          return { set: old.set.map(tr.mapping, tr.doc), stale: old.stale || !!fromYjs };
        },
      },
      props: {
        decorations: (state) => commentHighlightsKey.getState(state)?.set,
        handleClick(view, pos) {
          const hit = commentHighlightsKey.getState(view.state)?.set.find(pos, pos)
            .find((d) => d.from <= pos && pos <= d.to && options.threads().some((t) => t.id === (d.spec as { threadId: string }).threadId && !t.resolvedAt));
          if (hit) options.onActivate((hit.spec as { threadId: string }).threadId);
          return false;
        },
      },
      view: (view) => {
        let last = commentHighlightsKey.getState(view.state);
        let frame = 0;
        options.onRanges(rangesOf(last?.set ?? DecorationSet.empty, options.threads()));
        return {
          update(v) {
            const now = commentHighlightsKey.getState(v.state);
            if (!now || now === last) return;
            last = now;
            if (now.stale) {
              // Resolved before the next paint: the interim (mapped) highlights are never seen.
              frame ||= requestAnimationFrame(() => {
                frame = 0;
                if (!v.isDestroyed) v.dispatch(refreshHighlights(v.state.tr));
              });
              return;
            }
            options.onRanges(rangesOf(now.set, options.threads()));
          },
          destroy: () => cancelAnimationFrame(frame),
        };
      },
    })];
  },
});
