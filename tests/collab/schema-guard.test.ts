import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { prosemirrorJSONToYXmlFragment, updateYFragment } from '@tiptap/y-tiptap';
import { checkUpdate, type GuardOptions } from '../../server/features/documents/collab/schema-guard';
import { findSchemaProblems } from '../../server/features/documents/collab/document-check';
import { schemaRules } from '../../server/features/documents/collab/schema-rules';
import { editorSchema } from '../../server/features/documents/content/editor-schema';
import { TEMPLATES } from '../../server/features/documents/templates/index';
import type { PmNode } from '../../server/features/documents/content/prose';

const rules = schemaRules(editorSchema);
const guard: GuardOptions = { rules, fragment: 'default', maxDepth: 24, maxItemsPerUpdate: 50_000 };

/** The server's copy, and a client that starts from it: each client change is checked, then applied. */
function pair(json?: PmNode) {
  const server = new Y.Doc();
  if (json) prosemirrorJSONToYXmlFragment(editorSchema, json, server.getXmlFragment('default'));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const change = (edit: (doc: Y.Doc, fragment: Y.XmlFragment) => void) => {
    const before = Y.encodeStateVector(client);
    edit(client, client.getXmlFragment('default'));
    const update = Y.encodeStateAsUpdate(client, before);
    const verdict = checkUpdate(server, update, guard);
    if (verdict.ok) Y.applyUpdate(server, update);
    return verdict;
  };
  return { server, client, change };
}

const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};
const problems = (doc: Y.Doc) => findSchemaProblems(doc, { rules, fragment: 'default', maxDepth: 24 });

describe('what the editor writes is accepted', () => {
  it('every template, written as y-tiptap writes it', () => {
    for (const [kind, template] of Object.entries(TEMPLATES)) {
      const { server, change } = pair();
      const verdict = change((_doc, fragment) => prosemirrorJSONToYXmlFragment(editorSchema, template('Programme type'), fragment));
      expect(verdict, kind).toMatchObject({ ok: true });
      expect(problems(server), kind).toEqual([]);
    }
  });

  it('editing: headings, marks, links, lists, tasks, tables, code, breaks, through y-tiptap’s own diff', () => {
    const start: PmNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Objectifs éducatifs' }] }] };
    const { server, client, change } = pair(start);
    const meta = { mapping: new Map(), isOMark: new Map() };
    const edits: PmNode[] = [
      { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Objectifs éducatifs' }] }] },
      { type: 'doc', content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Objectifs', marks: [{ type: 'bold' }, { type: 'italic' }] }] },
        { type: 'paragraph', content: [
          { type: 'text', text: 'Voir ' },
          { type: 'text', text: 'la HAS', marks: [{ type: 'link', attrs: { href: 'https://www.has-sante.fr', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } }] },
          { type: 'hardBreak' },
          { type: 'text', text: 'et ', marks: [{ type: 'underline' }] },
          { type: 'text', text: 'code', marks: [{ type: 'code' }] },
        ] },
        { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Séance 1' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'imbriquée' }] }] }] },
        ] }] },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fait' }] }] }] },
        { type: 'codeBlock', attrs: { language: 'js' }, content: [{ type: 'text', text: 'const a = 1;' }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Citation', marks: [{ type: 'strike' }] }] }] },
        { type: 'horizontalRule' },
        { type: 'table', content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 2, rowspan: 1, colwidth: [120, 80] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Critère' }] }] }] },
          { type: 'tableRow', content: [
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: 'center' }, content: [{ type: 'paragraph' }] },
            { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Oui' }] }] },
          ] },
        ] },
      ] },
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tout effacé sauf ceci' }] }] },
    ];
    for (const json of edits) {
      const verdict = change((doc, fragment) => updateYFragment(doc, fragment, editorSchema.nodeFromJSON(json), meta));
      expect(verdict).toMatchObject({ ok: true });
    }
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(client));
    expect(problems(server)).toEqual([]);
  });

  it('a client resending what the server already has adds nothing and passes', () => {
    const { server, client } = pair({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Déjà là' }] }] });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client), guard)).toEqual({ ok: true, items: 0, continues: false });
  });
});

