import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../helpers/factories';
import { documentUpdates } from '../../db/schema/index';
import { applyClientUpdate } from '../../server/features/documents/collab/apply';
import { ServerOrigin } from '../../server/features/documents/collab/room';
import { barrier, connect, cookieOf, createDocument, synced, waitFor, type CollabClient } from './collab-clients';

let server: TestServer;
let documentId: string;
let member: TestUser;
let observer: TestUser;
let memberCookie: string;
let observerCookie: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
  [member, observer] = await Promise.all([createUser(server.app), createUser(server.app)]);
  const group = createGroup(server.app, member.id);
  addToGroup(server.app, group.id, member.id, 'member');
  addToGroup(server.app, group.id, observer.id, 'observer');
  documentId = createDocument(server.app, group.id, member.id).id;
  [memberCookie, observerCookie] = await Promise.all([cookieOf(server.url, member), cookieOf(server.url, observer)]);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

describe('read-only connections', () => {
  it('an observer sees changes live but its updates are refused and not stored', async () => {
    const writer = connect(server.url, documentId, memberCookie);
    const reader = connect(server.url, documentId, observerCookie);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    writer.type('Séance collective');
    await waitFor(() => reader.text() === 'Séance collective', 'the observer sees the text live');

    reader.type(' — ajout interdit');
    await barrier(reader, writer);
    writer.type(' n°1');
    await waitFor(() => reader.text().includes('n°1'), 'a later change reaches the observer');
    expect(writer.text()).toBe('Séance collective n°1');
    const rows = server.app.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.userId === member.id)).toBe(true);
  });

  it('refuses a sync step 2 that carries content (edits made offline by an observer)', async () => {
    const writer = clients[0];
    const offline = connect(server.url, documentId, observerCookie);
    offline.provider.disconnect();
    offline.type('Texte hors ligne');
    clients.push(offline);
    offline.provider.connect();
    await synced(offline);
    await barrier(offline, writer);
    expect(writer.text()).not.toContain('Texte hors ligne');
    // A client already up to date answers with a sync step 2 that adds nothing: it stays connected.
    expect(offline.provider.wsconnected).toBe(true);
    const rows = server.app.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all();
    expect(rows.every((r) => r.userId === member.id)).toBe(true);
  });

  it('lets a member’s offline edits in on reconnect', async () => {
    const writer = clients[0];
    const returning = connect(server.url, documentId, memberCookie);
    clients.push(returning);
    await synced(returning);
    returning.provider.disconnect();
    returning.type(' (relu hors ligne)');
    returning.provider.connect();
    await waitFor(() => writer.text().endsWith('(relu hors ligne)'), 'offline edit merged');
  });
});

describe('applyClientUpdate', () => {
  const origin = new ServerOrigin(null);
  const withText = (text: string) => {
    const doc = new Y.Doc();
    doc.getXmlFragment('default').insert(0, [new Y.XmlText(text)]);
    return doc;
  };
  const options = { readOnly: true, storedBytes: 0, maxDocumentBytes: 1024 * 1024 };

  it('lets a read-only client resend what the server has, and nothing more (no insert, no deletion)', () => {
    const server = withText('Bilan éducatif partagé');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(applyClientUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), origin, options)).toBe('unchanged');

    const before = Y.encodeStateVector(client);
    (client.getXmlFragment('default').get(0) as Y.XmlText).delete(0, 5);
    expect(applyClientUpdate(server, Y.encodeStateAsUpdate(client, before), origin, options)).toBe('refused');
    client.getXmlFragment('default').insert(0, [new Y.XmlText('ajout')]);
    expect(applyClientUpdate(server, Y.encodeStateAsUpdate(client), origin, options)).toBe('refused');
    expect(server.getXmlFragment('default').toString()).toBe('Bilan éducatif partagé');
  });

  it('refuses what would make the document too large, and garbage', () => {
    const server = new Y.Doc();
    const update = Y.encodeStateAsUpdate(withText('x'.repeat(2000)));
    expect(applyClientUpdate(server, update, origin, { readOnly: false, storedBytes: 0, maxDocumentBytes: 1000 })).toBe('too-large');
    expect(applyClientUpdate(server, new Uint8Array([5, 200, 1, 3]), origin, { ...options, readOnly: false })).toBe('malformed');
    expect(applyClientUpdate(server, update, origin, { ...options, readOnly: false })).toBe('applied');
    expect(server.getXmlFragment('default').toString()).toBe('x'.repeat(2000));
  });
});
