import {
  Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type ParagraphChild,
} from 'docx';
import { DOCUMENT_CONTENT, isSafeHref } from '../../../../shared/documents.content';
import type { PmNode } from '../content/prose';
import { boundedForRendering } from './bounded-json';

// Numbers and links come from people: even on safe JSON (safe-json.ts) they are bounded here, so
// that no attribute can make the Word file huge or carry a script.
const clamp = (value: unknown, min: number, max: number) => {
  const n = Number(value);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : min;
};
const span = (value: unknown) => clamp(value ?? 1, 1, DOCUMENT_CONTENT.maxTableSpan);

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

function runs(nodes: PmNode[] = []): ParagraphChild[] {
  return nodes.map((n) => {
    if (n.type === 'hardBreak') return new TextRun({ text: '', break: 1 });
    const has = (type: string) => (n.marks ?? []).some((m) => m.type === type);
    const run = new TextRun({
      text: n.text ?? '', bold: has('bold'), italics: has('italic'), strike: has('strike'),
      underline: has('underline') ? {} : undefined, font: has('code') ? 'Courier New' : undefined,
      style: has('link') ? 'Hyperlink' : undefined,
    });
    const link = (n.marks ?? []).find((m) => m.type === 'link')?.attrs?.href;
    return isSafeHref(link) && /^(https?:|mailto:)/i.test(link) ? new ExternalHyperlink({ link, children: [run] }) : run;
  });
}

type Block = Paragraph | Table;

/** List items become indented paragraphs with their marker written out: readable in any word processor. */
function listItems(node: PmNode, level: number): Block[] {
  return (node.content ?? []).flatMap((li, i) => {
    const marker = node.type === 'orderedList' ? `${clamp(node.attrs?.start ?? 1, 0, Number.MAX_SAFE_INTEGER) + i}. ` : node.type === 'taskList' ? (li.attrs?.checked ? '☑ ' : '☐ ') : '• ';
    return (li.content ?? []).flatMap((child, j) => (child.type === 'paragraph'
      ? [new Paragraph({ indent: { left: 360 * (level + 1) }, children: [...(j === 0 ? [new TextRun(marker)] : []), ...runs(child.content)] })]
      : blocks([child], level + 1)));
  });
}

function tableBlock(node: PmNode): Block[] {
  // Word refuses a row without cells and a table without rows.
  const rows = (node.content ?? []).filter((row) => (row.content ?? []).length > 0);
  if (rows.length === 0) return [];
  return [new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row) => new TableRow({
      children: (row.content ?? []).map((cell) => {
        const inner = blocks(cell.content).filter((b): b is Paragraph => b instanceof Paragraph);
        return new TableCell({ children: inner.length ? inner : [new Paragraph('')], columnSpan: span(cell.attrs?.colspan), rowSpan: span(cell.attrs?.rowspan) });
      }),
    })),
  })];
}

function blocks(nodes: PmNode[] = [], level = 0): Block[] {
  return nodes.flatMap((node): Block[] => {
    switch (node.type) {
      case 'heading': return [new Paragraph({ heading: HEADINGS[clamp(node.attrs?.level, 1, 6) - 1], children: runs(node.content) })];
      case 'paragraph': return [new Paragraph({ children: runs(node.content) })];
      case 'blockquote': return (node.content ?? []).flatMap((c) => (c.type === 'paragraph'
        ? [new Paragraph({ indent: { left: 720 }, children: runs(c.content) })]
        : blocks([c], level + 1)));
      case 'codeBlock': return [new Paragraph({ children: [new TextRun({ text: (node.content ?? []).map((c) => c.text).join(''), font: 'Courier New' })] })];
      case 'horizontalRule': return [new Paragraph({ thematicBreak: true })];
      case 'bulletList': case 'orderedList': case 'taskList': return listItems(node, level);
      case 'table': return tableBlock(node);
      default: return blocks(node.content, level);
    }
  });
}

/** The document as a Word file (.docx). */
export async function toDocx(title: string, json: PmNode): Promise<Buffer> {
  const document = new Document({ title, creator: 'Maillage', sections: [{ children: blocks(boundedForRendering(json).content) }] });
  return Packer.toBuffer(document);
}
