import { DOCUMENT_CONTENT, isSafeHref } from '../../../../shared/documents.content';
import type { PmNode } from '../content/prose';
import { knownNodeType, safeNodeAttrs } from '../content/safe-attributes';

/**
 * The last check before a renderer: numbers and URLs held to their domains once more, whatever
 * the JSON went through. safe-json.ts already does this; a renderer given JSON from anywhere else
 * (or from a future bug) must still never loop a billion times over a column span or write a
 * javascript: link. Iterative: no depth makes it overflow.
 */
export function boundedForRendering(json: PmNode): PmNode {
  const root: PmNode = { ...json };
  const stack: PmNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const type = knownNodeType(node.type);
    if (type && node.attrs) node.attrs = safeNodeAttrs(type, node.attrs);
    if (node.marks) node.marks = node.marks.filter((m) => m.type !== 'link' || isSafeHref(m.attrs?.href));
    if (!node.content) continue;
    let width = 0;
    node.content = node.content.map((child) => {
      const copy = { ...child };
      if (node.type === 'tableRow') {
        const span = typeof copy.attrs?.colspan === 'number' && copy.attrs.colspan <= DOCUMENT_CONTENT.maxTableSpan ? copy.attrs.colspan : 1;
        const fits = width + span <= DOCUMENT_CONTENT.maxTableSpan;
        width += fits ? span : 1;
        if (!fits) copy.attrs = { ...copy.attrs, colspan: 1, colwidth: null };
      }
      stack.push(copy);
      return copy;
    });
  }
  return root;
}
