import type { PmNode } from '../content/prose';

/**
 * A document read as the sequence of blocks a comparison aligns: each textblock (paragraph,
 * heading, code) with where it sits (list, depth, quote), and each table as a grid of cell texts.
 * Nested structures are flattened on an explicit stack: safe-json has already bounded the depth,
 * but a long document must not cost recursion either.
 */
export interface TextUnit {
  kind: 'text';
  node: 'paragraph' | 'heading' | 'codeBlock' | 'horizontalRule';
  level: number | null;
  list: 'bullet' | 'ordered' | 'task' | null;
  depth: number;
  checked: boolean | null;
  quote: boolean;
  text: string;
}
export interface TableUnit {
  kind: 'table';
  rows: Array<{ cells: Array<{ header: boolean; text: string }> }>;
}
export type Unit = TextUnit | TableUnit;

interface Context { list: TextUnit['list']; depth: number; checked: boolean | null; quote: boolean }

const LISTS: Record<string, TextUnit['list']> = { bulletList: 'bullet', orderedList: 'ordered', taskList: 'task' };
const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** The text of an inline run or of a whole subtree: hard breaks and block ends become line breaks. */
export function textOf(node: PmNode): string {
  const out: string[] = [];
  const stack: Array<PmNode | '\n'> = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === '\n') { out.push('\n'); continue; }
    if (n.type === 'text') out.push(n.text ?? '');
    else if (n.type === 'hardBreak') out.push('\n');
    const children = n.content ?? [];
    if (n !== node && TEXTBLOCKS.has(n.type)) stack.push('\n');
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out.join('').replace(/\n+$/, '');
}

function tableUnit(table: PmNode): TableUnit {
  return {
    kind: 'table',
    rows: (table.content ?? []).map((row) => ({
      cells: (row.content ?? []).map((cell) => ({ header: cell.type === 'tableHeader', text: textOf(cell) })),
    })),
  };
}

export function unitsOf(doc: PmNode): Unit[] {
  const units: Unit[] = [];
  const top: Context = { list: null, depth: 0, checked: null, quote: false };
  const stack: Array<{ node: PmNode; ctx: Context }> = [];
  const pushChildren = (node: PmNode, ctx: Context) => {
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], ctx });
  };
  pushChildren(doc, top);
  while (stack.length) {
    const { node, ctx } = stack.pop()!;
    if (TEXTBLOCKS.has(node.type)) {
      const level = node.type === 'heading' ? Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1))) : null;
      units.push({ kind: 'text', node: node.type as TextUnit['node'], level, ...ctx, text: textOf(node) });
    } else if (node.type === 'horizontalRule') {
      units.push({ kind: 'text', node: 'horizontalRule', level: null, ...ctx, text: '' });
    } else if (node.type === 'table') {
      units.push(tableUnit(node));
    } else if (LISTS[node.type]) {
      const list = LISTS[node.type];
      for (let i = (node.content ?? []).length - 1; i >= 0; i--) {
        const item = node.content![i];
        const checked = item.type === 'taskItem' ? item.attrs?.checked === true : null;
        stack.push({ node: item, ctx: { ...ctx, list, depth: ctx.depth + 1, checked } });
      }
    } else if (node.type === 'blockquote') {
      pushChildren(node, { ...ctx, quote: true });
    } else {
      pushChildren(node, ctx);
    }
  }
  return units;
}

/** What makes two blocks "the same" for the alignment: their place and their text. */
export function keyOf(unit: Unit): string {
  if (unit.kind === 'table') return `table\u0000${unit.rows.map((r) => r.cells.map((c) => c.text).join('\u0001')).join('\u0002')}`;
  return [unit.node, unit.level, unit.list, unit.depth, unit.checked, unit.quote, unit.text].join('\u0000');
}
