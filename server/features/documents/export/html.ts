import { generateHTML } from '@tiptap/html/server';
import sanitizeHtml from 'sanitize-html';
import { DOCUMENT_CONTENT, isSafeHref } from '../../../../shared/documents.content';
import { serverContentExtensions } from '../content/editor-schema';
import type { PmNode } from '../content/prose';
import { boundedForRendering } from './bounded-json';

/** A number attribute kept only when it is an integer in [min, max]. */
function bounded(attribs: sanitizeHtml.Attributes, key: string, min: number, max: number): sanitizeHtml.Attributes {
  const value = Number(attribs[key]);
  return key in attribs && Number.isInteger(value) && value >= min && value <= max ? { [key]: String(value) } : {};
}
const cell = (tagName: string): sanitizeHtml.Transformer => (_tag, attribs) => ({
  tagName,
  attribs: { ...bounded(attribs, 'colspan', 1, DOCUMENT_CONTENT.maxTableSpan), ...bounded(attribs, 'rowspan', 1, DOCUMENT_CONTENT.maxTableSpan) },
});

/**
 * Only what the editor schema can produce survives: the text comes from people, and links are
 * the one place where it could carry a script. The JSON given here is already safe (safe-json.ts);
 * these rules hold anyway: a link whose target is not safe becomes plain text, spans and list
 * starts keep their bounds, and a heading level outside 1–6 (no such tag) leaves its text only.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'strong', 'em', 'u', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'label', 'input', 'div', 'span'],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ul: ['data-type'],
    li: ['data-type', 'data-checked'],
    input: ['type', 'checked', 'disabled', 'aria-label'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  transformTags: {
    a: (_tag, attribs): sanitizeHtml.Tag => (isSafeHref(attribs.href)
      ? { tagName: 'a', attribs: { href: attribs.href, rel: 'noopener noreferrer nofollow', target: '_blank' } }
      : { tagName: 'span', attribs: {} }),
    td: cell('td'),
    th: cell('th'),
    ol: (_tag, attribs) => ({ tagName: 'ol', attribs: bounded(attribs, 'start', 0, Number.MAX_SAFE_INTEGER) }),
    // Task boxes in a read-only view or an export are never clickable, and say what they mean.
    input: (_tag, attribs) => ({
      tagName: 'input',
      attribs: { type: 'checkbox', disabled: 'disabled', 'aria-label': 'checked' in attribs ? 'Tâche faite' : 'Tâche à faire', ...('checked' in attribs ? { checked: 'checked' } : {}) },
    }),
  },
};

/** The document body as sanitised HTML (no <html> wrapper). */
export function toHtml(json: PmNode): string {
  return sanitizeHtml(generateHTML(boundedForRendering(json) as never, serverContentExtensions), SANITIZE);
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A standalone HTML file, printable, for the export; `appendix` (HTML already escaped) closes its body. */
export function toHtmlFile(title: string, json: PmNode, appendix = ''): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1d2327; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #888; padding: 0.4rem; vertical-align: top; text-align: left; }
ul[data-type="taskList"] { list-style: none; padding-left: 0.5rem; } ul[data-type="taskList"] li { display: flex; gap: 0.5rem; }
</style>
</head>
<body>
${toHtml(json)}
${appendix}</body>
</html>
`;
}
