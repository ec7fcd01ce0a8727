import type { PmNode } from '../content/prose';

// Characters Markdown would otherwise read as formatting.
const escapeText = (s: string) => s.replace(/([\\`*_[\]#|<>])/g, '\\$1');

function inline(nodes: PmNode[] = []): string {
  return nodes.map((n) => {
    if (n.type === 'hardBreak') return '  \n';
    let text = escapeText(n.text ?? '');
    for (const mark of n.marks ?? []) {
      if (mark.type === 'bold') text = `**${text}**`;
      else if (mark.type === 'italic') text = `*${text}*`;
      else if (mark.type === 'strike') text = `~~${text}~~`;
      else if (mark.type === 'code') text = `\`${n.text ?? ''}\``;
      else if (mark.type === 'link') text = `[${text}](${String(mark.attrs?.href ?? '').replace(/[()\s]/g, encodeURIComponent)})`;
    }
    return text;
  }).join('');
}

const indent = (text: string, prefix: string) => text.split('\n').map((l, i) => (i === 0 ? l : l ? `  ${l}` : l)).join('\n').replace(/^/, prefix);
const cellText = (cell: PmNode) => (cell.content ?? []).map((c) => inline(c.content)).join(' ').replace(/\n/g, ' ');

function block(node: PmNode): string {
  const children = node.content ?? [];
  switch (node.type) {
    case 'heading': return `${'#'.repeat(Number(node.attrs?.level ?? 1))} ${inline(children)}`;
    case 'paragraph': return inline(children);
    case 'blockquote': return children.map(block).join('\n\n').split('\n').map((l) => `> ${l}`).join('\n');
    case 'codeBlock': return `\`\`\`\n${children.map((c) => c.text ?? '').join('')}\n\`\`\``;
    case 'horizontalRule': return '---';
    case 'bulletList': return children.map((li) => indent(blocks(li.content), '- ')).join('\n');
    case 'orderedList': return children.map((li, i) => indent(blocks(li.content), `${Number(node.attrs?.start ?? 1) + i}. `)).join('\n');
    case 'taskList': return children.map((li) => indent(blocks(li.content), li.attrs?.checked ? '- [x] ' : '- [ ] ')).join('\n');
    case 'table': {
      const rows = children.map((row) => `| ${(row.content ?? []).map(cellText).join(' | ')} |`);
      const width = children[0]?.content?.length ?? 0;
      return [rows[0], `|${' --- |'.repeat(width)}`, ...rows.slice(1)].join('\n');
    }
    default: return blocks(children);
  }
}

const blocks = (nodes: PmNode[] = []) => nodes.map(block).join('\n\n');

/** The document as Markdown (CommonMark with GFM tables and task lists). */
export function toMarkdown(json: PmNode): string {
  return `${blocks(json.content).trim()}\n`;
}
