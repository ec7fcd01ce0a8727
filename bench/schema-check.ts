import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { DOCUMENT_CONTENT } from '../shared/documents.content';
import { COLLAB } from '../shared/limits';
import { checkUpdate, type GuardOptions } from '../server/features/documents/collab/schema-guard';
import { schemaRules } from '../server/features/documents/collab/schema-rules';
import { editorSchema } from '../server/features/documents/content/editor-schema';
import { TEMPLATES } from '../server/features/documents/templates/index';

/**
 * What the schema check costs per update, beside what applying the update costs anyway: a
 * reference programme (the largest template, copied 20 times: about 60 pages) receives 2,000
 * keystrokes, formats and new paragraphs at random places, as people typing produce them.
 */
const guard: GuardOptions = {
  rules: schemaRules(editorSchema), fragment: 'default', maxDepth: DOCUMENT_CONTENT.maxDepth, maxItemsPerUpdate: COLLAB.maxItemsPerUpdate,
};

function recordSession(): { start: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const template = TEMPLATES.reference_programme('Programme type');
  const json = { type: 'doc', content: Array.from({ length: 20 }, () => template.content ?? []).flat() };
  prosemirrorJSONToYXmlFragment(editorSchema, json, doc.getXmlFragment('default'));
  const start = Y.encodeStateAsUpdate(doc);
  const texts: Y.XmlText[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => node.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : walk(c as Y.XmlElement)));
  walk(doc.getXmlFragment('default'));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
  for (let i = 0; i < 2000; i++) {
    const text = texts[rand(texts.length)];
    const kind = rand(20);
    if (kind === 0 && text.length > 2) text.format(0, 2, { bold: {} });
    else if (kind === 1) {
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText('Nouvelle phrase du groupe de travail.');
      p.insert(0, [t]);
      doc.getXmlFragment('default').insert(rand(doc.getXmlFragment('default').length), [p]);
      texts.push(t);
    } else text.insert(rand(text.length + 1), 'é');
  }
  return { start, updates };
}

function time(updates: Uint8Array[], start: Uint8Array, check: boolean): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, start);
  const t0 = performance.now();
  for (const u of updates) {
    if (check && !checkUpdate(doc, u, guard).ok) throw new Error('bench: a legitimate update was refused');
    Y.applyUpdate(doc, u);
  }
  return ((performance.now() - t0) * 1000) / updates.length;
}

export function schemaCheckTable() {
  const { start, updates } = recordSession();
  // Warm-up, then seven runs of each, interleaved so that the machine's noise falls on both; medians.
  time(updates, start, true);
  time(updates, start, false);
  const applyRuns: number[] = [];
  const checkedRuns: number[] = [];
  for (let i = 0; i < 7; i++) {
    applyRuns.push(time(updates, start, false));
    checkedRuns.push(time(updates, start, true));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[3];
  const apply = median(applyRuns);
  const checked = median(checkedRuns);
  return [
    { step: 'apply only (what every y-websocket server does)', 'µs per update': apply.toFixed(1), ratio: '1.00' },
    { step: 'schema check + apply (Maillage)', 'µs per update': checked.toFixed(1), ratio: (checked / apply).toFixed(2) },
  ];
}
