import * as Y from 'yjs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { addToGroup, createGroup, createUser, type TestUser } from '../helpers/factories';
import { connect, cookieOf, createDocument, synced, waitFor, type CollabClient } from './collab-clients';
import { createStore } from '../../server/features/documents/collab/store';

const dataDir = mkdtempSync(join(tmpdir(), 'maillage-crash-'));
let port: number;
let url: string;
let child: ChildProcess | null = null;
let documentId: string;
let people: TestUser[];
const clients: CollabClient[] = [];

const freePort = () => new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = probe.address() as { port: number };
    probe.close(() => resolve(p));
  });
});

/**
 * The real server as production runs it, in its own process, so SIGKILL is a real crash.
 * (Node with tsx's loader rather than the tsx CLI, which would put a wrapper process in between.)
 */
async function startProcess(): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO: '0', CLIENT_DIR: '/nonexistent', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Generous: on a busy CI machine, loading the whole app through tsx takes a while.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (up) return;
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const killed = () => new Promise<void>((resolve) => {
  child!.once('exit', () => resolve());
  child!.kill('SIGKILL');
});

/** What the database holds, read the way the server loads it. */
function storedDoc(): Y.Doc {
  const { sqlite } = openDatabase(dataDir);
  try {
    const stored = createStore(sqlite).read(documentId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return doc;
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const { db, sqlite } = openDatabase(dataDir);
  runMigrations(db);
  const app = { db } as FastifyInstance;
  people = [await createUser(app), await createUser(app)];
  const group = createGroup(app, people[0].id);
  for (const p of people) addToGroup(app, group.id, p.id, 'member');
  documentId = createDocument(app, group.id, people[0].id).id;
  sqlite.close();
  await startProcess();
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  if (child && child.exitCode === null) await killed();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash loses nothing anyone has seen', () => {
  it('after SIGKILL while two people type, every update a client received is stored; on restart they converge', async () => {
    const cookies = await Promise.all(people.map((p) => cookieOf(url, p)));
    const [alice, bruno] = cookies.map((c) => connect(url, documentId, c));
    clients.push(alice, bruno);
    await Promise.all([synced(alice), synced(bruno)]);

    const typing = [alice, bruno].map((client, i) => setInterval(() => client.type(i ? 'b' : 'a'), 2));
    await waitFor(() => alice.text().includes('b') && bruno.text().includes('a'), 'both see each other type');
    await new Promise((r) => setTimeout(r, 200));
    await killed();
    for (const t of typing) clearInterval(t);
    await waitFor(() => !alice.provider.wsconnected && !bruno.provider.wsconnected, 'clients see the crash');

    const stored = Y.encodeStateVector(storedDoc());
    const storedClocks = Y.decodeStateVector(stored);
    for (const [reader, writer] of [[alice, bruno], [bruno, alice]]) {
      const seen = Y.decodeStateVector(Y.encodeStateVector(reader.doc)).get(writer.doc.clientID) ?? 0;
      expect(seen).toBeGreaterThan(0);
      expect(storedClocks.get(writer.doc.clientID) ?? 0).toBeGreaterThanOrEqual(seen);
    }

    await startProcess();
    await waitFor(() => alice.provider.synced && bruno.provider.synced && alice.text() === bruno.text(), 'clients reconnect and converge', 20_000);
    await waitFor(() => storedDoc().getXmlFragment('default').length > 0
      && Y.encodeStateVector(storedDoc()).toString() === Y.encodeStateVector(alice.doc).toString(), 'everything typed is stored');
    expect(alice.text()).toMatch(/^[ab\n]+$/);
  }, 120_000);
});
