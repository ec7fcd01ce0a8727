import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentVersions } from '../../../db/schema/index';
import { WRITE_RATES } from '../../../shared/limits';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import type { VersionKind } from '../../../shared/documents.schema';

// Small quotas so a test fills them; the rules are those of VERSION_QUOTAS.
const KIB = 1024;
const quotas = { namedPerDocument: 2, automaticPerDocument: 3, bytesPerDocument: 96 * KIB };

let server: TestServer;
let groupId: string;
const people = {} as Record<'lead' | 'member' | 'colleague' | 'outsider', TestUser>;
const as = {} as Record<keyof typeof people, HttpClient>;

beforeAll(async () => {
  server = await startServer({ quotas: { versions: quotas } });
  for (const key of ['lead', 'member', 'colleague', 'outsider'] as const) people[key] = await createUser(server.app);
  groupId = createGroup(server.app, people.lead.id, { visibility: 'private' }).id;
  addToGroup(server.app, groupId, people.lead.id, 'lead');
  addToGroup(server.app, groupId, people.member.id, 'member');
  addToGroup(server.app, groupId, people.colleague.id, 'member');
  for (const key of Object.keys(people) as Array<keyof typeof people>) as[key] = await signIn(server.url, people[key]);
});
afterAll(() => server?.close());

async function newDocument(title: string): Promise<string> {
  const res = await as.lead.post('/api/documents', { groupId, title, kind: 'blank' });
  expect(res.status).toBe(201);
  return res.body.document.id;
}
const versionsOf = async (documentId: string) => (await as.member.get(`/api/documents/${documentId}/versions`)).body.versions as Array<{ id: string; kind: string; name: string | null }>;
/** An automatic version as the scheduler would leave it, of a given size and age. */
const storeAutomatic = (documentId: string, bytes: number, hoursAgo: number, kind: VersionKind = 'auto', name: string | null = null) =>
  server.app.db.insert(documentVersions).values({ documentId, kind, name, state: Buffer.alloc(bytes, 1), createdAt: new Date(Date.now() - hoursAgo * 3600_000) })
    .returning({ id: documentVersions.id }).get().id;

describe('named versions', () => {
  it('are capped per document; the lead deletes old ones to make room, others may not', async () => {
    const documentId = await newDocument('Référentiel');
    for (const name of ['Avant relecture', 'Après relecture']) expect((await as.member.post(`/api/documents/${documentId}/versions`, { name })).status).toBe(201);
    const full = await as.member.post(`/api/documents/${documentId}/versions`, { name: 'Version finale' });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('version_quota');
    expect(full.body.message).toMatch(/déjà 2 versions nommées.*supprimer d'anciennes versions/);

    const [newest] = await versionsOf(documentId);
    expect((await as.member.delete(`/api/documents/${documentId}/versions/${newest.id}`)).status).toBe(403);
    expect((await as.outsider.delete(`/api/documents/${documentId}/versions/${newest.id}`)).status).toBe(404);
    expect((await as.lead.delete(`/api/documents/${documentId}/versions/${newest.id}`)).status).toBe(200);
    expect((await as.member.post(`/api/documents/${documentId}/versions`, { name: 'Version finale' })).status).toBe(201);
    expect((await versionsOf(documentId)).map((v) => v.name)).toEqual(['Version finale', 'Avant relecture']);
  });
});

describe('the history’s size', () => {
  it('makes room by dropping the oldest automatic versions, never a named one', async () => {
    const documentId = await newDocument('Grille d’évaluation');
    const oldest = storeAutomatic(documentId, 32 * KIB, 3);
    const middle = storeAutomatic(documentId, 32 * KIB, 2);
    const newest = storeAutomatic(documentId, 32 * KIB, 1);
    // 96 KiB stored: one more named version passes the 96 KiB allowed, so the oldest automatic one goes.
    expect((await as.member.post(`/api/documents/${documentId}/versions`, { name: 'Validée' })).status).toBe(201);
    const ids = (await versionsOf(documentId)).map((v) => v.id);
    expect(ids).not.toContain(oldest);
    expect(ids).toEqual(expect.arrayContaining([middle, newest]));
    expect(ids).toHaveLength(3);
  });

  it('refuses a named version that would not fit even without automatic ones, and deletes nothing', async () => {
    const documentId = await newDocument('Convention de partenariat');
    const automatic = storeAutomatic(documentId, 4 * KIB, 1);
    storeAutomatic(documentId, 96 * KIB, 2, 'named', 'Signée');
    const refused = await as.member.post(`/api/documents/${documentId}/versions`, { name: 'Avenant' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/versions nommées de ce document atteindraient 9[7-9] Ko, au-delà des 96 Ko permis : l'animation du groupe peut supprimer/);
    expect((await versionsOf(documentId)).map((v) => v.id)).toContain(automatic);
  });
});

describe('creating documents', () => {
  it('is limited per account and hour; a colleague on the same address still creates', async () => {
    let created = 0;
    // The lead created three documents above: they count for the lead, not for this member.
    while (created <= WRITE_RATES.documentCreate.max) {
      const { status } = await as.member.post('/api/documents', { groupId, title: `Brouillon ${created}`, kind: 'blank' });
      if (status !== 201) break;
      created += 1;
    }
    expect(created).toBe(WRITE_RATES.documentCreate.max);
    const refused = await as.member.post('/api/documents', { groupId, title: 'Encore un', kind: 'blank' });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/Réessayez dans \d+ minutes\./);
    expect((await as.colleague.post('/api/documents', { groupId, title: 'Le mien', kind: 'blank' })).status).toBe(201);
  });
});
