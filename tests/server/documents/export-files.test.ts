import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportsTempDir, sendExportFile } from '../../../server/features/documents/export/export.temp';
import { connect, synced, waitFor, type CollabClient } from '../../collab/collab-clients';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { rawGet, signIn, type HttpClient } from '../../helpers/http';
import { startServer, type TestServer } from '../../helpers/server';

// Exports are read from SQLite and written to a temporary file by a render worker, then streamed
// from disk and deleted (export/export.temp.ts). `encodeInPlaceBytes: 1` sends even a small
// document's working text through SQLite, as a large one's always is.

let server: TestServer;
let small: TestServer;
let alice: HttpClient;
let documentId: string;
let groupId: string;
const clients: CollabClient[] = [];

const leftovers = (s: TestServer) => (existsSync(exportsTempDir(s.dataDir)) ? readdirSync(exportsTempDir(s.dataDir)) : []);

/** A new paragraph holding `text`, in one transaction (one update frame on the wire). */
function addParagraph(client: CollabClient, text: string) {
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    client.doc.getXmlFragment('default').push([paragraph]);
  });
}

beforeAll(async () => {
  [server, small] = await Promise.all([
    startServer({ collab: { encodeInPlaceBytes: 1 } }),
    startServer({ exportMaxBytes: 4096 }),
  ]);
  const [a, b] = await Promise.all([createUser(server.app), createUser(server.app)]);
  groupId = createGroup(server.app, a.id).id;
  addToGroup(server.app, groupId, a.id, 'lead');
  addToGroup(server.app, groupId, b.id, 'member');
  alice = await signIn(server.url, a);
  const bruno = await signIn(server.url, b);
  documentId = (await alice.post('/api/documents', { groupId, title: 'Programme type BPCO', kind: 'blank' })).body.document.id;
  clients.push(connect(server.url, documentId, alice.cookie), connect(server.url, documentId, bruno.cookie));
  await Promise.all(clients.map(synced));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all([server?.close(), small?.close()]);
});

