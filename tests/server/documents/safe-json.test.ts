import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_CONTENT } from '../../../shared/documents.content';
import { editorSchema } from '../../../server/features/documents/content/editor-schema';
import { doc, h2, p, quote, table, tasks, ul, type PmNode } from '../../../server/features/documents/content/prose';
import { fragmentToSafeJson, stateToSafeJson } from '../../../server/features/documents/content/safe-json';
import { replaceContent } from '../../../server/features/documents/content/yjs-content';

// Each case writes the Yjs tree the way a hostile or buggy client could (no editor in between),
// then checks what every renderer relies on: the JSON is accepted by the editor schema, is no
// deeper than the bound, and still holds the person's text.

type Build = (fragment: Y.XmlFragment) => void;

function read(build: Build): PmNode {
  const ydoc = new Y.Doc();
  build(ydoc.getXmlFragment('default'));
  return fragmentToSafeJson(ydoc.getXmlFragment('default'));
}

function element(name: string, children: Array<Y.XmlElement | Y.XmlText> = [], attrs: Record<string, unknown> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  el.insert(0, children);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  return el;
}
/** Appends to an element already in the document (nesting prelim types recurses inside Yjs). */
function append<T extends Y.XmlElement | Y.XmlText>(parent: Y.XmlFragment, child: T): T {
  parent.insert(parent.length, [child]);
  return child;
}
function text(value: string, attributes: Record<string, unknown> = {}): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, value, attributes);
  return t;
}

function depth(node: PmNode): number {
  let max = 0;
  const stack: Array<[PmNode, number]> = [[node, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of n.content ?? []) if (c.type !== 'text') stack.push([c, d + 1]);
  }
  return max;
}
const plain = (node: PmNode): string => editorSchema.nodeFromJSON(node).textBetween(0, editorSchema.nodeFromJSON(node).content.size, '\n', '\n');
const find = (node: PmNode, type: string): PmNode[] => [
  ...(node.type === type ? [node] : []), ...(node.content ?? []).flatMap((c) => find(c, type)),
];

/** What every result must be, whatever went in. */
function expectUsable(json: PmNode): void {
  expect(() => editorSchema.nodeFromJSON(json).check()).not.toThrow();
  expect(depth(json)).toBeLessThanOrEqual(DOCUMENT_CONTENT.maxDepth);
}

