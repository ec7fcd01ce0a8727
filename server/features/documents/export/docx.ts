import {
  Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type ParagraphChild,
} from 'docx';
import type { PmNode } from '../content/prose';

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
    return typeof link === 'string' && /^(https?:|mailto:)/.test(link) ? new ExternalHyperlink({ link, children: [run] }) : run;
  });
}

type Block = Paragraph | Table;

/** List items become indented paragraphs with their marker written out: readable in any word processor. */
function listItems(node: PmNode, level: number): Block[] {
  return (node.content ?? []).flatMap((li, i) => {
    const marker = node.type === 'orderedList' ? `${Number(node.attrs?.start ?? 1) + i}. ` : node.type === 'taskList' ? (li.attrs?.checked ? '☑ ' : '☐ ') : '• ';
    return (li.content ?? []).flatMap((child, j) => (child.type === 'paragraph'
      ? [new Paragraph({ indent: { left: 360 * (level + 1) }, children: [...(j === 0 ? [new TextRun(marker)] : []), ...runs(child.content)] })]
      : blocks([child], level + 1)));
  });
}

function blocks(nodes: PmNode[] = [], level = 0): Block[] {
  return nodes.flatMap((node): Block[] => {
    switch (node.type) {
      case 'heading': return [new Paragraph({ heading: HEADINGS[Number(node.attrs?.level ?? 1) - 1], children: runs(node.content) })];
      case 'paragraph': return [new Paragraph({ children: runs(node.content) })];
      case 'blockquote': return (node.content ?? []).map((c) => new Paragraph({ indent: { left: 720 }, children: runs(c.content) }));
      case 'codeBlock': return [new Paragraph({ children: [new TextRun({ text: (node.content ?? []).map((c) => c.text).join(''), font: 'Courier New' })] })];
      case 'horizontalRule': return [new Paragraph({ thematicBreak: true })];
      case 'bulletList': case 'orderedList': case 'taskList': return listItems(node, level);
      case 'table': return [new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: (node.content ?? []).map((row) => new TableRow({
          children: (row.content ?? []).map((cell) => {
            const inner = blocks(cell.content).filter((b): b is Paragraph => b instanceof Paragraph);
            return new TableCell({ children: inner.length ? inner : [new Paragraph('')], columnSpan: Number(cell.attrs?.colspan ?? 1), rowSpan: Number(cell.attrs?.rowspan ?? 1) });
          }),
        })),
      })];
      default: return blocks(node.content, level);
    }
  });
}

/** The document as a Word file (.docx). */
export async function toDocx(title: string, json: PmNode): Promise<Buffer> {
  const document = new Document({ title, creator: 'Maillage', sections: [{ children: blocks(json.content) }] });
  return Packer.toBuffer(document);
}
