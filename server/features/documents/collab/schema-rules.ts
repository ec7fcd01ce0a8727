import type { NodeType, Schema } from '@tiptap/pm/model';
import { MARK_ATTRIBUTES, NODE_ATTRIBUTES, isAllowedAttribute } from '../../../../shared/documents.content';

/**
 * The editor schema reduced to what can be checked on one Yjs item at a time: which element may
 * hold which (the names its content expression can ever accept), where text may stand, which
 * marks a text block allows, and the domains of attributes. Order and counts inside a content
 * expression are left to the editor, which creates nodes without checking them.
 */
export interface SchemaRules {
  /** Children an element (or the root, under the name of the schema's top node) may hold. */
  children(parent: string): ReadonlySet<string> | undefined;
  /** Whether text may stand directly in this element. */
  holdsText(element: string): boolean;
  /** Whether this mark may format text inside this element. */
  allowsMark(element: string, mark: string): boolean;
  attribute(element: string, key: string, value: unknown): boolean;
  /** A mark's value inside text: its attributes object, or null where the mark ends. */
  markValue(mark: string, value: unknown): boolean;
  readonly top: string;
}

// y-prosemirror names a mark that may overlap itself `<name>--<8 base64 characters>`.
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;
export const markName = (key: string): string => HASHED_MARK.exec(key)?.[1] ?? key;

function reachableTypes(type: NodeType): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const queue = [type.contentMatch];
  while (queue.length > 0) {
    const match = queue.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      names.add(edge.type.name);
      queue.push(edge.next);
    }
  }
  return names;
}

export function schemaRules(schema: Schema): SchemaRules {
  const children = new Map<string, Set<string>>();
  for (const [name, type] of Object.entries(schema.nodes)) {
    const reachable = reachableTypes(type);
    reachable.delete('text');
    children.set(name, reachable);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  return {
    top: schema.topNodeType.name,
    children: (parent) => children.get(parent),
    holdsText: (element) => schema.nodes[element]?.inlineContent === true,
    allowsMark(element, mark) {
      const node = schema.nodes[element];
      const type = schema.marks[mark];
      return node !== undefined && type !== undefined && node.allowsMarkType(type);
    },
    attribute: (element, key, value) => isAllowedAttribute(NODE_ATTRIBUTES, element, key, value),
    markValue(mark, value) {
      if (value === null) return true;
      if (!isObject(value)) return false;
      const keys = Object.keys(value);
      if (keys.length > 8) return false;
      return keys.every((key) => isAllowedAttribute(MARK_ATTRIBUTES, mark, key, value[key])
        // A mark's default (null) for an attribute the domain does not list is harmless.
        || (value[key] === null && schema.marks[mark]?.spec.attrs?.[key] !== undefined));
    },
  };
}
