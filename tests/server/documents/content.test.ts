import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { unzipSync, strFromU8 } from 'fflate';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { connect, synced, waitFor, type CollabClient } from '../../collab/collab-clients';

let server: TestServer;
let alice: HttpClient;
let outsider: HttpClient;
let documentId: string;
const clients: CollabClient[] = [];

/** Types a new paragraph at the end, as the editor would (optionally as a link). */
function typeParagraph(client: CollabClient, text: string, link?: string): void {
  const fragment = client.doc.getXmlFragment('default');
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    const xmlText = new Y.XmlText();
    paragraph.insert(0, [xmlText]);
    fragment.insert(fragment.length, [paragraph]);
    xmlText.insert(0, text, link ? { link: { href: link } } : {});
  });
}

beforeAll(async () => {
  server = await startServer();
  const [a, b, c] = await Promise.all([createUser(server.app), createUser(server.app), createUser(server.app)]);
  const group = createGroup(server.app, a.id);
  addToGroup(server.app, group.id, a.id, 'lead');
  addToGroup(server.app, group.id, b.id, 'member');
  alice = await signIn(server.url, a);
  outsider = await signIn(server.url, c);
  const bruno = await signIn(server.url, b);
  const created = await alice.post('/api/documents', { groupId: group.id, title: 'Programme type lombalgie', kind: 'reference_programme' });
  documentId = created.body.document.id;
  clients.push(connect(server.url, documentId, alice.cookie), connect(server.url, documentId, bruno.cookie));
  await Promise.all(clients.map(synced));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

describe('what was typed, on the server', () => {
  it('exports HTML, Markdown and DOCX containing what was typed, with dangerous links removed', async () => {
    const [a, b] = clients;
    typeParagraph(a, 'Atelier « bouger avec sa lombalgie » animé par une patiente partenaire');
    // A client that sends a javascript: link is refused whole (the editor never makes one).
    const mallory = connect(server.url, documentId, alice.cookie);
    await synced(mallory);
    typeParagraph(mallory, 'lien piégé', 'javascript:alert(1)');
    await waitFor(() => mallory.closes.length > 0, 'the dangerous link is refused');
    expect(mallory.closes[0].code).toBe(4422);
    mallory.destroy();
    await waitFor(() => b.text().includes('Atelier « bouger'), 'bruno sees the text');
    expect(b.text()).not.toContain('lien piégé');

    const html = await alice.get(`/api/documents/${documentId}/export?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('Atelier « bouger avec sa lombalgie »');
    expect(html.body).toContain('<h2>3. Bilan éducatif partagé (BEP)</h2>');
    expect(html.body).not.toContain('javascript:');

    const md = await alice.get(`/api/documents/${documentId}/export?format=md`);
    expect(md.body).toContain('## 3. Bilan éducatif partagé (BEP)');
    expect(md.body).toContain('Atelier « bouger avec sa lombalgie »');

    const res = await fetch(`${server.url}/api/documents/${documentId}/export?format=docx`, { headers: { cookie: alice.cookie } });
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = strFromU8(files['word/document.xml']);
    expect(xml).toContain('Atelier « bouger avec sa lombalgie » animé par une patiente partenaire');

    expect((await outsider.get(`/api/documents/${documentId}/export?format=md`)).status).toBe(404);
  });

  it('finds the text with or without accents, and never for someone who may not read it', async () => {
    typeParagraph(clients[0], 'Grille d’évaluation quadriennale partagée avec la MSP');
    const search = async (client: HttpClient, q: string) => (await client.get(`/api/documents/search?q=${encodeURIComponent(q)}`)).body.results as Array<{ documentId: string; snippet: string }>;
    await expect.poll(async () => (await search(alice, 'evaluation quadriennale')).map((r) => r.documentId), { timeout: 10_000, interval: 250 }).toContain(documentId);
    expect((await search(alice, 'ÉVALUATION')).map((r) => r.documentId)).toContain(documentId);
    expect((await search(alice, 'lombalgie')).map((r) => r.documentId)).toContain(documentId);
    expect(await search(outsider, 'evaluation quadriennale')).toEqual([]);
    expect(await search(alice, '"* OR NEAR(')).toEqual([]);
  });
});

describe('versions', () => {
  it('restores a named version as a forward change that another client sees live', async () => {
    const [a, b] = clients;
    const named = await alice.post(`/api/documents/${documentId}/versions`, { name: 'Avant la réunion du groupe' });
    expect(named.status).toBe(201);
    typeParagraph(a, 'Paragraphe ajouté après la version nommée');
    await waitFor(() => b.text().includes('après la version nommée'), 'bruno sees the new paragraph');

    const shown = await alice.get(`/api/documents/${documentId}/versions/${named.body.version.id}`);
    expect(shown.body.html).toContain('Atelier « bouger avec sa lombalgie »');
    expect(shown.body.html).not.toContain('après la version nommée');

    expect((await alice.post(`/api/documents/${documentId}/versions/${named.body.version.id}/restore`)).status).toBe(200);
    await waitFor(() => !b.text().includes('après la version nommée'), 'bruno sees the restore live');
    expect(b.text()).toContain('Atelier « bouger avec sa lombalgie »');
    await waitFor(() => a.text() === b.text(), 'both converge');

    // The text before the restore is kept as a version of its own: nothing is lost.
    const list = (await alice.get(`/api/documents/${documentId}/versions`)).body.versions as Array<{ id: string; kind: string }>;
    const before = list.find((v) => v.kind === 'restore')!;
    expect((await alice.get(`/api/documents/${documentId}/versions/${before.id}`)).body.html).toContain('après la version nommée');
  });
});

describe('trash', () => {
  it('cuts open connections when the document goes to the trash', async () => {
    const [a] = clients;
    expect((await alice.delete(`/api/documents/${documentId}`)).status).toBe(200);
    await waitFor(() => a.closes.some((c) => c.code === 4404), 'the connection is closed with a reason');
    expect((await alice.get(`/api/documents/${documentId}/export?format=md`)).status).toBe(404);
  });
});
