import * as Y from 'yjs';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentSnapshots, documentUpdates } from '../../db/schema/index';
import { openDatabase } from '../../db/client';
import { createStore } from '../../server/features/documents/collab/store';
import { startCollab, type CollabHarness } from './harness';
import { connect, synced, waitFor, type CollabClient } from './collab-clients';

let h: CollabHarness;
const clients: CollabClient[] = [];

beforeAll(async () => {
  h = await startCollab({ unloadDelayMs: 30 });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await h?.close();
});

const open = async (documentId: string, cookie: string) => {
  const client = connect(h.url, documentId, cookie);
  clients.push(client);
  await synced(client);
  return client;
};
const logRows = (documentId: string) => h.app.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all();
const snapshot = (documentId: string) => h.app.db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId)).get();

describe('load and unload', () => {
  it('unloads a document shortly after its last client leaves, compacting it; the next client gets it all', async () => {
    const { documentId, cookie } = await h.seed();
    const first = await open(documentId, cookie);
    first.type('Évaluation quadriennale');
    await waitFor(() => logRows(documentId).length > 0, 'typed text stored');
    first.destroy();
    await waitFor(() => snapshot(documentId) !== undefined && logRows(documentId).length === 0, 'compacted at unload');
    const second = await open(documentId, cookie);
    await waitFor(() => second.text() === 'Évaluation quadriennale', 'state served from the snapshot');
  });

  it('never serves a document whose stored data cannot be read, and never overwrites it', async () => {
    const { documentId, cookie, userId } = await h.seed();
    h.app.db.insert(documentUpdates).values({ documentId, data: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]), userId }).run();
    const client = connect(h.url, documentId, cookie);
    clients.push(client);
    client.type('écrit avant le chargement');
    await waitFor(() => client.closes.length > 0, 'closed');
    expect(client.closes[0]).toEqual({ code: 1011, reason: 'Le document ne peut pas être chargé.' });
    await expect(h.collab.applyServerChange(documentId, (doc) => doc.getXmlFragment('default').push([new Y.XmlText('x')]))).rejects.toThrow();
    client.destroy();
    expect(logRows(documentId).map((r) => [...r.data])).toEqual([[0xde, 0xad, 0xbe, 0xef, 0x01]]);
    expect(snapshot(documentId)).toBeUndefined();
  });

  it('applies a server change to a document nobody has open, then unloads it', async () => {
    const { documentId, cookie } = await h.seed();
    await h.collab.applyServerChange(documentId, (doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Modèle : fiche outil')]);
      doc.getXmlFragment('default').push([paragraph]);
    });
    expect(logRows(documentId).length + (snapshot(documentId) ? 1 : 0)).toBeGreaterThan(0);
    await waitFor(() => snapshot(documentId) !== undefined, 'unloaded and compacted');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await h.collab.encodeState(documentId));
    expect(doc.getXmlFragment('default').toString()).toBe('<paragraph>Modèle : fiche outil</paragraph>');
    const client = await open(documentId, cookie);
    await waitFor(() => client.doc.getXmlFragment('default').toString() === '<paragraph>Modèle : fiche outil</paragraph>', 'served');
  });

  it('closeDocument closes every connection with the reason given', async () => {
    const { documentId, cookie } = await h.seed();
    const client = await open(documentId, cookie);
    await h.collab.closeDocument(documentId, 'Document mis à la corbeille.');
    await waitFor(() => client.closes.length > 0, 'closed');
    expect(client.closes[0]).toEqual({ code: 4404, reason: 'Document mis à la corbeille.' });
  });
});

describe('dead connections', () => {
  it('cuts a connection that stops answering pings, and keeps the ones that do', async () => {
    const other = await startCollab({ pingIntervalMs: 150 });
    try {
      const { documentId, cookie } = await other.seed();
      const healthy = connect(other.url, documentId, cookie);
      clients.push(healthy);
      await synced(healthy);
      const silent = new WebSocket(`${other.url.replace('http', 'ws')}/collab/${documentId}`, { headers: { cookie }, autoPong: false });
      const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
      expect(await closed).toBe(1006);
      expect(healthy.provider.wsconnected).toBe(true);
      expect(healthy.closes).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('shutdown', () => {
  it('finishes writing and closes connections with a reason', async () => {
    const other = await startCollab({ unloadDelayMs: 60_000 });
    try {
      const { documentId, cookie } = await other.seed();
      const client = connect(other.url, documentId, cookie);
      clients.push(client);
      await synced(client);
      client.type('Dernière phrase avant l’arrêt');
      await waitFor(() => logRows2(other, documentId) > 0, 'written');
      await other.app.close();
      await waitFor(() => client.closes.length > 0, 'closed');
      expect(client.closes[0]).toEqual({ code: 1001, reason: 'Le serveur redémarre.' });
      const { sqlite } = openDatabase(other.dataDir);
      const stored = createStore(sqlite).read(documentId);
      sqlite.close();
      expect(stored.updates).toHaveLength(0);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.snapshot!);
      expect(doc.getXmlFragment('default').toString()).toContain('Dernière phrase avant l’arrêt');
    } finally {
      await other.close().catch(() => undefined);
    }
  });

  it('tells a client whose document was still loading that the server restarts, and logs no broken document', async () => {
    const other = await startCollab();
    try {
      const { documentId, cookie } = await other.seed();
      const errors = vi.spyOn(other.app.log, 'error');
      const client = connect(other.url, documentId, cookie, { maxBackoffTime: 60_000 });
      clients.push(client);
      // Accepted at once; the document loads in a worker that is not started yet (warmWorkers: false).
      await waitFor(() => client.provider.wsconnected, 'connected');
      expect(client.provider.synced).toBe(false);
      await other.app.close();
      await waitFor(() => client.closes.length > 0, 'closed');
      expect(client.closes[0]).toEqual({ code: 1001, reason: 'Le serveur redémarre.' });
      expect(errors.mock.calls.map((call) => call[1])).not.toContain('collab: document could not be loaded');
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});

const logRows2 = (harness: CollabHarness, documentId: string) =>
  harness.app.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all().length;
