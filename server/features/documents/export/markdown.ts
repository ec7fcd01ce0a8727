import { MarkdownSerializer, MarkdownSerializerState } from 'prosemirror-markdown';
import type { Mark, Node } from '@tiptap/pm/model';
import { DOCUMENT_CONTENT, isSafeHref } from '../../../../shared/documents.content';
import { editorSchema } from '../content/editor-schema';
import type { PmNode } from '../content/prose';
import { boundedForRendering } from './bounded-json';

// The Markdown export through prosemirror-markdown (by ProseMirror's author): its escaping, mark
// nesting, list indentation and code fences are maintained for us. It knows ProseMirror's basic
// schema, not Tiptap's, so each node and mark of ours says how it is written. Numbers and links
// come from people: heading levels are clamped, ordered-list starts bounded, unsafe links become
// plain text, and `<` is escaped so that no HTML goes through.

const clamp = (value: unknown, min: number, max: number, fallback: number) =>
  (typeof value === 'number' && Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback);

function backticksFor(node: Node, side: -1 | 1): string {
  let len = 0;
  if (node.isText) for (const m of node.text!.matchAll(/`+/g)) len = Math.max(len, m[0].length);
  let result = len > 0 && side > 0 ? ' `' : '`';
  result += '`'.repeat(len);
  return len > 0 && side < 0 ? `${result} ` : result;
}

const linkTarget = (mark: Mark) => (isSafeHref(mark.attrs.href) ? mark.attrs.href : null);
// Spaces and brackets would end the destination; percent-encoding keeps the address the same.
const escapeHref = (href: string) => href.replace(/[\s()<>\\]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));

/** A cell's blocks on one line, pipes escaped: a GFM table row cannot hold more. */
function cellText(cell: Node): string {
  const inner = editorSchema.topNodeType.create(null, cell.content);
  return markdown.serialize(inner, { tightLists: true }).trim().replace(/\s*\n\s*/g, ' ').replace(/(?<!\\)\|/g, '\\|');
}

function table(state: MarkdownSerializerState, node: Node): void {
  const rows: string[][] = [];
  node.forEach((row) => {
    const cells: string[] = [];
    row.forEach((cell) => cells.push(cellText(cell)));
    if (cells.length > 0) rows.push(cells);
  });
  if (rows.length === 0) return;
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
  state.write([line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n'));
  state.closeBlock(node);
}

type NodeWriter = (state: MarkdownSerializerState, node: Node, parent: Node, index: number) => void;
const content: NodeWriter = (state, node) => state.renderContent(node);

const markdown = new MarkdownSerializer({
  paragraph(state, node) {
    state.renderInline(node);
    state.closeBlock(node);
  },
  heading(state, node) {
    state.write(`${state.repeat('#', clamp(node.attrs.level, 1, 6, 1))} `);
    state.renderInline(node, false);
    state.closeBlock(node);
  },
  blockquote(state, node) {
    state.wrapBlock('> ', null, node, () => state.renderContent(node));
  },
  codeBlock(state, node) {
    const runs = node.textContent.match(/`{3,}/gm);
    const fence = runs ? `${runs.sort((a, b) => a.length - b.length).at(-1)}\`` : '```';
    const language = typeof node.attrs.language === 'string' && /^[\w+#.-]{1,40}$/.test(node.attrs.language) ? node.attrs.language : '';
    state.write(`${fence}${language}\n`);
    state.text(node.textContent, false);
    state.write('\n');
    state.write(fence);
    state.closeBlock(node);
  },
  horizontalRule(state, node) {
    state.write('---');
    state.closeBlock(node);
  },
  bulletList(state, node) {
    state.renderList(node, '  ', () => '- ');
  },
  orderedList(state, node) {
    const start = clamp(node.attrs.start, 0, 999_999_999, 1);
    const width = String(start + node.childCount - 1).length;
    state.renderList(node, ' '.repeat(width + 2), (i) => `${String(start + i).padStart(width)}. `);
  },
  taskList(state, node) {
    state.renderList(node, '  ', (i) => (node.child(i).attrs.checked === true ? '- [x] ' : '- [ ] '));
  },
  listItem: content,
  taskItem: content,
  table,
  tableRow: content,
  tableCell: content,
  tableHeader: content,
  hardBreak(state, node, parent, index) {
    for (let i = index + 1; i < parent.childCount; i++) {
      if (parent.child(i).type !== node.type) {
        state.write('\\\n');
        return;
      }
    }
  },
  text(state, node) {
    state.text(node.text ?? '');
  },
}, {
  italic: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
  bold: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
  strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
  // Markdown has no underline; inline HTML is what CommonMark viewers render, and reads fine raw.
  underline: { open: '<u>', close: '</u>', mixable: true, expelEnclosingWhitespace: true },
  code: {
    open: (_state, _mark, parent, index) => backticksFor(parent.child(index), -1),
    close: (_state, _mark, parent, index) => backticksFor(parent.child(index - 1), 1),
    escape: false,
  },
  link: {
    open: (_state, mark) => (linkTarget(mark) ? '[' : ''),
    close: (_state, mark) => {
      const href = linkTarget(mark);
      if (!href) return '';
      const title = typeof mark.attrs.title === 'string' && mark.attrs.title ? ` "${mark.attrs.title.slice(0, 500).replace(/["\\]/g, '\\$&')}"` : '';
      return `](${escapeHref(href.slice(0, DOCUMENT_CONTENT.maxHrefLength))}${title})`;
    },
    mixable: true,
  },
}, { escapeExtraCharacters: /[<|]/g, hardBreakNodeName: 'hardBreak', strict: false });

/** What the serializer's state holds that this file touches: its output, and how it renders a node. */
interface OutputState {
  out: string;
  render(node: Node, parent: Node, index: number): void;
  renderContent(parent: Node): void;
}
type StateConstructor = new (nodes: MarkdownSerializer['nodes'], marks: MarkdownSerializer['marks'], options: MarkdownSerializer['options'] & { tightLists?: boolean }) => OutputState;

/** Past this many characters the output so far is set aside; the serializer keeps reading TAIL of it. */
const SET_ASIDE = 64 * 1024;
/** The end of the output prosemirror-markdown reads: its last character, or two before a link. */
const TAIL = 16;

/**
 * `markdown.serialize`, in linear time. prosemirror-markdown appends to one string and reads its
 * last character at each write, and V8 copies the whole string into one piece to read it: the time
 * grew with the square of the size (1 MB of text in 0.25 s, 4 MB in 3.3 s, 32 MB past the 20 s
 * bound). Here the output is set aside in parts as it grows, after any node, leaving the serializer
 * the short tail it reads: the same text.
 */
function serialize(doc: Node): string {
  const state = new (MarkdownSerializerState as unknown as StateConstructor)(markdown.nodes, markdown.marks, { ...markdown.options, tightLists: true });
  const parts: string[] = [];
  const render = state.render.bind(state);
  state.render = (node, parent, index) => {
    render(node, parent, index);
    if (state.out.length > SET_ASIDE) {
      parts.push(state.out.slice(0, -TAIL));
      state.out = state.out.slice(-TAIL);
    }
  };
  state.renderContent(doc);
  parts.push(state.out);
  return parts.join('');
}

/** The document as Markdown (CommonMark with GFM tables and task lists). */
export function toMarkdown(json: PmNode): string {
  const doc = editorSchema.nodeFromJSON(boundedForRendering(json));
  return `${serialize(doc).trim()}\n`;
}
