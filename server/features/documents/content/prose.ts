/** A ProseMirror JSON node, as the editor schema reads it. */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

// Tiny builders so templates read like the documents they produce.
const inline = (text: string): PmNode[] => (text ? [{ type: 'text', text }] : []);

export const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
export const h1 = (text: string): PmNode => ({ type: 'heading', attrs: { level: 1 }, content: inline(text) });
export const h2 = (text: string): PmNode => ({ type: 'heading', attrs: { level: 2 }, content: inline(text) });
export const p = (text = ''): PmNode => ({ type: 'paragraph', content: inline(text) });
export const strongP = (label: string, text: string): PmNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text: label, marks: [{ type: 'bold' }] }, ...inline(text ? ` ${text}` : '')],
});
export const ul = (...items: string[]): PmNode => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [p(i)] })) });
export const tasks = (...items: Array<string | [string, boolean]>): PmNode => ({
  type: 'taskList',
  content: items.map((i) => {
    const [text, checked] = typeof i === 'string' ? [i, false] : i;
    return { type: 'taskItem', attrs: { checked }, content: [p(text)] };
  }),
});
export const quote = (text: string): PmNode => ({ type: 'blockquote', content: [p(text)] });

/** A table whose first row is the header row. */
export const table = (header: string[], ...rows: string[][]): PmNode => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((c) => ({ type: 'tableHeader', content: [p(c)] })) },
    ...rows.map((r) => ({ type: 'tableRow', content: r.map((c) => ({ type: 'tableCell', content: [p(c)] })) })),
  ],
});
