import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { PmNode } from '../content/prose';
import { boundedForRendering } from './bounded-json';

// Runs in the render pool (render.tasks.ts), never on the event loop. DejaVu (an npm package, so CI
// and production have it without a system font) covers French accents, ’ « » œ and the task-list
// boxes that the PDF standard fonts (WinAnsi) lack.
const font = (file: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
const FONT_FILES = {
  regular: font('DejaVuSans.ttf'),
  bold: font('DejaVuSans-Bold.ttf'),
  italic: font('DejaVuSans-Oblique.ttf'),
  boldItalic: font('DejaVuSans-BoldOblique.ttf'),
  mono: font('DejaVuSansMono.ttf'),
} as const;
type FontName = keyof typeof FONT_FILES;
// Read once per render worker, not once per export.
let fonts: Record<FontName, Buffer> | null = null;
const loadFonts = () => (fonts ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, path]) => [name, readFileSync(path)])) as Record<FontName, Buffer>);

const HEADING_SIZES = [20, 16, 13.5, 12, 11, 10.5];
const BODY_SIZE = 10.5;
const MARGIN = 56;
/** Room kept at the bottom of each page for the footer (title, version, page x / y). */
const FOOTER_ROOM = 40;
const INDENT = 16;

type Doc = InstanceType<typeof PDFDocument>;
type Outline = Doc['outline'];

const clampLevel = (value: unknown) => Math.min(6, Math.max(1, Number.isInteger(value) ? Number(value) : 1));
const textOf = (nodes: PmNode[] = []): string => nodes.map((n) => (n.type === 'hardBreak' ? '\n' : n.text ?? textOf(n.content))).join('');

function fontOf(marks: PmNode['marks'] = []): FontName {
  const has = (type: string) => marks.some((m) => m.type === type);
  if (has('code')) return 'mono';
  if (has('bold') && has('italic')) return 'boldItalic';
  if (has('bold')) return 'bold';
  return has('italic') ? 'italic' : 'regular';
}

/** Writes the layout of a document, block by block, keeping the outline (bookmarks) of its headings. */
class Writer {
  /** The open outline item of each heading level (index 0: the root). */
  private outlineAt: Outline[];

  constructor(private readonly doc: Doc) {
    this.outlineAt = [doc.outline];
  }

  private get width() {
    return this.doc.page.width - MARGIN * 2;
  }

