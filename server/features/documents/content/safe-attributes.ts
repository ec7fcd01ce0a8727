import { Mark, type MarkType, type Node, type NodeType } from '@tiptap/pm/model';
import { DOCUMENT_CONTENT, MARK_ATTRIBUTES, NODE_ATTRIBUTES, isAllowedAttribute, isSafeHref } from '../../../../shared/documents.content';
import { editorSchema } from './editor-schema';

// Attributes and marks read from a Yjs document, held to their domains (shared/documents.content.ts).
// Anything else a client wrote (a heading level of 500,000,000, a javascript: link, a mark the
// editor does not know) never reaches a renderer: it takes the schema's default or is dropped.

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema's node type of that name, if the editor knows it (never `doc` or `text`: they are not elements). */
export function knownNodeType(name: string): NodeType | undefined {
  const type = own(editorSchema.nodes, name);
  return type && type !== editorSchema.topNodeType && !type.isText ? type : undefined;
}

function withinDomains(type: NodeType | MarkType, rules: typeof NODE_ATTRIBUTES, raw: Record<string, unknown>): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(type.spec.attrs ?? {})) {
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    attrs[key] = isAllowedAttribute(rules, type.name, key, value) ? value : (spec as { default?: unknown }).default;
  }
  return attrs;
}

/** The attributes of a node: each one in its domain, else the schema's default. */
export function safeNodeAttrs(type: NodeType, raw: unknown): Record<string, unknown> {
  return withinDomains(type, NODE_ATTRIBUTES, isRecord(raw) ? raw : {});
}

// y-prosemirror stores a mark that may repeat as "<name>--<8-character hash>".
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/**
 * The marks of a run of Yjs text (its delta attributes) that `parent` allows, attributes in their
 * domains. A link whose target is not safe is dropped, its text kept. Built with addToSet so that
 * excluding marks (code) and duplicates always leave a valid set.
 */
export function safeMarks(attributes: unknown, parent: NodeType): readonly Mark[] {
  if (!isRecord(attributes)) return Mark.none;
  let set: readonly Mark[] = Mark.none;
  for (const [key, value] of Object.entries(attributes)) {
    const type = own(editorSchema.marks, HASHED_MARK.exec(key)?.[1] ?? key);
    if (!type || !parent.allowsMarkType(type)) continue;
    const raw = isRecord(value) ? value : {};
    if (type.name === 'link' && !isSafeHref(raw.href)) continue;
    set = type.create(withinDomains(type, MARK_ATTRIBUTES, raw)).addToSet(set);
  }
  return set;
}

/**
 * A table row whose cells span at most DOCUMENT_CONTENT.maxTableSpan columns together: each cell
 * is bounded already, but a thousand cells of a thousand columns would make every table renderer
 * (the editor's column map, the HTML colgroup) allocate a million entries. A cell past the bound
 * spans one column.
 */
export function boundedRow(row: Node): Node {
  let width = 0;
  let changed = false;
  const cells: Node[] = [];
  row.forEach((cell) => {
    const span = typeof cell.attrs.colspan === 'number' ? cell.attrs.colspan : 1;
    if (width + span > DOCUMENT_CONTENT.maxTableSpan && span > 1) {
      changed = true;
      cells.push(cell.type.create({ ...cell.attrs, colspan: 1, colwidth: null }, cell.content, cell.marks));
      width += 1;
    } else {
      cells.push(cell);
      width += span;
    }
  });
  return changed ? row.type.create(row.attrs, cells, row.marks) : row;
}
