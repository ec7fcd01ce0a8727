import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { connect, synced, type CollabClient } from '../../collab/collab-clients';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let member: HttpClient;
let observer: HttpClient;
let outsider: HttpClient;
let documentId: string;
let groupId: string;
const clients: CollabClient[] = [];

/** Appends blocks typed by a person in their editor: long paragraphs and a table with a header row. */
function appendLongContent(client: CollabClient) {
  const paragraph = (text: string) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    return p;
  };
  const cell = (type: 'tableHeader' | 'tableCell', text: string) => {
    const c = new Y.XmlElement(type);
    c.insert(0, [paragraph(text)]);
    return c;
  };
  const row = (type: 'tableHeader' | 'tableCell', texts: string[]) => {
    const r = new Y.XmlElement('tableRow');
    r.insert(0, texts.map((t) => cell(type, t)));
    return r;
  };
  client.doc.transact(() => {
    const fragment = client.doc.getXmlFragment('default');
    const table = new Y.XmlElement('table');
    table.insert(0, [row('tableHeader', ['Séance', 'Objectif']), row('tableCell', ['Séance 1', 'Comprendre l’asthme « au quotidien »'])]);
    const blocks = Array.from({ length: 60 }, (_, i) => paragraph(`Paragraphe ${i + 1} : l’équipe décrit le déroulé de la séance, ses objectifs éducatifs et les outils pédagogiques utilisés.`));
    fragment.insert(fragment.length, [table, ...blocks]);
  });
}

beforeAll(async () => {
  server = await startServer();
  const [m, o, x] = [await createUser(server.app), await createUser(server.app), await createUser(server.app)];
  groupId = createGroup(server.app, m.id).id;
  addToGroup(server.app, groupId, m.id, 'member');
  addToGroup(server.app, groupId, o.id, 'observer');
  [member, observer, outsider] = [await signIn(server.url, m), await signIn(server.url, o), await signIn(server.url, x)];
  documentId = (await member.post('/api/documents', { groupId, title: 'Programme type asthme', kind: 'reference_programme' })).body.document.id;
  const editor = connect(server.url, documentId, member.cookie);
  clients.push(editor);
  await synced(editor);
  appendLongContent(editor);
  // Saved once the server's content holds the last paragraph.
  const deadline = Date.now() + 15_000;
  while (!((await member.get(`/api/documents/${documentId}/content`)).body.html as string).includes('Paragraphe 60')) {
    if (Date.now() > deadline) throw new Error('the edit never reached the server');
  }
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

async function download(client: HttpClient, query: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const res = await fetch(`${server.url}/api/documents/${documentId}/export?${query}`, { headers: { cookie: client.cookie } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

type OutlineNode = { title: string; items: OutlineNode[] };

/** Reads a PDF as a reader app would: its pages' text, its outline (bookmarks) and its page count. */
async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i += 1) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  const outline = ((await pdf.getOutline()) ?? []) as OutlineNode[];
  await pdf.destroy();
  return { pages, outline };
}

describe('PDF export', () => {
  it('has the headings as outline, the table, page numbers and the title and version in every footer', async () => {
    const pdf = await download(observer, 'format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const { pages, outline } = await readPdf(pdf.bytes);
    expect(pages.length).toBeGreaterThan(1);

    // The title is the first bookmark; the HAS sections hang under it, in order.
    expect(outline.map((o) => o.title)).toEqual(['Programme type asthme']);
    const sections = outline[0].items.map((o) => o.title);
    expect(sections[0]).toBe('1. Contexte et population concernée');
    expect(sections).toContain('2. Modalités d’inclusion');
    expect(sections.indexOf('10. Annexes')).toBeGreaterThan(sections.indexOf('2. Modalités d’inclusion'));
    expect(sections.at(-1)).toBe('Suivi de la rédaction');

    const n = pages.length;
    pages.forEach((text, i) => {
      expect(text).toContain('Programme type asthme · version de travail du');
      expect(text).toContain(`page ${i + 1} / ${n}`);
    });
    const all = pages.join(' ');
    expect(all).toContain('Comprendre l’asthme « au quotidien »');
    expect(all).toContain('Objectif');
    expect(all).toContain('Paragraphe 60 : l’équipe décrit');
  });

  it('exports a version of the history with its name in the footer, only for readers of the document', async () => {
    const named = await member.post(`/api/documents/${documentId}/versions`, { name: 'version 2' });
    expect(named.status).toBe(201);
    const { pages } = await readPdf((await download(member, `format=pdf&version=version:${named.body.version.id}`)).bytes);
    expect(pages[0]).toContain('Programme type asthme · version 2');

    expect((await download(member, 'format=pdf&version=version:inconnue')).status).toBe(404);
    expect((await download(member, 'format=pdf&version=n%27importe%20quoi')).status).toBe(400);
    expect((await download(outsider, 'format=pdf')).status).toBe(404);
    expect((await download(new HttpClient(server.url), 'format=pdf')).status).toBe(401);
  });

  it('exports a published version with its number, without what was written after publication', async () => {
    const l = await createUser(server.app);
    addToGroup(server.app, groupId, l.id, 'lead');
    const lead = await signIn(server.url, l);
    expect((await member.post(`/api/documents/${documentId}/status`, { status: 'in_review' })).status).toBe(200);
    expect((await lead.post(`/api/documents/${documentId}/status`, { status: 'validated' })).status).toBe(200);
    expect((await lead.post(`/api/documents/${documentId}/publications`, { note: 'Première version diffusée aux équipes.' })).status).toBe(201);
    const after = new Y.XmlElement('paragraph');
    after.insert(0, [new Y.XmlText('Ajout écrit après la publication')]);
    clients[0].doc.getXmlFragment('default').push([after]);
    await expect.poll(async () => (await member.get(`/api/documents/${documentId}/content`)).body.html, { timeout: 15_000 }).toContain('Ajout écrit après la publication');

    const published = await readPdf((await download(observer, 'format=pdf&version=published')).bytes);
    expect(published.pages[0]).toMatch(/Programme type asthme · version publiée n° 1 du \d{1,2} \S+ \d{4}/);
    expect(published.pages.join(' ')).not.toContain('Ajout écrit après la publication');
    const byNumber = await readPdf((await download(observer, 'format=pdf&version=published:1')).bytes);
    expect(byNumber.pages[0]).toContain('version publiée n° 1');
    expect((await readPdf((await download(observer, 'format=pdf')).bytes)).pages.join(' ')).toContain('Ajout écrit après la publication');
    expect((await download(observer, 'format=pdf&version=published:2')).status).toBe(404);
  });
});
