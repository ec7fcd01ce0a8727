import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { decoded, HttpClient, rawGet, signIn } from '../../helpers/http';
import { connect, cookieOf, synced } from '../../collab/collab-clients';
import { buildEvent } from '../events/fixture';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptedEncoding, createPublicCache, untilDatabaseChanges } from '../../../server/core/public-cache';

let server: TestServer;
let organiser: HttpClient;
let lead: HttpClient;
let leadCookie: string;
let day: Awaited<ReturnType<typeof buildEvent>>;
let documentId: string;
const reads = () => ({
  agenda: { path: `/api/events/public/${day.slug}`, cacheControl: 'public, no-cache' },
  ics: { path: `/agenda/${day.slug}.ics`, cacheControl: 'public, max-age=60, must-revalidate' },
  session: { path: `/agenda/${day.slug}/sessions/${day.opening}.ics`, cacheControl: 'public, max-age=60, must-revalidate' },
  schedule: { path: `/agenda/${day.slug}/schedule.json`, cacheControl: 'public, max-age=60, must-revalidate' },
  library: { path: '/api/documents/resources', cacheControl: 'public, no-cache' },
  document: { path: `/api/documents/resources/${documentId}`, cacheControl: 'public, no-cache' },
});

beforeAll(async () => {
  server = await startServer();
  organiser = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  day = await buildEvent(organiser);
  expect((await organiser.post(`/api/events/${day.id}/publish`, {})).status).toBe(200);
  const person = await createUser(server.app);
  const groupId = createGroup(server.app, person.id, { visibility: 'public' }).id;
  addToGroup(server.app, groupId, person.id, 'lead');
  lead = await signIn(server.url, person);
  leadCookie = await cookieOf(server.url, person);
  documentId = (await lead.post('/api/documents', { groupId, kind: 'tool_sheet', title: 'Fiche outil publiée' })).body.document.id;
  for (const status of ['in_review', 'validated']) expect((await lead.post(`/api/documents/${documentId}/status`, { status })).status).toBe(200);
  expect((await lead.post(`/api/documents/${documentId}/publications`, { note: 'Première version publiée.' })).status).toBe(201);
});
afterAll(() => server?.close());

