import * as Y from 'yjs';
import { Fragment, type ContentMatch, type Node, type NodeType } from '@tiptap/pm/model';
import { DOCUMENT_CONTENT } from '../../../../shared/documents.content';
import { editorSchema as schema } from './editor-schema';
import type { PmNode } from './prose';
import { boundedRow, knownNodeType, safeMarks, safeNodeAttrs } from './safe-attributes';
import { FRAGMENT } from './yjs-content';

/**
 * Any Yjs document, read as ProseMirror JSON that the editor schema accepts. Clients write the Yjs
 * tree and may write anything (a bare text at the root, 5,000 nested quotes, unknown elements):
 * every renderer, the search index, the versions and the repair of a stored document at load
 * read through here, so that no document can break them. The rules, never losing a person's text:
 * - an element the schema does not know, or that cannot go where it is, gives way to its children;
 * - text where blocks are expected goes into a paragraph; blocks inside a paragraph join it as lines;
 * - content a parent needs first is filled in, and content a parent cannot hold is wrapped
 *   (list items outside a list get one list, consecutive texts one paragraph);
 * - past DOCUMENT_CONTENT.maxDepth, the deeper content becomes paragraphs of its text;
 * - attributes outside their domain take the schema's default, unknown marks and unsafe links go.
 * Recursion follows kept elements only, so it never goes deeper than maxDepth; lifting and text
 * collection use explicit stacks.
 */

const MAX_DEPTH = DOCUMENT_CONTENT.maxDepth;
const { paragraph, hardBreak } = schema.nodes;
const BOUNDARY = Symbol('block boundary');
type Entry = unknown;

function pushReversed(stack: Entry[], items: readonly Entry[]): void {
  for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
}

function textNodes(text: Y.Text, parent: NodeType): Node[] {
  const nodes: Node[] = [];
  for (const { insert, attributes } of text.toDelta() as Array<{ insert: unknown; attributes?: unknown }>) {
    if (typeof insert === 'string' && insert.length > 0) nodes.push(schema.text(insert, safeMarks(attributes, parent)));
  }
  return nodes;
}

/** All the text below `children`, one line per block it sat in (any depth, no recursion). */
function textLines(children: readonly Entry[]): Node[][] {
  const lines: Node[][] = [[]];
  const stack: Entry[] = [];
  pushReversed(stack, children);
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === BOUNDARY) {
      if (lines[lines.length - 1].length > 0) lines.push([]);
    } else if (item instanceof Y.Text) {
      for (const node of textNodes(item, paragraph)) lines[lines.length - 1].push(node);
    } else if (item instanceof Y.XmlFragment) {
      stack.push(BOUNDARY);
      pushReversed(stack, item.toArray());
      stack.push(BOUNDARY);
    }
  }
  return lines.filter((line) => line.length > 0);
}

/** The inline content of a textblock: its text, and the text of any block wrongly inside it as lines. */
function inlineContent(children: readonly Entry[], type: NodeType): Node[] {
  const out: Node[] = [];
  const lineBreak = () => (type.contentMatch.matchType(hardBreak) ? hardBreak.create() : schema.text('\n'));
  let pendingBreak = false;
  const stack: Entry[] = [];
  pushReversed(stack, children);
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === BOUNDARY) {
      pendingBreak = out.length > 0;
    } else if (item instanceof Y.Text) {
      const nodes = textNodes(item, type);
      if (pendingBreak && nodes.length > 0) out.push(lineBreak());
      if (nodes.length > 0) pendingBreak = false;
      for (const node of nodes) out.push(node);
    } else if (item instanceof Y.XmlElement && item.nodeName === 'hardBreak') {
      out.push(lineBreak());
      pendingBreak = false;
    } else if (item instanceof Y.XmlFragment) {
      stack.push(BOUNDARY);
      pushReversed(stack, item.toArray());
      stack.push(BOUNDARY);
    }
  }
  return out;
}

/** Levels a node of this type needs below it to hold text (a table: row, cell, paragraph). */
const textDepths = new Map<NodeType, number>();
function textDepth(type: NodeType): number {
  if (type.inlineContent || type.isLeaf) return 0;
  if (!textDepths.has(type)) textDepths.set(type, type.contentMatch.findWrapping(schema.nodes.text)?.length ?? MAX_DEPTH);
  return textDepths.get(type)!;
}

/** Appends what `match` still requires, then creates the node. */
function close(type: NodeType, attrs: Record<string, unknown> | null, content: Node[], match: ContentMatch): Node {
  const rest = match.fillBefore(Fragment.empty, true);
  rest?.forEach((node) => content.push(node));
  const node = type.create(attrs, content);
  return type.name === 'tableRow' ? boundedRow(node) : node;
}

interface Plan { fill: Node[]; wrappers: readonly NodeType[]; joinGroup: boolean }

/** The children of one container, placed so that its content expression accepts them. */
class Blocks {
  private readonly out: Node[] = [];
  private match: ContentMatch;
  // Wrappers opened for a child that could not go here directly; the next children may share them.
  private group: { wrappers: readonly NodeType[]; match: ContentMatch; nodes: Node[] } | null = null;

  constructor(private readonly type: NodeType, readonly depth: number) {
    this.match = type.contentMatch;
  }

