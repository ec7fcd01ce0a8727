import * as Y from 'yjs';
import { fragmentToSafeJson } from '../content/safe-json';
import { FRAGMENT, replaceContent } from '../content/yjs-content';

/** Levels removed per transaction: Yjs frees a deleted element's subtree recursively. */
const STRIDE = 200;

/**
 * Rewrites a loaded document that breaks the schema (stored before updates were checked) into
 * the nearest valid one, text kept (content/safe-json.ts), as forward changes made under `origin`.
 * A subtree thousands of levels deep is removed from the bottom up, a stride per transaction:
 * removing it at once would overflow the stack in Yjs's garbage collection.
 */
export function repairDocument(doc: Y.Doc, origin: unknown): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const json = fragmentToSafeJson(fragment);
  const byDepth: Y.XmlElement[][] = [];
  const stack: Array<[Y.XmlElement | Y.XmlFragment, number]> = [[fragment, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      (byDepth[depth + 1] ??= []).push(child);
      stack.push([child, depth + 1]);
    }
  }
  for (let depth = byDepth.length - 1 - STRIDE; depth > 0; depth -= STRIDE) {
    doc.transact(() => {
      for (const element of byDepth[depth] ?? []) element.delete(0, element.length);
    }, origin);
  }
  doc.transact(() => replaceContent(doc, json), origin);
}
