import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { editorSchema } from '../server/features/documents/content/editor-schema';
import { TEMPLATES } from '../server/features/documents/templates/index';

/**
 * The documents the memory and first-sync rows open, built once by the bench and handed to every
 * server as the same bytes (a file named by BENCH_SEED_FILE, BENCH_SEED_DOCUMENTS copies of it),
 * so that each server stores, loads and serves exactly the same state.
 */

/** A reference programme as a group writes it: the largest template, 20 times over (about 60 pages). */
export function referenceProgrammeState(): Uint8Array {
  const doc = new Y.Doc();
  const template = TEMPLATES.reference_programme('Programme type');
  const json = { type: 'doc', content: Array.from({ length: 20 }, () => template.content ?? []).flat() };
  prosemirrorJSONToYXmlFragment(editorSchema, json, doc.getXmlFragment('default'));
  return Y.encodeStateAsUpdate(doc);
}

/** A document of about `mb` megabytes of text: paragraphs of forty sentences. */
export function largeDocumentState(mb: number): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = 'Le programme d’éducation thérapeutique propose des ateliers collectifs et un suivi individuel. '.repeat(40);
  doc.transact(() => {
    const fragment = doc.getXmlFragment('default');
    for (let i = 0; i < Math.ceil((mb * 1024 * 1024) / paragraph.length); i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(paragraph)]);
      fragment.push([p]);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** What a server started by the bench must hold before it answers: none when the env says nothing. */
export function seedFromEnv(): { state: Uint8Array; count: number } | null {
  const file = process.env.BENCH_SEED_FILE;
  if (!file) return null;
  return { state: new Uint8Array(readFileSync(file)), count: Number(process.env.BENCH_SEED_DOCUMENTS ?? 1) };
}
