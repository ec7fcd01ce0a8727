import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { strFromU8, unzipSync } from 'fflate';
import { documentUpdates, documents } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';

// A document whose stored Yjs state holds everything a hostile client (or an old bug) could have
// written before the server checked updates: the server must still show it, export it, version it
// and publish it, with the people's text in it and nothing dangerous out of it. The state is
// written straight into the update log, as it would be found on disk.

let server: TestServer;
let lead: HttpClient;
let documentId: string;

const TEXTS = ['Titre géant', 'Texte nu à la racine', 'Citation de surface', 'Citation profonde', 'Contenu inconnu', 'lien piégé', 'lien data',
  'Paragraphe extérieur', 'Paragraphe imbriqué', 'Cellule immense'];

function append<T extends Y.XmlElement | Y.XmlText>(parent: Y.XmlFragment, child: T): T {
  parent.insert(parent.length, [child]);
  return child;
}
function paragraph(parent: Y.XmlFragment, text: string, attributes: Record<string, unknown> = {}, name = 'paragraph'): Y.XmlElement {
  const p = append(parent, new Y.XmlElement(name));
  append(p, new Y.XmlText()).insert(0, text, attributes);
  return p;
}

function hostileState(): Uint8Array {
  const ydoc = new Y.Doc();
  const root = ydoc.getXmlFragment('default');
  paragraph(root, 'Titre géant', {}, 'heading').setAttribute('level', 500_000_000 as unknown as string);
  append(root, new Y.XmlText()).insert(0, 'Texte nu à la racine');
  let quote: Y.XmlFragment = root;
  for (let i = 0; i < 5000; i++) {
    quote = append(quote, new Y.XmlElement('blockquote'));
    if (i === 0) paragraph(quote, 'Citation de surface');
  }
  paragraph(quote, 'Citation profonde');
  paragraph(root, 'Contenu inconnu', {}, 'iframe');
  const links = append(root, new Y.XmlElement('paragraph'));
  append(links, new Y.XmlText()).insert(0, 'lien piégé', { link: { href: 'javascript:alert(document.cookie)' } });
  append(links, new Y.XmlText()).insert(0, ' lien data', { link: { href: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' } });
  paragraph(paragraph(root, 'Paragraphe extérieur'), 'Paragraphe imbriqué');
  const row = append(append(root, new Y.XmlElement('table')), new Y.XmlElement('tableRow'));
  const cell = append(row, new Y.XmlElement('tableCell'));
  cell.setAttribute('colspan', 1e9 as unknown as string);
  paragraph(cell, 'Cellule immense');
  return Y.encodeStateAsUpdate(ydoc);
}

function expectSafe(body: string): void {
  for (const text of TEXTS) expect(body).toContain(text);
  expect(body).not.toMatch(/javascript:/i);
  expect(body).not.toMatch(/data:text/i);
}

beforeAll(async () => {
  server = await startServer();
  const owner = await createUser(server.app);
  const group = createGroup(server.app, owner.id);
  addToGroup(server.app, group.id, owner.id, 'lead');
  lead = await signIn(server.url, owner);
  documentId = server.app.db.insert(documents).values({ groupId: group.id, title: 'Document abîmé', kind: 'blank', createdBy: owner.id })
    .returning().get().id;
  server.app.db.insert(documentUpdates).values({ documentId, data: Buffer.from(hostileState()), userId: owner.id }).run();
});
afterAll(async () => {
  await server?.close();
});

describe('a document stored in a shape the editor never writes', () => {
  it('shows its current text, clamped and without dangerous links', async () => {
    const content = await lead.get(`/api/documents/${documentId}/content`);
    expect(content.status).toBe(200);
    expectSafe(content.body.html);
    expect(content.body.html).toContain('<h1>Titre géant</h1>');
    expect(content.body.html).not.toContain('colspan="1000000000"');
  });

  it('exports as HTML, Markdown and DOCX with every text in them', async () => {
    const html = await lead.get(`/api/documents/${documentId}/export?format=html`);
    expect(html.status).toBe(200);
    expectSafe(html.body);

    const md = await lead.get(`/api/documents/${documentId}/export?format=md`);
    expect(md.status).toBe(200);
    expectSafe(md.body);
    expect(md.body).toMatch(/^# Titre géant$/m);
    expect(md.body).not.toMatch(/#{7}/);
    expect(md.body).not.toContain('](');

    const res = await fetch(`${server.url}/api/documents/${documentId}/export?format=docx`, { headers: { cookie: lead.cookie } });
    expect(res.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']);
    expectSafe(xml);
    expect(xml).not.toContain('w:val="1000000000"');
  });

  it('can be saved as a version, and the version shows its text', async () => {
    const named = await lead.post(`/api/documents/${documentId}/versions`, { name: 'Avant réparation' });
    expect(named.status).toBe(201);
    const shown = await lead.get(`/api/documents/${documentId}/versions/${named.body.version.id}`);
    expect(shown.status).toBe(200);
    expectSafe(shown.body.html);
  });

  it('can be published, and the public copy shows its text', async () => {
    for (const status of ['in_review', 'validated']) {
      expect((await lead.post(`/api/documents/${documentId}/status`, { status })).status).toBe(200);
    }
    expect((await lead.post(`/api/documents/${documentId}/publications`, { note: 'Publiée malgré son contenu réparé.' })).status).toBe(201);
    const visitor = new HttpClient(server.url);
    const published = await visitor.get(`/api/documents/resources/${documentId}`);
    expect(published.status).toBe(200);
    expectSafe(published.body.html);
  });

  it('ten exports of it at once leave the server answering everyone', async () => {
    const exports = Array.from({ length: 10 }, (_, i) => lead.get(`/api/documents/${documentId}/export?format=${['md', 'html', 'docx'][i % 3]}`));
    const health = await new HttpClient(server.url).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', database: 'ok' });
    const replies = await Promise.all(exports);
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await new HttpClient(server.url).get('/api/health')).status).toBe(200);
  });
});
