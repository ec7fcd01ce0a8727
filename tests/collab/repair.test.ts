import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentUpdates } from '../../db/schema/index';
import { findSchemaProblems } from '../../server/features/documents/collab/document-check';
import { schemaRules } from '../../server/features/documents/collab/schema-rules';
import { editorSchema } from '../../server/features/documents/content/editor-schema';
import { startCollab, type CollabHarness } from './harness';
import { connect, synced, waitFor, type CollabClient } from './collab-clients';

const rules = schemaRules(editorSchema);
let h: CollabHarness;
const clients: CollabClient[] = [];
beforeAll(async () => {
  h = await startCollab();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await h?.close();
});

/** What older versions let a client store: bare text at the root, absurd attributes, deep nesting. */
function brokenState(): Uint8Array {
  const doc = new Y.Doc();
  const root = doc.getXmlFragment('default');
  root.insert(0, [new Y.XmlText('Texte posé à la racine')]);
  const heading = new Y.XmlElement('heading');
  heading.setAttribute('level', 500_000_000 as never);
  heading.insert(0, [new Y.XmlText('Objectifs')]);
  root.insert(1, [heading]);
  let parent: Y.XmlElement | Y.XmlFragment = root;
  for (let i = 0; i < 5000; i++) {
    const quote = new Y.XmlElement('blockquote');
    parent.insert(parent.length, [quote]);
    parent = quote;
  }
  const deepest = new Y.XmlElement('paragraph');
  deepest.insert(0, [new Y.XmlText('Citation tout au fond')]);
  parent.insert(0, [deepest]);
  return Y.encodeStateAsUpdate(doc);
}

describe('documents stored in a broken shape still open', () => {
  it('are repaired at load into the nearest valid document, keeping their text, once', async () => {
    const { documentId, cookie } = await h.seed();
    h.app.db.insert(documentUpdates).values({ documentId, data: Buffer.from(brokenState()), userId: null, createdAt: new Date() }).run();

    const client = connect(h.url, documentId, cookie);
    clients.push(client);
    await synced(client);
    await waitFor(() => findSchemaProblems(client.doc, { rules, fragment: 'default', maxDepth: 24 }).length === 0, 'the repaired document reaches the client');
    const text = client.doc.getXmlFragment('default').toString();
    expect(text).toContain('Texte posé à la racine');
    expect(text).toContain('Objectifs');
    expect(text).toContain('Citation tout au fond');
    // The repair is a change like any other: stored, so the next load finds nothing to repair.
    const repaired = Y.encodeStateVector(client.doc);
    await h.collab.closeDocument(documentId, 'Rechargement.');
    const again = connect(h.url, documentId, cookie);
    clients.push(again);
    await synced(again);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await h.collab.encodeState(documentId));
    expect(Y.encodeStateVector(stored)).toEqual(repaired);
    expect(again.doc.getXmlFragment('default').toString()).toBe(text);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Relu par le groupe')]);
    again.doc.getXmlFragment('default').push([paragraph]);
    const witness = connect(h.url, documentId, cookie);
    clients.push(witness);
    await synced(witness);
    await waitFor(() => witness.doc.getXmlFragment('default').toString().includes('Relu par le groupe'), 'still editable');
  });
});
