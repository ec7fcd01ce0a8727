import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { DOCUMENT_KINDS } from '../../../shared/documents.schema';
import { contentExtensions } from '../../../client/features/documents/editor/content-extensions';
import { editorSchema } from '../../../server/features/documents/content/editor-schema';
import { replaceContent } from '../../../server/features/documents/content/yjs-content';
import { stateToSafeJson } from '../../../server/features/documents/content/safe-json';
import { TEMPLATES } from '../../../server/features/documents/templates/index';
import { toMarkdown } from '../../../server/features/documents/export/markdown';
import { PROGRAMME, TOOL } from '../../../db/seeds/documents.seed';
import { seedState } from '../../../db/seeds/documents.yjs';

const describeSchema = (schema: typeof editorSchema) => ({
  nodes: Object.fromEntries(Object.entries(schema.nodes).map(([name, type]) => [name, { content: type.spec.content ?? '', attrs: Object.keys(type.spec.attrs ?? {}).sort() }])),
  marks: Object.keys(schema.marks).sort(),
});

describe('the editor schema', () => {
  it('is the same in the browser editor and on the server', () => {
    expect(describeSchema(getSchema(contentExtensions))).toEqual(describeSchema(editorSchema));
  });
});

describe('templates', () => {
  it.each(DOCUMENT_KINDS)('%s becomes Yjs content that reads back unchanged through the editor schema', (kind) => {
    const json = TEMPLATES[kind]('Mon document');
    const ydoc = new Y.Doc();
    replaceContent(ydoc, json);
    const read = stateToSafeJson(Y.encodeStateAsUpdate(ydoc));
    expect(read).toEqual(Node.fromJSON(editorSchema, json).toJSON());
    expect(read.content?.[0]).toMatchObject({ type: 'heading', content: [{ text: 'Mon document' }] });
  });

  it('lays out the reference programme in the HAS order, with French headings', () => {
    const headings = TEMPLATES.reference_programme('P').content!.filter((n) => n.type === 'heading' && n.attrs?.level === 2).map((n) => n.content![0].text);
    expect(headings.slice(0, 10)).toEqual([
      '1. Contexte et population concernée', '2. Modalités d’inclusion', '3. Bilan éducatif partagé (BEP)',
      '4. Compétences visées : autosoins et adaptation', '5. Séances individuelles et collectives', '6. Intervenants et leur formation',
      '7. Patients partenaires', '8. Coordination avec le médecin traitant et le parcours de soins', '9. Évaluation du patient et du programme', '10. Annexes',
    ]);
  });

  it('offers the pooling options of the platform guide in the partnership agreement, and a table in the benchmark grid', () => {
    const agreement = toMarkdown(TEMPLATES.partnership_agreement('Convention'));
    for (const option of ['1.1.', '1.2.', '2.1.', '2.2.', '2.3.', '2.4.', '3.1.']) expect(agreement).toContain(`- [ ] ${option}`);
    expect(agreement).toContain('démarche qualité');
    // Since 2021 programmes are declared to the ARS, no longer authorised.
    expect(agreement).not.toMatch(/autoris/i);
    expect(agreement).toContain('détenteur de la déclaration à l’ARS');
    expect(TEMPLATES.benchmark_grid('Grille').content!.some((n) => n.type === 'table')).toBe(true);
  });

  it('writes the demo documents as the editor itself would store them', () => {
    for (const doc of [PROGRAMME, TOOL]) {
      expect(stateToSafeJson(seedState(doc))).toEqual(Node.fromJSON(editorSchema, doc).toJSON());
    }
  });
});