  /** A block that would start in the last lines of a page starts on the next one. */
  private keepRoom(height: number) {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  /** One paragraph of runs (bold, italic, code, links…), at `indent` from the margin, after an optional marker. */
  private runs(nodes: PmNode[] = [], indent: number, options: { size?: number; font?: FontName; marker?: string } = {}) {
    const { doc } = this;
    const size = options.size ?? BODY_SIZE;
    const parts = nodes.flatMap((n) => (n.type === 'hardBreak' ? [{ text: '\n', marks: [] as PmNode['marks'] }] : n.text ? [{ text: n.text, marks: n.marks }] : []));
    if (options.marker) parts.unshift({ text: options.marker, marks: [] });
    doc.x = MARGIN + indent;
    if (parts.length === 0) {
      doc.moveDown(0.6);
      return;
    }
    parts.forEach((part, i) => {
      const link = part.marks?.find((m) => m.type === 'link')?.attrs?.href;
      doc.font(options.font ?? fontOf(part.marks)).fontSize(size).fillColor(typeof link === 'string' ? '#1a4f8b' : '#111111');
      doc.text(part.text, {
        width: this.width - indent,
        continued: i < parts.length - 1,
        link: typeof link === 'string' && /^(https?:|mailto:)/i.test(link) ? link : null,
        underline: (part.marks ?? []).some((m) => m.type === 'underline' || m.type === 'link'),
        strike: (part.marks ?? []).some((m) => m.type === 'strike'),
        lineGap: 2,
      });
    });
    doc.moveDown(0.35);
  }

  heading(node: PmNode) {
    const level = clampLevel(node.attrs?.level);
    const size = HEADING_SIZES[level - 1];
    this.keepRoom(size * 4);
    this.doc.moveDown(level <= 2 ? 0.6 : 0.3);
    const title = textOf(node.content).replace(/\s+/g, ' ').trim();
    if (title) {
      // The bookmark hangs under the nearest open heading of a higher level.
      const parent = this.outlineAt.slice(0, level).reverse().find(Boolean) ?? this.doc.outline;
      const item = parent.addItem(title.slice(0, 200));
      const open = this.outlineAt.slice(0, level);
      open[level] = item;
      this.outlineAt = open;
    }
    this.runs(node.content, 0, { size, font: 'bold' });
  }

  private list(node: PmNode, indent: number) {
    const start = Number.isInteger(node.attrs?.start) ? Number(node.attrs?.start) : 1;
    (node.content ?? []).forEach((item, i) => {
      const marker = node.type === 'orderedList' ? `${start + i}. ` : node.type === 'taskList' ? (item.attrs?.checked ? '☑ ' : '☐ ') : '• ';
      (item.content ?? []).forEach((child, j) => {
        if (child.type === 'paragraph') this.runs(child.content, indent + INDENT, { marker: j === 0 ? marker : undefined });
        else this.blocks([child], indent + INDENT);
      });
    });
  }

  private table(node: PmNode, indent: number) {
    const rows = (node.content ?? []).filter((row) => (row.content ?? []).length > 0);
    if (rows.length === 0) return;
    const data = rows.map((row) => (row.content ?? []).map((cell) => ({
      text: (cell.content ?? []).map((block) => textOf(block.content)).join('\n'),
      colSpan: Number(cell.attrs?.colspan ?? 1) || 1,
      rowSpan: Number(cell.attrs?.rowspan ?? 1) || 1,
      type: cell.type === 'tableHeader' ? 'TH' as const : 'TD' as const,
      font: { src: cell.type === 'tableHeader' ? 'bold' : 'regular', size: BODY_SIZE - 1 },
      backgroundColor: cell.type === 'tableHeader' ? '#eef1f5' : undefined,
    })));
    this.doc.x = MARGIN + indent;
    this.doc.fillColor('#111111').table({ data, maxWidth: this.width - indent, defaultStyle: { border: 0.5, borderColor: '#888888', padding: 4 } });
    this.doc.x = MARGIN;
    this.doc.moveDown(0.6);
  }

  blocks(nodes: PmNode[] = [], indent = 0) {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading': this.heading(node); break;
        case 'paragraph': this.runs(node.content, indent); break;
        case 'blockquote': this.blocks(node.content, indent + INDENT); break;
        case 'codeBlock': this.runs(node.content, indent + INDENT / 2, { font: 'mono' }); break;
        case 'horizontalRule': {
          this.doc.moveDown(0.3);
          this.doc.moveTo(MARGIN + indent, this.doc.y).lineTo(MARGIN + this.width, this.doc.y).strokeColor('#999999').lineWidth(0.5).stroke();
          this.doc.moveDown(0.6);
          break;
        }
        case 'bulletList': case 'orderedList': case 'taskList': this.list(node, indent); break;
        case 'table': this.table(node, indent); break;
        default: this.blocks(node.content, indent);
      }
    }
  }
}

/** "Titre · version · page x / y" at the foot of every page, written once the page count is known. */
function footers(doc: Doc, title: string, label: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 10;
    const width = doc.page.width - MARGIN * 2;
    doc.font('regular').fontSize(8).fillColor('#444444');
    doc.text(`${title} · ${label}`, MARGIN, y, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(`page ${i + 1 - range.start} / ${range.count}`, MARGIN + width - 90, y, { width: 90, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * The document as a PDF: headings as its outline (bookmarks), lists, tables, links, and on every
 * page the title, the version (`label`: "version 3", "version de travail du …") and page x / y.
 */
export function toPdf(title: string, label: string, json: PmNode): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_ROOM - 16 },
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: title, Subject: label, Creator: 'Maillage', Producer: 'Maillage (pdfkit)' },
  });
  for (const [name, data] of Object.entries(loadFonts())) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const content = boundedForRendering(json).content ?? [];
  const writer = new Writer(doc);
  // Templates open with the title as a first-level heading; a document without one gets it here.
  const first = content[0];
  if (!(first?.type === 'heading' && clampLevel(first.attrs?.level) === 1)) writer.heading({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: title }] });
  writer.blocks(content);
  footers(doc, title, label);
  doc.end();
  return done;
}
