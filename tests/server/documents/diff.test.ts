import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffDocuments } from '../../../server/features/documents/diff/diff.compute';
import { doc, h1, h2, p, table, ul, type PmNode } from '../../../server/features/documents/content/prose';
import type { DiffBlock, DiffSegment } from '../../../shared/documents.diff.schema';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { connect, synced } from '../../collab/collab-clients';

// Visible changes: one text, insertions and deletions marked word by word, tables and headings included.

const ops = (segments: DiffSegment[]) => segments.map((s) => [s.op, s.text]);
const textBlocks = (blocks: DiffBlock[]) => blocks.filter((b): b is Extract<DiffBlock, { kind: 'text' }> => b.kind === 'text');

describe('the comparison of two texts', () => {
  it('marks changed words, not letters, and keeps the rest as it was', () => {
    const { blocks, counts } = diffDocuments(
      doc(p('La séance dure deux heures avec six participants.')),
      doc(p('La séance dure trois heures avec huit participants.')),
    );
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ kind: 'text', node: 'paragraph', change: 'modify' });
    expect(ops((blocks[0] as Extract<DiffBlock, { kind: 'text' }>).segments)).toEqual([
      ['equal', 'La séance dure '], ['delete', 'deux'], ['insert', 'trois'], ['equal', ' heures avec '], ['delete', 'six'], ['insert', 'huit'], ['equal', ' participants.'],
    ]);
    expect(counts).toEqual({ insertions: 2, deletions: 2 });
  });

  it('shows a changed heading as a heading with its changed words', () => {
    const { blocks } = diffDocuments(doc(h1('Fiche outil'), h2('Objectifs pédagogiques'), p('Texte.')), doc(h1('Fiche outil'), h2('Objectifs éducatifs'), p('Texte.')));
    const heading = textBlocks(blocks).find((b) => b.level === 2)!;
    expect(heading).toMatchObject({ node: 'heading', change: 'modify' });
    expect(ops(heading.segments)).toEqual([['equal', 'Objectifs '], ['delete', 'pédagogiques'], ['insert', 'éducatifs']]);
    expect(textBlocks(blocks).filter((b) => b.change === 'equal').map((b) => b.segments[0].text)).toEqual(['Fiche outil', 'Texte.']);
  });

  it('shows a changed table cell inside its row, and rows added or removed whole', () => {
    const before = table(['Séance', 'Durée'], ['Comprendre ma douleur', '2 h'], ['Bouger', '1 h']);
    const after = table(['Séance', 'Durée'], ['Comprendre ma douleur', '2 h 30'], ['Faire le point', '45 min']);
    const { blocks } = diffDocuments(doc(before), doc(after));
    expect(blocks).toHaveLength(1);
    const grid = blocks[0] as Extract<DiffBlock, { kind: 'table' }>;
    expect(grid.change).toBe('modify');
    expect(grid.rows[0].change).toBe('equal');
    expect(grid.rows[0].cells.map((c) => c.header)).toEqual([true, true]);
    expect(grid.rows[1].change).toBe('modify');
    expect(grid.rows[1].cells[0].change).toBe('equal');
    expect(ops(grid.rows[1].cells[1].segments)).toEqual([['equal', '2 h'], ['insert', ' 30']]);
    expect(grid.rows.slice(2).map((r) => [r.change, r.cells.map((c) => c.segments.map((s) => `${s.op}:${s.text}`).join(''))]))
      .toEqual([['delete', ['delete:Bouger', 'delete:1 h']], ['insert', ['insert:Faire le point', 'insert:45 min']]]);
  });

  it('shows a deleted paragraph and an inserted one whole, in document order, lists included', () => {
    const { blocks, counts } = diffDocuments(
      doc(p('Introduction.'), p('Ce paragraphe est retiré du texte.'), ul('Premier point'), p('Conclusion.')),
      doc(p('Introduction.'), ul('Premier point', 'Second point ajouté'), p('Un tout nouveau paragraphe.'), p('Conclusion.')),
    );
    expect(textBlocks(blocks).map((b) => [b.change, b.list, b.segments.map((s) => `${s.op}:${s.text}`).join('')])).toEqual([
      ['equal', null, 'equal:Introduction.'],
      ['delete', null, 'delete:Ce paragraphe est retiré du texte.'],
      ['equal', 'bullet', 'equal:Premier point'],
      ['insert', 'bullet', 'insert:Second point ajouté'],
      ['insert', null, 'insert:Un tout nouveau paragraphe.'],
      ['equal', null, 'equal:Conclusion.'],
    ]);
    expect(counts).toEqual({ insertions: 7, deletions: 6 });
  });

  it('finds the few changes in a long document without losing its order', () => {
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `Paragraphe ${i} : une consigne de séance parmi d’autres.`);
    const edited = [...paragraphs];
    edited[1500] = 'Paragraphe 1500 : une consigne de séance révisée parmi d’autres.';
    edited.splice(2500, 1);
    const { blocks, counts } = diffDocuments(doc(...paragraphs.map((x) => p(x))), doc(...edited.map((x) => p(x))));
    expect(blocks).toHaveLength(3000);
    expect(blocks.filter((b) => b.change !== 'equal').map((b) => [b.change, (b as Extract<DiffBlock, { kind: 'text' }>).segments.filter((s) => s.op !== 'equal').map((s) => s.text)]))
      .toEqual([['modify', ['révisée ']], ['delete', ['Paragraphe 2500 : une consigne de séance parmi d’autres.']]]);
    expect(counts).toEqual({ insertions: 1, deletions: 9 });
  });

  it('finds nothing to mark between a text and itself', () => {
    const text: PmNode = doc(h1('Titre'), p('Un paragraphe.'), table(['A'], ['b']));
    const { blocks, counts } = diffDocuments(text, text);
    expect(counts).toEqual({ insertions: 0, deletions: 0 });
    expect(blocks.every((b) => b.change === 'equal')).toBe(true);
  });
});

