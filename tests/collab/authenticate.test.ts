import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { addToGroup, createGroup, createUser } from '../helpers/factories';
import { cookieOf, createDocument, upgradeStatus } from './collab-clients';
import { documentUpdates } from '../../db/schema/index';

let server: TestServer;
let documentId: string;
let trashedId: string;
let privateDocumentId: string;
let memberCookie: string;
let outsiderCookie: string;

beforeAll(async () => {
  server = await startServer();
  const [member, outsider] = await Promise.all([createUser(server.app), createUser(server.app)]);
  const group = createGroup(server.app, member.id, { visibility: 'platform' });
  const secret = createGroup(server.app, member.id, { visibility: 'private' });
  addToGroup(server.app, group.id, member.id, 'member');
  documentId = createDocument(server.app, group.id, member.id).id;
  trashedId = createDocument(server.app, group.id, member.id, { deletedAt: new Date(), deletedBy: member.id }).id;
  privateDocumentId = createDocument(server.app, secret.id, member.id).id;
  [memberCookie, outsiderCookie] = await Promise.all([cookieOf(server.url, member), cookieOf(server.url, outsider)]);
});

afterAll(async () => {
  await server?.close();
});

describe('the upgrade is checked before anything is loaded', () => {
  it('lets a member in from our own page', async () => {
    expect(await upgradeStatus(server.url, `/collab/${documentId}`, { cookie: memberCookie, origin: server.url })).toBe(101);
  });

  it('refuses without a session', async () => {
    expect(await upgradeStatus(server.url, `/collab/${documentId}`, {})).toBe(401);
    expect(await upgradeStatus(server.url, `/collab/${documentId}`, { cookie: 'maillage_session=forged' })).toBe(401);
  });

  it('refuses a foreign Origin even with a valid cookie', async () => {
    expect(await upgradeStatus(server.url, `/collab/${documentId}`, { cookie: memberCookie, origin: 'https://evil.example' })).toBe(403);
  });

  it('refuses a non-member, and hides a private group’s document', async () => {
    expect(await upgradeStatus(server.url, `/collab/${documentId}`, { cookie: outsiderCookie })).toBe(403);
    expect(await upgradeStatus(server.url, `/collab/${privateDocumentId}`, { cookie: outsiderCookie })).toBe(404);
  });

  it('refuses an unknown or trashed document, and malformed paths', async () => {
    expect(await upgradeStatus(server.url, '/collab/00000000-0000-0000-0000-000000000000', { cookie: memberCookie })).toBe(404);
    expect(await upgradeStatus(server.url, `/collab/${trashedId}`, { cookie: memberCookie })).toBe(404);
    expect(await upgradeStatus(server.url, '/collab/../etc/passwd', { cookie: memberCookie })).toBe(404);
    expect(server.app.db.select().from(documentUpdates).all()).toEqual([]);
  });
});