describe('safe JSON of a Yjs document', () => {
  it('reads a well-formed document exactly as the editor wrote it', () => {
    const source = doc(h2('Séances collectives'), p('Atelier mensuel'), ul('Kinésithérapeute', 'Infirmière'), tasks(['Valider', true], 'Publier'),
      quote('Retour d’une patiente partenaire'), table(['Critère', 'Note'], ['Accès', '3']),
      { type: 'paragraph', content: [{ type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://has-sante.fr' } }] }] });
    const ydoc = new Y.Doc();
    replaceContent(ydoc, source);
    expect(stateToSafeJson(Y.encodeStateAsUpdate(ydoc))).toEqual(editorSchema.nodeFromJSON(source).toJSON());
  });

  it('gives a heading level outside 1–6 the default level, and keeps its text', () => {
    const json = read((f) => f.insert(0, [element('heading', [text('Objectifs')], { level: 500_000_000 })]));
    expectUsable(json);
    expect(json.content).toEqual([{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Objectifs' }] }]);
  });

  it('puts a bare text at the root into a paragraph', () => {
    const json = read((f) => f.insert(0, [text('Texte nu'), element('paragraph', [text('Suite')])]));
    expectUsable(json);
    expect(json.content?.map((n) => n.type)).toEqual(['paragraph', 'paragraph']);
    expect(plain(json)).toBe('Texte nu\nSuite');
  });

  it('flattens 5,000 nested blockquotes past the depth bound, keeping every text', () => {
    const json = read((f) => {
      let parent: Y.XmlFragment = f;
      for (let i = 0; i < 5000; i++) parent = append(parent, element('blockquote', [element('paragraph', [text(`Niveau ${i}`)])]));
      append(parent, element('paragraph', [text('Au fond')]));
    });
    expectUsable(json);
    const all = plain(json);
    for (const line of ['Niveau 0', 'Niveau 22', 'Niveau 23', 'Niveau 4999', 'Au fond']) expect(all).toContain(line);
  });

  it('lifts 5,000 nested unknown elements without overflowing the stack', () => {
    const json = read((f) => {
      let parent: Y.XmlFragment = f;
      for (let i = 0; i < 5000; i++) parent = append(parent, element('mystère'));
      append(parent, text('Texte caché'));
    });
    expectUsable(json);
    expect(plain(json)).toBe('Texte caché');
  });

  it('keeps the text of unknown elements, as paragraphs among blocks and as text inside a paragraph', () => {
    const json = read((f) => f.insert(0, [
      element('iframe', [text('Vidéo de présentation')], { src: 'javascript:alert(1)' }),
      element('paragraph', [text('Avant '), element('span', [text('dedans')])]),
    ]));
    expectUsable(json);
    expect(plain(json)).toContain('Vidéo de présentation');
    expect(plain(json)).toContain('dedans');
    expect(JSON.stringify(json)).not.toContain('iframe');
  });

  it('drops javascript: and data: links but keeps their text, and keeps a safe link', () => {
    const json = read((f) => f.insert(0, [element('paragraph', [
      text('piège', { link: { href: 'javascript:alert(1)' } }),
      text(' image', { link: { href: ' DATA:text/html;base64,PHNjcmlwdD4=' } }),
      text(' tab', { link: { href: 'java\tscript:alert(1)' } }),
      text(' HAS', { link: { href: 'https://www.has-sante.fr' }, bold: {} }),
    ])]));
    expectUsable(json);
    expect(plain(json)).toBe('piège image tab HAS');
    const links = (json.content![0].content ?? []).flatMap((n) => n.marks ?? []).filter((m) => m.type === 'link');
    expect(links.map((m) => m.attrs?.href)).toEqual(['https://www.has-sante.fr']);
  });

  it('drops unknown marks and marks a code block cannot hold, keeping the text', () => {
    const json = read((f) => f.insert(0, [
      element('paragraph', [text('surligné', { highlight: { color: 'red' }, italic: {} })]),
      element('codeBlock', [text('npm test', { bold: {} })], { language: '"><script>' }),
    ]));
    expectUsable(json);
    expect(json.content![0].content).toEqual([{ type: 'text', text: 'surligné', marks: [{ type: 'italic' }] }]);
    expect(json.content![1]).toEqual({ type: 'codeBlock', attrs: { language: null }, content: [{ type: 'text', text: 'npm test' }] });
  });

  it('merges a paragraph inside a paragraph into it, as a line of its own', () => {
    const json = read((f) => f.insert(0, [element('paragraph', [text('Dehors'), element('paragraph', [text('Dedans')])])]));
    expectUsable(json);
    expect(json.content).toHaveLength(1);
    expect(json.content![0].content?.map((n) => n.type)).toEqual(['text', 'hardBreak', 'text']);
    expect(plain(json)).toBe('Dehors\nDedans');
  });

  it('gives a table cell spanning 1e9 columns the default span', () => {
    const json = read((f) => f.insert(0, [element('table', [element('tableRow', [
      element('tableCell', [element('paragraph', [text('Cellule')])], { colspan: 1e9, rowspan: -3 }),
    ])])]));
    expectUsable(json);
    const [cell] = find(json, 'tableCell');
    expect(cell.attrs).toMatchObject({ colspan: 1, rowspan: 1 });
    expect(plain(json)).toBe('Cellule');
  });

  it('keeps the columns a row spans within the bound, whatever each cell asks', () => {
    const json = read((f) => f.insert(0, [element('table', [element('tableRow', Array.from({ length: 5 }, (_, i) =>
      element('tableCell', [element('paragraph', [text(`Colonne ${i}`)])], { colspan: 40 })))])]));
    expectUsable(json);
    const spans = find(json, 'tableCell').map((c) => c.attrs?.colspan as number);
    expect(spans.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(DOCUMENT_CONTENT.maxTableSpan);
    expect(spans).toEqual([40, 40, 1, 1, 1]);
    expect(plain(json)).toContain('Colonne 4');
  });

  it('wraps content a parent cannot hold: list items at the root share one list, a list first in an item gets its paragraph', () => {
    const json = read((f) => f.insert(0, [
      element('listItem', [element('paragraph', [text('Un')])]),
      element('listItem', [element('paragraph', [text('Deux')])]),
      element('tableCell', [text('Seule')]),
      element('bulletList', [element('listItem', [element('bulletList', [element('listItem', [element('paragraph', [text('Imbriqué')])])])])]),
      element('bulletList', []),
    ]));
    expectUsable(json);
    expect(json.content?.map((n) => n.type)).toEqual(['bulletList', 'table', 'bulletList', 'bulletList']);
    expect(find(json.content![0], 'listItem')).toHaveLength(2);
    expect(plain(json)).toContain('Imbriqué');
    expect(plain(json)).toContain('Seule');
  });

  it('keeps every text of a list nested 40 levels deep within the depth bound', () => {
    const json = read((f) => {
      let inner = element('bulletList', [element('listItem', [element('paragraph', [text('Niveau 40')])])]);
      for (let i = 39; i > 0; i--) inner = element('bulletList', [element('listItem', [element('paragraph', [text(`Niveau ${i}`)]), inner])]);
      f.insert(0, [inner]);
    });
    expectUsable(json);
    for (const n of [1, 11, 12, 40]) expect(plain(json)).toContain(`Niveau ${n}`);
  });

  it('reads an empty document, an empty state and random bytes as one empty paragraph', () => {
    const empty = { type: 'doc', content: [{ type: 'paragraph' }] };
    expect(read(() => {})).toEqual(empty);
    expect(stateToSafeJson(new Uint8Array())).toEqual(empty);
    expect(stateToSafeJson(new Uint8Array([1, 200, 255, 255, 255, 255, 15, 3, 7]))).toEqual(empty);
  });
});