describe('GET /api/documents/:id/diff', () => {
  let server: TestServer;
  let member: HttpClient;
  let outsider: HttpClient;
  let documentId: string;
  let otherDocument: string;

  beforeAll(async () => {
    server = await startServer();
    const lead = await createUser(server.app);
    const people = { member: await createUser(server.app), outsider: await createUser(server.app) };
    const groupId = createGroup(server.app, lead.id).id;
    addToGroup(server.app, groupId, lead.id, 'lead');
    addToGroup(server.app, groupId, people.member.id, 'member');
    member = await signIn(server.url, people.member);
    outsider = await signIn(server.url, people.outsider);
    documentId = (await member.post('/api/documents', { groupId, title: 'Fiche outil – Brainstorming', kind: 'tool_sheet' })).body.document.id;
    otherDocument = (await member.post('/api/documents', { groupId, title: 'Autre fiche', kind: 'blank' })).body.document.id;
  });
  afterAll(() => server?.close());

  it('compares a named version with the working text after a live edit, and names both sides', async () => {
    const named = await member.post(`/api/documents/${documentId}/versions`, { name: 'Avant la réunion' });
    expect(named.status).toBe(201);
    const editor = connect(server.url, documentId, member.cookie);
    try {
      await synced(editor);
      editor.doc.transact(() => {
        const heading = editor.doc.getXmlFragment('default').get(0) as Y.XmlElement;
        (heading.get(0) as Y.XmlText).insert((heading.get(0) as Y.XmlText).length, ' animé');
      });
      await expect.poll(async () => (await member.get(`/api/documents/${documentId}/content`)).body.html).toContain('animé');
    } finally {
      editor.destroy();
    }
    const reply = await member.get(`/api/documents/${documentId}/diff?from=version:${named.body.version.id}&to=current`);
    expect(reply.status).toBe(200);
    expect(reply.body.from).toMatchObject({ kind: 'version', versionKind: 'named', name: 'Avant la réunion' });
    expect(reply.body.to).toMatchObject({ kind: 'current', at: null });
    const changed = reply.body.blocks.filter((b: DiffBlock) => b.change !== 'equal');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ node: 'heading', level: 1 });
    expect(ops(changed[0].segments)).toEqual([['equal', 'Fiche outil – Brainstorming'], ['insert', ' animé']]);
    expect(reply.body.counts).toEqual({ insertions: 1, deletions: 0 });
  });

  it('refuses unknown references in French, versions of another document, and people outside the group', async () => {
    const bad = await member.get(`/api/documents/${documentId}/diff?from=hier&to=current`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Version inconnue/);
    const foreign = (await member.post(`/api/documents/${otherDocument}/versions`, { name: 'Ailleurs' })).body.version.id;
    expect((await member.get(`/api/documents/${documentId}/diff?from=version:${foreign}&to=current`)).status).toBe(404);
    const never = await member.get(`/api/documents/${documentId}/diff?from=published&to=current`);
    expect(never.status).toBe(404);
    expect(never.body.code).toBe('not_published');
    expect((await outsider.get(`/api/documents/${documentId}/diff?from=current&to=current`)).status).toBe(404);
  });
});