describe('exports read from SQLite by the render worker', () => {
  it('hold what a person just typed, and leave no file behind once downloaded', async () => {
    const [writer, reader] = clients;
    addParagraph(writer, 'Séance collective « souffle et activité physique »');
    // The reader receives it once it is written (nothing is sent before it is in SQLite).
    await waitFor(() => reader.text().includes('souffle et activité'), 'the other person sees the text');
    const md = await rawGet(`${server.url}/api/documents/${documentId}/export?format=md`, { cookie: alice.cookie });
    expect(md.status).toBe(200);
    expect(md.body.toString()).toContain('Séance collective « souffle et activité physique »');
    // Streamed from the file, with its length (no Accept-Encoding here: sent as it is).
    expect(Number(md.headers['content-length'])).toBe(md.body.length);
    expect(md.headers['content-disposition']).toContain('attachment');
    const html = await alice.get(`/api/documents/${documentId}/export?format=html`);
    expect(html.body).toContain('Séance collective « souffle et activité physique »');
    expect(html.body).toMatch(/<\/html>\n$/);
    await expect.poll(() => leftovers(server)).toEqual([]);
  });

  it('answers 404 for a version that does not exist, and leaves no file', async () => {
    expect((await alice.get(`/api/documents/${documentId}/export?format=pdf&version=version:inconnue`)).status).toBe(404);
    expect((await alice.get(`/api/documents/${documentId}/export?format=md&version=published:3`)).body.message).toBe('Cette version publiée est introuvable.');
    expect(leftovers(server)).toEqual([]);
  });

  it('deletes the file when the person goes away in the middle of the download', async () => {
    const [writer, reader] = clients;
    // About 11 MB of text, in frames under the 1 MB a frame may carry: more than the sockets
    // between the server and a client that stops reading can hold, so the download cannot finish.
    for (let i = 0; i < 12; i++) addParagraph(writer, `Partie ${i} : ${'recommandations de la HAS pour la réhabilitation respiratoire. '.repeat(14_000)}`);
    await waitFor(() => reader.text().includes('Partie 11 :'), 'the large text reaches the other person', 60_000);
    const seenDuringDownload = await new Promise<string[]>((resolve, reject) => {
      const req = request(`${server.url}/api/documents/${documentId}/export?format=md`, { headers: { cookie: alice.cookie } }, (res) => {
        // Headers and a first chunk arrived; this client then reads nothing more and leaves.
        expect(res.statusCode).toBe(200);
        expect(Number(res.headers['content-length'])).toBeGreaterThan(10_000_000);
        res.once('data', () => {
          const during = leftovers(server);
          req.destroy();
          resolve(during);
        });
      });
      req.on('error', (err) => (err.message.includes('aborted') || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
      req.end();
    });
    expect(seenDuringDownload).toHaveLength(1);
    expect(seenDuringDownload[0]).toMatch(/^[0-9a-f-]{36}\.md$/);
    await expect.poll(() => leftovers(server), { timeout: 10_000 }).toEqual([]);
  }, 120_000);
});

describe('an export past the size bound', () => {
  it('is refused with a reason, and no file is left', async () => {
    const lead = await createUser(small.app);
    const group = createGroup(small.app, lead.id).id;
    addToGroup(small.app, group, lead.id, 'lead');
    const person = await signIn(small.url, lead);
    const id = (await person.post('/api/documents', { groupId: group, title: 'Grille d’auto-évaluation', kind: 'blank' })).body.document.id;
    const writer = connect(small.url, id, person.cookie);
    clients.push(writer);
    await synced(writer);
    addParagraph(writer, 'Indicateurs de processus et de résultats. '.repeat(200));
    await expect.poll(async () => (await person.get(`/api/documents/${id}/content`)).body.html, { timeout: 15_000 }).toContain('Indicateurs de processus');
    const refused = await person.get(`/api/documents/${id}/export?format=html`);
    expect(refused.status).toBe(413);
    expect(refused.body.message).toBe('Ce document dépasserait 4 Ko une fois exporté : découpez-le en plusieurs documents.');
    expect(leftovers(small)).toEqual([]);
  });
});

describe('the public PDF of a version of record', () => {
  it('is rendered from SQLite, kept with the hash of its bytes as ETag, and leaves no file', async () => {
    const id = (await alice.post('/api/documents', { groupId, title: 'Guide des ateliers', kind: 'blank' })).body.document.id;
    const writer = connect(server.url, id, alice.cookie);
    clients.push(writer);
    await synced(writer);
    addParagraph(writer, 'Texte publié pour les équipes de la région');
    await expect.poll(async () => (await alice.get(`/api/documents/${id}/content`)).body.html, { timeout: 15_000 }).toContain('Texte publié');
    expect((await alice.post(`/api/documents/${id}/status`, { status: 'in_review' })).status).toBe(200);
    expect((await alice.post(`/api/documents/${id}/status`, { status: 'validated' })).status).toBe(200);
    expect((await alice.post(`/api/documents/${id}/publications`, { note: 'Première diffusion.' })).status).toBe(201);
    const url = `${server.url}/api/documents/resources/${id}/versions/1/pdf`;
    const first = await rawGet(url);
    expect(first.status).toBe(200);
    expect(first.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.headers.etag).toBe(`W/"${createHash('sha1').update(first.body).digest('base64url')}"`);
    const again = await rawGet(url, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect((await rawGet(url)).body.equals(first.body)).toBe(true);
    expect(leftovers(server)).toEqual([]);
  }, 60_000);
});

describe('temporary export files', () => {
  it('left by a server that stopped are removed when the next one starts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-test-'));
    mkdirSync(exportsTempDir(dataDir), { recursive: true });
    writeFileSync(join(exportsTempDir(dataDir), 'abandonne.pdf'), 'x');
    const restarted = await startServer({}, { dataDir });
    try {
      expect(readdirSync(exportsTempDir(dataDir))).toEqual([]);
    } finally {
      await restarted.close();
    }
  });

  it('made for a person who left while it was rendered is deleted without being sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-export-'));
    const path = join(dir, 'rendu.md');
    writeFileSync(path, 'texte');
    const reply = { raw: { destroyed: true } };
    sendExportFile(reply as never, { path, bytes: 5 }, { error: () => undefined } as never);
    await expect.poll(() => existsSync(path)).toBe(false);
  });
});
