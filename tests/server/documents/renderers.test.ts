import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { PmNode } from '../../../server/features/documents/content/prose';
import { toDocx } from '../../../server/features/documents/export/docx';
import { toHtml } from '../../../server/features/documents/export/html';
import { toMarkdown } from '../../../server/features/documents/export/markdown';

// The renderers themselves, given JSON that skipped safe-json (defence in depth): numbers are
// bounded and unsafe links become plain text in every format.

const text = (value: string, marks?: PmNode['marks']): PmNode => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const link = (href: string) => [{ type: 'link', attrs: { href } }];
const hostile: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 500_000_000 }, content: [text('Titre')] },
    { type: 'paragraph', content: [text('piège', link('javascript:alert(1)')), text(' data', link('data:text/html,<script>')), text(' HAS', link('https://www.has-sante.fr/a (b)'))] },
    { type: 'orderedList', attrs: { start: 1e300 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Étape')] }] }] },
    { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1e9, rowspan: 1 }, content: [{ type: 'paragraph', content: [text('A | B')] }] }] }] },
    { type: 'paragraph', content: [text('<img src=x onerror=alert(1)> et `code`')] },
  ],
};

describe('renderers given unchecked JSON', () => {
  it('Markdown: at most six #, unsafe links as plain text, safe link escaped, no raw HTML', () => {
    const md = toMarkdown(hostile);
    expect(md).toMatch(/^#{1,6} Titre$/m);
    expect(md).not.toMatch(/#{7}/);
    expect(md).toContain('piège data[ HAS](https://www.has-sante.fr/a%20%28b%29)');
    expect(md).not.toMatch(/javascript:|data:text/);
    expect(md).toContain('| A \\| B |');
    expect(md).toContain('\\<img');
    expect(md).not.toMatch(/(^|[^\\])<img/m);
    expect(md).toContain('\\`code\\`');
  });

  it('HTML: no heading tag past h6, no unsafe href, spans bounded', () => {
    const html = toHtml(hostile);
    expect(html).not.toMatch(/<h\d{2,}|javascript:|data:text|colspan="1000000000"|<img/);
    expect(html).toContain('<a href="https://www.has-sante.fr/a (b)"');
    expect(html).toContain('piège');
  });

  it('DOCX: a Word file with the text, heading level and span bounded, no unsafe hyperlink', async () => {
    const xml = strFromU8(unzipSync(new Uint8Array(await toDocx('Titre', hostile)))['word/document.xml']);
    expect(xml).toContain('Titre');
    expect(xml).toContain('piège');
    expect(xml).not.toContain('1000000000');
    const rels = strFromU8(unzipSync(new Uint8Array(await toDocx('Titre', hostile)))['word/_rels/document.xml.rels']);
    expect(rels).not.toMatch(/javascript:|data:text/);
    expect(rels).toContain('https://www.has-sante.fr');
  });
});

describe('Markdown of a long document', () => {
  // The serializer's output is set aside in parts as it grows (export/markdown.ts), at whatever
  // node it has reached: every construct must come out as it does in a short document.
  const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
  const item = (...content: PmNode[]): PmNode => ({ type: 'listItem', content });
  const section = (n: number): PmNode[] => [
    { type: 'heading', attrs: { level: 2 }, content: [text(`Séance ${n} : l’activité physique adaptée`)] },
    paragraph(text('Objectifs '), text('partagés', [{ type: 'bold' }]), text(' avec le patient, '), text('*sans* astérisques', [{ type: 'italic' }]), text(' ; voir la '), text('fiche HAS', link('https://www.has-sante.fr/etp')), text(' !')),
    paragraph(text('Attention !'), text('lien collé', link('https://example.org/a_b'))),
    { type: 'bulletList', content: [item(paragraph(text('Marche')), { type: 'bulletList', content: [item(paragraph(text('10 min')))] }), item(paragraph(text('Vélo')))] },
    { type: 'orderedList', attrs: { start: 3 }, content: [item(paragraph(text('Évaluer'))), item(paragraph(text('Ajuster')))] },
    { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [paragraph(text('Prévu'))] }] },
    { type: 'blockquote', content: [paragraph(text('Parole de patient :')), paragraph(text('« je marche », '), { type: 'hardBreak' }, text('chaque jour'))] },
    { type: 'codeBlock', attrs: { language: 'text' }, content: [text('ligne 1\n```\nligne 3')] },
    { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [paragraph(text('Atelier'))] }, { type: 'tableHeader', content: [paragraph(text('Durée | min'))] }] },
      { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('Diététique'))] }, { type: 'tableCell', content: [paragraph(text('90'))] }] }] },
    paragraph(text(`Fin de la séance ${n}, `), text('code `x`', [{ type: 'code' }]), text('.')),
  ];

  it('is the Markdown of each of its sections, one after the other', () => {
    const sections = Array.from({ length: 1000 }, (_, n) => n + 1);
    const long = toMarkdown({ type: 'doc', content: sections.flatMap(section) });
    const oneByOne = sections.map((n) => toMarkdown({ type: 'doc', content: section(n) }).trimEnd());
    // Past 64 KB several times over: the output was set aside at many different nodes.
    expect(long.length).toBeGreaterThan(5 * 64 * 1024);
    expect(long).toBe(`${oneByOne.join('\n\n')}\n`);
    expect(oneByOne[0]).toContain('- [x] Prévu');
    expect(oneByOne[0]).toContain('| Durée \\| min |');
  });
});
