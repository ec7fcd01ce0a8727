import * as Y from 'yjs';

/**
 * ProseMirror JSON written straight into a Y.XmlFragment, the way Tiptap's Collaboration binding
 * stores it (element = node type with its attrs, text = Y.XmlText with marks as formatting). The
 * seed cannot import the server's editor schema (db/ imports nothing of the app);
 * tests/server/documents/templates.test.ts reads the result back through that schema.
 */
export interface SeedNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: SeedNode[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

function appendChildren(parent: Y.XmlElement | Y.XmlFragment, nodes: SeedNode[]): void {
  let pendingText: Y.XmlText | null = null;
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!pendingText) {
        pendingText = new Y.XmlText();
        parent.insert(parent.length, [pendingText]);
      }
      const format = Object.fromEntries((node.marks ?? []).map((m) => [m.type, m.attrs ?? {}]));
      pendingText.insert(pendingText.length, node.text ?? '', format);
      continue;
    }
    pendingText = null;
    const element = new Y.XmlElement(node.type);
    for (const [key, value] of Object.entries(node.attrs ?? {})) if (value !== null && value !== undefined) element.setAttribute(key, value as string);
    parent.insert(parent.length, [element]);
    appendChildren(element, node.content ?? []);
  }
}

/** The Yjs state (an update) of a document whose text is `doc`. */
export function seedState(doc: SeedNode): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.transact(() => appendChildren(ydoc.getXmlFragment('default'), doc.content ?? []));
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return state;
}

/** The plain text of a document, for the search index. */
export function seedText(node: SeedNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(seedText).join(node.type === 'paragraph' || node.type === 'heading' ? '' : '\n');
}

// Builders, so the demo content reads like the document it is.
const inline = (text: string): SeedNode[] => (text ? [{ type: 'text', text }] : []);
export const h1 = (text: string): SeedNode => ({ type: 'heading', attrs: { level: 1 }, content: inline(text) });
export const h2 = (text: string): SeedNode => ({ type: 'heading', attrs: { level: 2 }, content: inline(text) });
export const p = (text = ''): SeedNode => ({ type: 'paragraph', content: inline(text) });
export const ul = (...items: string[]): SeedNode => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [p(i)] })) });
export const tasks = (...items: Array<[string, boolean]>): SeedNode => ({
  type: 'taskList', content: items.map(([text, checked]) => ({ type: 'taskItem', attrs: { checked }, content: [p(text)] })),
});
export const table = (header: string[], ...rows: string[][]): SeedNode => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((c) => ({ type: 'tableHeader', content: [p(c)] })) },
    ...rows.map((r) => ({ type: 'tableRow', content: r.map((c) => ({ type: 'tableCell', content: [p(c)] })) })),
  ],
});
