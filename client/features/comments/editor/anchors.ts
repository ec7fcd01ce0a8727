import * as Y from 'yjs';
import type { Node as PMNode } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';

/** The binding's map from Yjs types to ProseMirror nodes (y-prosemirror's `ProsemirrorMapping`). */
export type Mapping = Map<Y.AbstractType<unknown>, PMNode | PMNode[]>;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * A ProseMirror position as a Yjs relative position, encoded for the server. It names the Yjs item
 * it sits next to, not a character offset, so it follows the text while others edit around it.
 */
export function encodeAnchor(pos: number, fragment: Y.XmlFragment, mapping: Mapping): string {
  return toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, fragment, mapping as never)));
}

export function resolveAnchor(ydoc: Y.Doc, fragment: Y.XmlFragment, anchor: string, mapping: Mapping): number | null {
  try {
    return relativePositionToAbsolutePosition(ydoc, fragment, Y.decodeRelativePosition(fromBase64(anchor)), mapping as never);
  } catch {
    // An anchor from another document, or damaged: treated as a deleted passage, never a crash.
    return null;
  }
}

/**
 * Where a thread's passage is now, or null when its text was deleted (both ends collapse onto the
 * same place, or no longer resolve): the thread is then shown as "passage supprimé".
 */
export function resolveRange(ydoc: Y.Doc, fragment: Y.XmlFragment, doc: PMNode, anchors: { anchorStart: string; anchorEnd: string }, mapping: Mapping): { from: number; to: number } | null {
  const from = resolveAnchor(ydoc, fragment, anchors.anchorStart, mapping);
  const to = resolveAnchor(ydoc, fragment, anchors.anchorEnd, mapping);
  if (from === null || to === null || to <= from || to > doc.content.size) return null;
  if (doc.textBetween(from, to, ' ').trim() === '') return null;
  return { from, to };
}
