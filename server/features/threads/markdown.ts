import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** A mention as the composer writes it: `@[Sophie Bernard](<user id>)`. */
const MENTION = /^@\[([^\]\n]{1,120})\]\(([0-9A-Za-z-]{8,64})\)/;
const MENTION_GLOBAL = /@\[([^\]\n]{1,120})\]\(([0-9A-Za-z-]{8,64})\)/g;

interface RenderEnv {
  /** Ids allowed to be mentioned (people who can read the thread); others stay plain text. */
  mentionable: Set<string>;
}

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.disable(['image', 'table', 'heading', 'lheading', 'code', 'hr']);
md.inline.ruler.before('link', 'mention', (state, silent) => {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const match = MENTION.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push('mention', 'span', 0);
    token.meta = { name: match[1], id: match[2] };
  }
  state.pos += match[0].length;
  return true;
});
md.renderer.rules.mention = (tokens, idx, _options, env) => {
  const { name, id } = tokens[idx].meta as { name: string; id: string };
  const text = `@${md.utils.escapeHtml(name)}`;
  return (env as unknown as RenderEnv).mentionable.has(id) ? `<span class="mention" data-user-id="${md.utils.escapeHtml(id)}">${text}</span>` : text;
};

// The allow-list: what Markdown produces, nothing more. Links open safely and only to the web.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span'],
  allowedAttributes: { a: ['href', 'rel', 'target'], span: ['class', 'data-user-id'], ol: ['start'] },
  allowedClasses: { span: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

/** Markdown → safe HTML, the only way message HTML is produced. */
export function renderMarkdown(source: string, mentionable: Set<string> = new Set()): string {
  return sanitizeHtml(md.render(source, { mentionable } satisfies RenderEnv), SANITIZE);
}

/** The ids written as mentions in a source text. */
export function mentionedIds(source: string): string[] {
  return [...new Set([...source.matchAll(MENTION_GLOBAL)].map((m) => m[2]))];
}

/** Plain text for quotes, notifications and e-mails: mentions become `@Name`, Markdown marks go. */
export function plainExcerpt(source: string, max = 160): string {
  const text = source
    .replace(MENTION_GLOBAL, '@$1')
    .replace(/^>.*$/gm, '')
    .replace(/[*_`~#>]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