describe('what would break the document is refused, and nothing of it applied', () => {
  const base: PmNode = { type: 'doc', content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Titre' }] },
    { type: 'codeBlock', content: [{ type: 'text', text: 'x' }] },
  ] };
  const cases: Array<[string, (doc: Y.Doc, fragment: Y.XmlFragment) => void, RegExp]> = [
    ['a heading level of 500,000,000', (_d, f) => (f.get(0) as Y.XmlElement).setAttribute('level', 500_000_000 as never), /level/],
    ['a heading level given as text', (_d, f) => (f.get(0) as Y.XmlElement).setAttribute('level', '2'), /level/],
    ['bare text at the root', (_d, f) => f.insert(0, [new Y.XmlText('nu')]), /texte/],
    ['an unknown node', (_d, f) => f.insert(0, [new Y.XmlElement('script')]), /script/],
    ['a paragraph inside a paragraph', (_d, f) => (f.get(0) as Y.XmlElement).insert(0, [paragraph('dedans')]), /paragraph/],
    ['text inside a list', (_d, f) => { const l = new Y.XmlElement('bulletList'); l.insert(0, [new Y.XmlText('x')]); f.insert(0, [l]); }, /texte/],
    ['a javascript: link', (_d, f) => ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { link: { href: 'javascript:alert(1)' } }), /link/],
    ['a data: link', (_d, f) => ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { link: { href: ' data:text/html,<b>' } }), /link/],
    ['an unknown mark', (_d, f) => ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { blink: {} }), /blink/],
    ['bold inside a code block', (_d, f) => ((f.get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 1, { bold: {} }), /bold/],
    ['an embed inside text', (_d, f) => ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, { image: 'x' }), /texte/],
    ['an attribute on a text', (_d, f) => ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).setAttribute('x', '1'), /texte/],
    ['a map inside the fragment', (_d, f) => f.insert(0, [new Y.XmlHook('hook') as never]), /contenu/],
    ['another root type', (d) => d.getMap('evil').set('a', 1), /racine/],
    ['a table cell spanning a billion columns', (_d, f) => {
      const t = new Y.XmlElement('table'); const r = new Y.XmlElement('tableRow'); const c = new Y.XmlElement('tableCell');
      c.setAttribute('colspan', 1e9 as never); c.insert(0, [paragraph('a')]); r.insert(0, [c]); t.insert(0, [r]); f.insert(0, [t]);
    }, /colspan/],
    ['thirty nested blockquotes', (_d, f) => {
      let inner: Y.XmlElement = paragraph('au fond');
      for (let i = 0; i < 30; i++) { const q = new Y.XmlElement('blockquote'); q.insert(0, [inner]); inner = q; }
      f.insert(0, [inner]);
    }, /imbrication/],
  ];

  for (const [name, edit, reason] of cases) {
    it(name, () => {
      const { server, change } = pair(base);
      const before = Y.encodeStateAsUpdate(server);
      const verdict = change(edit);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toMatch(reason);
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);
      expect(problems(server)).toEqual([]);
    });
  }

  it('an attribute change whose target is only known through its left neighbour (later update) is still checked', () => {
    const { server, client, change } = pair(base);
    expect(change((_d, f) => (f.get(0) as Y.XmlElement).setAttribute('level', 2 as never))).toMatchObject({ ok: true });
    // The second set of the same key has the first as origin: no parent is written in the update.
    const verdict = change((_d, f) => (f.get(0) as Y.XmlElement).setAttribute('level', 7 as never));
    expect(verdict).toMatchObject({ ok: false });
    expect((server.getXmlFragment('default').get(0) as Y.XmlElement).getAttribute('level')).toBe(2);
    expect((client.getXmlFragment('default').get(0) as Y.XmlElement).getAttribute('level')).toBe(7);
  });

  it('an update that depends on content the server never received', () => {
    const { server, client } = pair(base);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(offline);
    offline.getXmlFragment('default').insert(0, [paragraph('premier')]);
    const first = Y.encodeStateAsUpdate(offline, sv);
    const sv2 = Y.encodeStateVector(offline);
    ((offline.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'suite ');
    const second = Y.encodeStateAsUpdate(offline, sv2);
    expect(checkUpdate(server, second, guard)).toMatchObject({ ok: false });
    expect(checkUpdate(server, first, guard)).toMatchObject({ ok: true });
  });

  it('100,000 one-character items in one update', () => {
    const { server } = pair(base);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const text = (client.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const sv = Y.encodeStateVector(client);
    // Inserting each character before the previous one keeps them from merging.
    client.transact(() => { for (let i = 0; i < 100_000; i++) text.insert(0, 'a'); });
    const verdict = checkUpdate(server, Y.encodeStateAsUpdate(client, sv), guard);
    expect(verdict).toMatchObject({ ok: false, code: 'too-many' });
  });

  it('garbage is malformed, never thrown', () => {
    const { server } = pair(base);
    for (const bytes of [[1, 2, 3], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], [1, 1, 200, 1, 0, 7]]) {
      expect(checkUpdate(server, new Uint8Array(bytes), guard).ok).toBe(false);
    }
  });
});

