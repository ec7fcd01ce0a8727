import { Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import type { Node } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { DOCUMENT_CONTENT } from '../../../../shared/documents.content';

/** The deepest element in [from, to) of `doc`, counting the document's children as depth 1. */
function deepestBetween(doc: Node, from: number, to: number): number {
  let deepest = 0;
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isText) return false;
    deepest = Math.max(deepest, doc.resolve(pos).depth + 1);
    return true;
  });
  return deepest;
}

/**
 * The server refuses content nested deeper than DOCUMENT_CONTENT.maxDepth (and closes the
 * connection): the editor stops such a change before it happens (one more Tab in a list
 * already twelve levels deep does nothing). Changes coming from others are never filtered.
 */
export const DepthLimit = Extension.create({
  name: 'depthLimit',
  addProseMirrorPlugins() {
    return [new Plugin({
      filterTransaction(tr) {
        if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
        let ok = true;
        tr.mapping.maps.forEach((map, i) => {
          const rest = tr.mapping.slice(i + 1);
          map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
            const from = rest.map(newStart, -1);
            const to = Math.min(tr.doc.content.size, rest.map(newEnd, 1));
            if (ok && from < to && deepestBetween(tr.doc, from, to) > DOCUMENT_CONTENT.maxDepth) ok = false;
          });
        });
        return ok;
      },
    })];
  },
});
