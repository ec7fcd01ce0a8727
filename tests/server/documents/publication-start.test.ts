import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '../../helpers/server';
import { HttpClient, signIn } from '../../helpers/http';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';
import { LEGACY_NOTE } from '../../../server/features/documents/publication/publication.legacy';

// What a start brings: the demo's tool sheet at version 2, and documents published before
// versions of record turned into version 1 (one data directory, started twice).

const dataDir = mkdtempSync(join(tmpdir(), 'maillage-publication-'));
let server: TestServer | null = null;
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
const visitor = () => new HttpClient(server!.url);

it('opens on the demo tool sheet published at version 2 with its change note, version 1 still readable', async () => {
  server = await startServer({ demo: true }, { dataDir });
  const sheet = (await visitor().get('/api/documents/resources')).body.resources.find((r: { kind: string }) => r.kind === 'tool_sheet');
  expect(sheet).toMatchObject({ title: 'Fiche outil – Photolangage « Ma douleur au quotidien »', version: 2 });
  const page = (await visitor().get(`/api/documents/resources/${sheet.id}`)).body;
  expect(page.version.note).toMatch(/synthèse des ressources/);
  expect(page.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  expect(page.html).toContain('Synthèse collective des ressources évoquées');
  expect((await visitor().get(`/api/documents/resources/${sheet.id}/versions/1`)).body.html).not.toContain('Synthèse collective');
  const lead = await signIn(server.url, { email: 'sophie.bernard@demo.maillage.fr', password: DEMO_PASSWORD });
  expect((await lead.get(`/api/documents/${sheet.id}`)).body.document).toMatchObject({ status: 'validated', publishedVersion: 2 });
});

it('turns a document published the old way into version 1 of record at the next start, its working text validated', async () => {
  const programme = server!.app.sqlite.prepare<[], { id: string }>(`SELECT id FROM documents WHERE kind = 'reference_programme'`).get()!;
  // The state an older Maillage left: the status said "published", the library read the working text.
  server!.app.sqlite.prepare(`UPDATE documents SET status = 'published' WHERE id = ?`).run(programme.id);
  await server!.close();
  server = await startServer({}, { dataDir });
  const page = await visitor().get(`/api/documents/resources/${programme.id}`);
  expect(page.status).toBe(200);
  expect(page.body.version).toMatchObject({ number: 1, note: LEGACY_NOTE });
  expect(page.body.html).toContain('Bilan éducatif partagé (BEP)');
  const lead = await signIn(server.url, { email: 'sophie.bernard@demo.maillage.fr', password: DEMO_PASSWORD });
  expect((await lead.get(`/api/documents/${programme.id}`)).body.document).toMatchObject({ status: 'validated', publishedVersion: 1 });
});