describe('which updates the server may send before applying them', () => {
  const typed = () => {
    const { server, client, change } = pair({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bonjour' }] }] });
    const text = () => (client.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    return { server, client, change, text };
  };

  it('a keystroke that follows what the server has continues the document', () => {
    const { change, text } = typed();
    expect(change(() => text().insert(7, ' à tous'))).toEqual({ ok: true, items: 1, continues: true });
    expect(change(() => text().insert(0, '« '))).toEqual({ ok: true, items: 1, continues: true });
  });

  it('a keystroke after one the server never received does not (Yjs would hold it back)', () => {
    const { server, client, text } = typed();
    const before = Y.encodeStateVector(client);
    text().insert(7, '!');
    const middle = Y.encodeStateVector(client);
    // Placed before the first letter: nothing of it depends on the missing '!' but its clock.
    text().insert(0, '?');
    const second = Y.encodeStateAsUpdate(client, middle);
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, before), guard)).toMatchObject({ ok: true, continues: true });
    expect(checkUpdate(server, second, guard)).toMatchObject({ ok: true, continues: false });
  });

  it('an update that resends some of what the server has, with something new, does not', () => {
    const { server, client, change, text } = typed();
    const before = Y.encodeStateVector(client);
    expect(change(() => text().insert(7, '!'))).toMatchObject({ ok: true, continues: true });
    text().insert(8, '?');
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, before), guard)).toMatchObject({ ok: true, items: 1, continues: false });
  });

  it('a deletion alone does not (it adds no struct to place)', () => {
    const { change, text } = typed();
    expect(change(() => text().delete(0, 3))).toEqual({ ok: true, items: 0, continues: false });
  });
});

describe('deletions of what the server does not hold', () => {
  it('keep a keystroke from counting as continuing the document (Yjs would hold the deletion back)', () => {
    const { server, client } = pair({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bonjour' }] }] });
    const textOf = (doc: Y.Doc) => (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // A colleague's words reach this client but not (yet) the server.
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(client));
    textOf(colleague).insert(7, ' à tous');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(colleague));
    const before = Y.encodeStateVector(client);
    textOf(client).delete(7, 7);
    textOf(client).insert(0, '« ');
    const update = Y.encodeStateAsUpdate(client, before);
    expect(checkUpdate(server, update, guard)).toMatchObject({ ok: true, continues: false });
    // Once the server holds the colleague's words, the same update continues the document.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(colleague));
    expect(checkUpdate(server, update, guard)).toMatchObject({ ok: true, continues: true });
  });
});