describe('every public read', () => {
  it('answers with an ETag, a Last-Modified and its Cache-Control, then 304 while the copy is current', async () => {
    for (const [name, read] of Object.entries(reads())) {
      const first = await rawGet(server.url + read.path);
      expect(first.status, name).toBe(200);
      expect(first.headers.etag, name).toMatch(/^W\/"[\w-]+"$/);
      expect(Date.parse(String(first.headers['last-modified'])), name).toBeGreaterThan(0);
      expect(first.headers['cache-control'], name).toBe(read.cacheControl);
      expect(first.headers.vary, name).toMatch(/accept-encoding/i);
      const etag = String(first.headers.etag);
      const byTag = await rawGet(server.url + read.path, { 'if-none-match': etag });
      expect(byTag.status, name).toBe(304);
      expect(byTag.body.length, name).toBe(0);
      expect(byTag.headers.etag, name).toBe(etag);
      // Any of several tags, the strong form of ours too (comparison is weak, RFC 9110).
      expect((await rawGet(server.url + read.path, { 'if-none-match': `"autre", ${etag.slice(2)}` })).status, name).toBe(304);
      const byDate = await rawGet(server.url + read.path, { 'if-modified-since': String(first.headers['last-modified']) });
      expect(byDate.status, name).toBe(304);
      const other = await rawGet(server.url + read.path, { 'if-none-match': 'W/"autre"' });
      expect(other.status, name).toBe(200);
      expect(other.body.equals(first.body), name).toBe(true);
    }
  });

  it('a 304 keeps the headers of the 200 (security, file name), and Last-Modified is when the data was published', async () => {
    const { agenda, ics, schedule, document, library } = reads();
    const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toUTCString();
    const published = JSON.parse((await rawGet(server.url + agenda.path)).body.toString()).publishedAt as string;
    for (const read of [ics, schedule]) expect((await rawGet(server.url + read.path)).headers['last-modified'], read.path).toBe(toSecond(published));
    const resource = JSON.parse((await rawGet(server.url + document.path)).body.toString());
    expect((await rawGet(server.url + document.path)).headers['last-modified']).toBe(toSecond(resource.version.publishedAt));
    const listed = await rawGet(server.url + library.path);
    expect(listed.headers['last-modified']).toBe(toSecond(resource.version.publishedAt));
    for (const read of [ics, library]) {
      const first = await rawGet(server.url + read.path);
      const again = await rawGet(server.url + read.path, { 'if-none-match': String(first.headers.etag) });
      expect(again.status, read.path).toBe(304);
      for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'cache-control', 'last-modified', 'content-disposition']) {
        expect(again.headers[name], `${read.path} ${name}`).toBe(first.headers[name]);
      }
    }
    expect((await rawGet(server.url + ics.path, { 'if-none-match': 'W/"autre"' })).headers['content-disposition']).toBe(`inline; filename="${day.slug}.ics"`);
  });

  it('sends brotli or gzip to clients that accept them, the same content', async () => {
    const { ics } = reads();
    const plain = await rawGet(server.url + ics.path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip;q=0.8', 'gzip'], ['identity', undefined]]) {
      const reply = await rawGet(server.url + ics.path, { 'accept-encoding': accept! });
      expect(reply.headers['content-encoding'], accept).toBe(encoding);
      expect(reply.headers['content-type']).toContain('text/calendar');
      expect(reply.headers['content-disposition']).toBe(`inline; filename="${day.slug}.ics"`);
      expect(decoded(reply).equals(plain.body), accept).toBe(true);
      expect(reply.headers.etag).toBe(plain.headers.etag);
    }
  });

  it('still refuses what is not public: an unknown agenda, a session it does not hold, an unpublished document', async () => {
    expect((await rawGet(`${server.url}/agenda/inconnu.ics`)).status).toBe(404);
    const session = await rawGet(`${server.url}/agenda/${day.slug}/sessions/00000000-0000-0000-0000-000000000000.ics`);
    expect(session.status).toBe(404);
    expect(session.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(session.body.toString()).message).toMatch(/session/i);
    expect((await rawGet(`${server.url}/api/documents/resources/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});

describe('a new version', () => {
  it('a publication gives every agenda file new bytes at once', async () => {
    const { agenda, ics, session, schedule } = reads();
    const before = await Promise.all([agenda, ics, session, schedule].map((r) => rawGet(server.url + r.path)));
    const renamed = await organiser.put(`/api/events/${day.id}/sessions/${day.opening}`, {
      kind: 'plenary', title: 'Ouverture renommée', roomId: day.amphi, startsAt: day.at('2027-03-27', '09:00'), endsAt: day.at('2027-03-27', '10:00'),
    });
    expect(renamed.status).toBe(200);
    // Not published yet: visitors keep the published version.
    expect((await rawGet(server.url + ics.path, { 'if-none-match': String(before[1].headers.etag) })).status).toBe(304);
    expect((await organiser.post(`/api/events/${day.id}/publish`, { note: 'Ouverture renommée' })).status).toBe(200);
    for (const [i, read] of [agenda, ics, session, schedule].entries()) {
      const after = await rawGet(server.url + read.path, { 'if-none-match': String(before[i].headers.etag) });
      expect(after.status, read.path).toBe(200);
      expect(after.headers.etag, read.path).not.toBe(before[i].headers.etag);
      expect(after.body.toString(), read.path).toContain('Ouverture renommée');
      expect(Date.parse(String(after.headers['last-modified']))).toBeGreaterThanOrEqual(Date.parse(String(before[i].headers['last-modified'])));
    }
  });

  it('a registration changes the seat counts the agenda shows', async () => {
    const { agenda } = reads();
    const before = await rawGet(server.url + agenda.path);
    const seats = JSON.parse(before.body.toString()).availability[day.workshop];
    const registered = await new HttpClient(server.url).post(`/api/events/public/${day.slug}/registrations`, {
      name: 'Personne Inscrite', email: 'inscrite@example.org', participantKind: 'professional', workshopIds: [day.workshop],
    });
    expect(registered.status).toBe(201);
    const after = await rawGet(server.url + agenda.path, { 'if-none-match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString()).availability[day.workshop]).toEqual({ ...seats, confirmed: seats.confirmed + 1 });
  });

  it('a capacity changed by an organiser reaches the agenda without a publication', async () => {
    const { agenda } = reads();
    const before = await rawGet(server.url + agenda.path);
    expect(JSON.parse(before.body.toString()).availability[day.workshop].capacity).toBe(2);
    expect((await organiser.put(`/api/events/${day.id}/rooms/${day.salle}`, { name: 'Salle 2', capacity: 12 })).status).toBe(200);
    const after = await rawGet(server.url + agenda.path, { 'if-none-match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString()).availability[day.workshop].capacity).toBe(12);
  });

  it('an edit of a published document keeps the public copy (304) until a new version is published, which reaches the copy and the library', async () => {
    const { document, library } = reads();
    const copy = await rawGet(server.url + document.path);
    const list = await rawGet(server.url + library.path);
    const editor = connect(server.url, documentId, leadCookie);
    try {
      await synced(editor);
      editor.doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Ajout après publication')]);
        editor.doc.getXmlFragment('default').push([paragraph]);
      });
      await expect.poll(async () => (await lead.get(`/api/documents/${documentId}/content`)).body.html).toContain('Ajout après publication');
    } finally {
      editor.destroy();
    }
    expect((await lead.patch(`/api/documents/${documentId}`, { title: 'Fiche outil renommée' })).status).toBe(200);
    // The working text moved on; visitors' copies did not.
    expect((await rawGet(server.url + document.path, { 'if-none-match': String(copy.headers.etag) })).status).toBe(304);
    expect((await rawGet(server.url + library.path, { 'if-none-match': String(list.headers.etag) })).status).toBe(304);
    expect((await lead.post(`/api/documents/${documentId}/publications`, { note: 'Un paragraphe ajouté, un titre plus clair.' })).status).toBe(201);
    const republished = await rawGet(server.url + document.path, { 'if-none-match': String(copy.headers.etag) });
    expect(republished.status).toBe(200);
    expect(JSON.parse(decoded(republished).toString()).html).toContain('Ajout après publication');
    const renamed = await rawGet(server.url + library.path, { 'if-none-match': String(list.headers.etag) });
    expect(renamed.status).toBe(200);
    expect(JSON.parse(decoded(renamed).toString()).resources.map((r: { title: string }) => r.title)).toContain('Fiche outil renommée');
  });
});

describe('the cache itself', () => {
  let app: FastifyInstance;
  let url: string;
  const builds: string[] = [];
  const cache = createPublicCache({ maxEntries: 2, maxBytes: 1024 * 1024, compressFromBytes: 1024 });
  const versions: Record<string, string> = {};
  beforeAll(async () => {
    app = Fastify();
    app.get<{ Params: { name: string } }>('/r/:name', async (request, reply) => {
      const { name } = request.params;
      return cache.send(request, reply, {
        resource: `r:${name}`, version: versions[name] ?? '1', cacheControl: 'public, no-cache',
        build: async () => {
          builds.push(`${name}@${versions[name] ?? '1'}`);
          await new Promise((r) => setTimeout(r, 20));
          return { body: `${name} ${versions[name] ?? '1'} `.repeat(100), type: 'text/plain; charset=utf-8' };
        },
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app?.close());

  it('builds once per version, however many read it at once', async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, () => rawGet(`${url}/r/a`)));
    expect(new Set(replies.map((r) => r.body.toString())).size).toBe(1);
    expect(builds).toEqual(['a@1']);
    versions.a = '2';
    expect((await rawGet(`${url}/r/a`)).body.toString()).toContain('a 2');
    expect(builds).toEqual(['a@1', 'a@2']);
  });

  it('keeps at most its bound, the least recently read going first, and forgets on invalidation', async () => {
    builds.length = 0;
    for (const name of ['a', 'b', 'a', 'c']) await rawGet(`${url}/r/${name}`);
    expect(builds).toEqual(['b@1', 'c@1']);
    expect(cache.stats().entries).toBe(2);
    await rawGet(`${url}/r/b`);
    expect(builds).toEqual(['b@1', 'c@1', 'b@1']);
    cache.invalidate('r:b');
    await rawGet(`${url}/r/b`);
    expect(builds.at(-1)).toBe('b@1');
    expect(builds).toHaveLength(4);
  });

  it('reads Accept-Encoding as browsers and proxies write it', () => {
    expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(acceptedEncoding('br;q=0, gzip')).toBe('gzip');
    expect(acceptedEncoding('BR;q=0.5')).toBe('br');
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });

  it('reads a version check again as soon as the server writes, and from the next turn of the event loop when another connection does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-changes-'));
    const server = new Database(join(dir, 'db.sqlite'));
    server.pragma('journal_mode = WAL');
    const other = new Database(join(dir, 'db.sqlite'));
    try {
      server.exec("CREATE TABLE agenda (slug TEXT PRIMARY KEY, version INTEGER); INSERT INTO agenda VALUES ('journee', 1)");
      const remembered = untilDatabaseChanges(server);
      let queries = 0;
      const version = () => remembered('journee', () => (queries++, server.prepare<[], { v: number }>("SELECT version AS v FROM agenda WHERE slug = 'journee'").get()!.v));
      expect([version(), version(), version()]).toEqual([1, 1, 1]);
      expect(queries).toBe(1);
      server.exec("UPDATE agenda SET version = 2 WHERE slug = 'journee'");
      expect(version()).toBe(2);
      // A worker thread's or another process's connection: seen through SQLite's data_version,
      // read once per turn (the requests of one turn share it).
      other.exec("UPDATE agenda SET version = 3 WHERE slug = 'journee'");
      expect(version()).toBe(2);
      await new Promise((next) => setImmediate(next));
      expect(version()).toBe(3);
      expect(queries).toBe(3);
    } finally {
      other.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