  /** How a node of `type` fits here, or null when it cannot. */
  plan(type: NodeType, joinGroup = true): Plan | null {
    if (this.match.matchType(type)) return { fill: [], wrappers: [], joinGroup: false };
    if (joinGroup && this.group?.match.matchType(type)) return { fill: [], wrappers: this.group.wrappers, joinGroup: true };
    const probe = type.isText ? schema.text('x') : type.createAndFill();
    const fill = probe ? this.match.fillBefore(Fragment.from(probe)) : null;
    if (fill) {
      const nodes: Node[] = [];
      fill.forEach((node) => nodes.push(node));
      return { fill: nodes, wrappers: [], joinGroup: false };
    }
    const wrappers = this.match.findWrapping(type);
    return wrappers && wrappers.length > 0 ? { fill: [], wrappers, joinGroup: false } : null;
  }

  add(node: Node, plan: Plan): void {
    if (plan.joinGroup && this.group) {
      this.group.nodes.push(node);
      this.group.match = this.group.match.matchType(node.type)!;
      return;
    }
    this.flush();
    for (const filler of [...plan.fill, ...(plan.wrappers.length === 0 ? [node] : [])]) {
      this.out.push(filler);
      this.match = this.match.matchType(filler.type)!;
    }
    if (plan.wrappers.length === 0) return;
    this.match = this.match.matchType(plan.wrappers[0])!;
    const inner = plan.wrappers[plan.wrappers.length - 1];
    const fitted = node.isText ? node.mark(node.marks.filter((m) => inner.allowsMarkType(m.type))) : node;
    this.group = { wrappers: plan.wrappers, match: inner.contentMatch.matchType(node.type)!, nodes: [fitted] };
  }

  /** A line of text, as a paragraph of its own (or whatever holds text here). */
  addLine(line: Node[]): void {
    line.forEach((node, i) => {
      const plan = this.plan(node.type, i > 0);
      if (plan) this.add(node, plan);
    });
    this.flush();
  }

  private flush(): void {
    if (!this.group) return;
    const { wrappers, match, nodes } = this.group;
    this.group = null;
    let node = close(wrappers[wrappers.length - 1], null, nodes, match);
    for (let i = wrappers.length - 2; i >= 0; i--) node = close(wrappers[i], null, [node], wrappers[i].contentMatch.matchType(node.type)!);
    this.out.push(node);
  }

  finish(attrs: Record<string, unknown> | null): Node {
    this.flush();
    return close(this.type, attrs, this.out, this.match);
  }
}

function fillBlocks(blocks: Blocks, children: readonly Entry[]): void {
  const stack: Entry[] = [];
  pushReversed(stack, children);
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Y.Text) {
      for (const node of textNodes(item, paragraph)) {
        const plan = blocks.plan(node.type);
        if (plan) blocks.add(node, plan);
      }
      continue;
    }
    if (!(item instanceof Y.XmlFragment)) continue;
    const type = item instanceof Y.XmlElement ? knownNodeType(item.nodeName) : undefined;
    const plan = type && blocks.plan(type);
    if (!type || !plan) {
      pushReversed(stack, item.toArray());
      continue;
    }
    const depth = blocks.depth + 1 + plan.wrappers.length;
    if (depth + textDepth(type) > MAX_DEPTH) {
      for (const line of textLines(item.toArray())) blocks.addLine(line);
      continue;
    }
    blocks.add(build(item as Y.XmlElement, type, depth), plan);
  }
}

function build(element: Y.XmlElement, type: NodeType, depth: number): Node {
  const attrs = safeNodeAttrs(type, element.getAttributes());
  if (type.inlineContent) return type.create(attrs, inlineContent(element.toArray(), type));
  if (type.isLeaf) return type.create(attrs);
  const blocks = new Blocks(type, depth);
  fillBlocks(blocks, element.toArray());
  return blocks.finish(attrs);
}

/** Depth of the deepest element (the doc's children are at 1; text does not count). */
function depthOf(doc: Node): number {
  let max = 0;
  const stack: Array<[Node, number]> = [[doc, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    node.forEach((child) => {
      if (!child.isText) stack.push([child, depth + 1]);
    });
  }
  return max;
}

const EMPTY: PmNode = { type: 'doc', content: [{ type: 'paragraph' }] };

/** Never throws; always valid for the editor schema and at most DOCUMENT_CONTENT.maxDepth deep. */
export function fragmentToSafeJson(fragment: Y.XmlFragment): PmNode {
  try {
    const blocks = new Blocks(schema.topNodeType, 0);
    fillBlocks(blocks, fragment.toArray());
    const doc = blocks.finish(null);
    doc.check();
    if (depthOf(doc) <= MAX_DEPTH) return doc.toJSON() as PmNode;
  } catch {
    // Out of the rules' reach (should not happen): keep the text, one paragraph a line.
  }
  try {
    const flat = textLines(fragment.toArray()).map((line) => paragraph.create(null, line));
    const doc = schema.topNodeType.create(null, flat.length > 0 ? flat : [paragraph.create()]);
    doc.check();
    return doc.toJSON() as PmNode;
  } catch {
    return EMPTY;
  }
}

/** A stored Yjs state (an update), read as safe JSON; an unreadable state reads as an empty document. */
export function stateToSafeJson(state: Uint8Array): PmNode {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return fragmentToSafeJson(ydoc.getXmlFragment(FRAGMENT));
  } catch {
    return EMPTY;
  } finally {
    ydoc.destroy();
  }
}
