// What a co-edited document may contain beyond the editor schema's names: the domains of node
// and mark attributes, and how deep elements may nest.
// The server holds every Yjs update to these rules (collab/schema-guard.ts) and every renderer
// filters through them; the client uses the same link rule and depth.

export const DOCUMENT_CONTENT = {
  /** Elements nested inside one another (blockquote in list item in table cell…). */
  maxDepth: 24,
  maxHrefLength: 2048,
  maxLanguageLength: 40,
  maxTableSpan: 100,
  maxColumnWidth: 10_000,
} as const;

type Check = (value: unknown) => boolean;

const int = (min: number, max: number): Check => (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const nullable = (check: Check): Check => (v) => v === null || v === undefined || check(v);
const shortText = (max: number): Check => (v) => typeof v === 'string' && v.length <= max;

// The protocols Tiptap's link extension accepts by default, none of which runs code.
const SAFE_PROTOCOLS = ['http:', 'https:', 'ftp:', 'ftps:', 'mailto:', 'tel:', 'callto:', 'sms:', 'cid:', 'xmpp:'];

/** A link target a reader can follow without running code: a relative address or a safe protocol. */
export function isSafeHref(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > DOCUMENT_CONTENT.maxHrefLength) return false;
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  const compact = [...value].filter((c) => c.charCodeAt(0) > 0x20 && (c.charCodeAt(0) < 0x7f || c.charCodeAt(0) > 0x9f)).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return true;
  return SAFE_PROTOCOLS.includes(scheme[1].toLowerCase() + ':');
}

const colwidth: Check = (v) => Array.isArray(v) && v.length <= DOCUMENT_CONTENT.maxTableSpan
  && v.every((w) => w === null || w === 0 || int(1, DOCUMENT_CONTENT.maxColumnWidth)(w));
const cellAttrs: Record<string, Check> = {
  colspan: int(1, DOCUMENT_CONTENT.maxTableSpan),
  rowspan: int(1, DOCUMENT_CONTENT.maxTableSpan),
  colwidth: nullable(colwidth),
  align: nullable((v) => v === 'left' || v === 'center' || v === 'right'),
};

/**
 * Attribute domains per node; a node absent here takes no attribute. A domain that changes its
 * rule must raise CHECK_VERSION (server/…/collab/schema-fingerprint.ts): stored documents are then
 * checked again when they open.
 */
export const NODE_ATTRIBUTES: Record<string, Record<string, Check>> = {
  heading: { level: int(1, 6) },
  orderedList: { start: int(0, Number.MAX_SAFE_INTEGER), type: nullable((v) => typeof v === 'string' && /^[1aAiI]$/.test(v)) },
  taskItem: { checked: (v) => typeof v === 'boolean' },
  codeBlock: { language: nullable((v) => typeof v === 'string' && v.length <= DOCUMENT_CONTENT.maxLanguageLength && /^[\w+#.-]*$/.test(v)) },
  tableCell: cellAttrs,
  tableHeader: cellAttrs,
};

/** Attribute domains per mark; a mark absent here takes no attribute. */
export const MARK_ATTRIBUTES: Record<string, Record<string, Check>> = {
  link: {
    href: isSafeHref,
    target: nullable((v) => v === '_blank' || v === '_self'),
    rel: nullable(shortText(100)),
    class: nullable(shortText(100)),
    title: nullable(shortText(500)),
  },
};

/** True when `value` is allowed for attribute `key` of node (or mark) `name`. */
export function isAllowedAttribute(rules: Record<string, Record<string, Check>>, name: string, key: string, value: unknown): boolean {
  const check = rules[name]?.[key];
  return check !== undefined && check(value);
}
