import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { editorSchema } from './editor-schema';
import type { PmNode } from './prose';

/** The Y.XmlFragment Tiptap's Collaboration extension binds to (see contract.md). */
export const FRAGMENT = 'default';

// Reading a state as JSON: safe-json.ts (stateToSafeJson), which no document can make throw.

/**
 * Replaces the whole text of `ydoc` by `json`, inside the caller's transaction. Used for a
 * template on an empty document and for a restore: either way it is a new forward change that
 * every connected editor receives, never a rewrite of the stored history.
 */
export function replaceContent(ydoc: Y.Doc, json: PmNode): void {
  const fragment = ydoc.getXmlFragment(FRAGMENT);
  ydoc.transact(() => {
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(editorSchema, json, fragment);
  });
}

/** Plain text of a document, one block a line: what the search index holds. */
export function plainText(node: PmNode): string {
  if (node.type === 'text') return node.text ?? '';
  const inner = (node.content ?? []).map(plainText);
  const block = ['paragraph', 'heading', 'tableCell', 'tableHeader'].includes(node.type);
  return inner.join(block ? '' : '\n') + (block ? '\n' : '');
}
