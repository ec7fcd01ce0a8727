import type { Db } from '../../../db/client';
import type { CommentThread } from '../../../shared/comments.schema';
import { documentThreads } from './comments.present';

/** An appendix past this size stops and says how many threads it left out (exports stay bounded). */
const APPENDIX_MAX_CHARS = 2 * 1024 * 1024;

const MENTION = /@\[([^\]\n]{1,120})\]\([0-9A-Za-z-]{8,64}\)/g;
/** A comment as people read it: each mention as "@Name". */
const readable = (body: string) => body.replace(MENTION, (_m, name: string) => `@${name}`);
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
const state = (t: CommentThread) => (t.resolvedAt ? `résolu le ${day(t.resolvedAt)}` : 'ouvert');

function markdownOf(t: CommentThread, n: number): string {
  const quote = t.quote.split('\n').map((l) => `> ${l}`).join('\n');
  const lines = t.comments.map((c) => `- **${c.author.name}**, ${day(c.createdAt)} : ${c.deleted ? '*commentaire supprimé*' : readable(c.body).replace(/\n/g, '\n  ')}`);
  return `### Fil ${n} (${state(t)})\n\n${quote}\n\n${lines.join('\n')}\n`;
}

function htmlOf(t: CommentThread, n: number): string {
  const items = t.comments.map((c) => `<li><strong>${escapeHtml(c.author.name)}</strong>, ${day(c.createdAt)} : ${c.deleted ? '<em>commentaire supprimé</em>' : escapeHtml(readable(c.body)).replace(/\n/g, '<br>')}</li>`);
  return `<section><h3>Fil ${n} (${state(t)})</h3><blockquote>${escapeHtml(t.quote)}</blockquote><ul>${items.join('')}</ul></section>\n`;
}

/**
 * The optional "Commentaires" appendix of an export (`?comments=1`): each thread with its quoted
 * passage, then its comments, in the order they were opened. Plain text escaped for HTML.
 */
export function commentsAppendix(db: Db, documentId: string, format: 'md' | 'html'): string {
  const threads = documentThreads(db, documentId);
  const parts: string[] = [];
  let size = 0;
  let left = 0;
  threads.forEach((t, i) => {
    if (size > APPENDIX_MAX_CHARS) { left += 1; return; }
    const part = format === 'md' ? markdownOf(t, i + 1) : htmlOf(t, i + 1);
    parts.push(part);
    size += part.length;
  });
  const empty = threads.length === 0 ? 'Aucun commentaire.' : '';
  const more = left ? `${left} fil${left > 1 ? 's' : ''} de plus, non repris ici (annexe trop longue).` : '';
  if (format === 'md') return `\n\n## Commentaires\n\n${parts.join('\n')}${empty}${more ? `\n${more}\n` : ''}`;
  return `<h2>Commentaires</h2>\n${parts.join('')}${empty ? `<p>${empty}</p>` : ''}${more ? `<p>${more}</p>` : ''}\n`;
}
