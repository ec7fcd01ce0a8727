import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { Server } from '@hocuspocus/server';
import { answerMemoryProbes } from './probe';
import { seedFromEnv } from './seed-documents';

/**
 * Hocuspocus 3, the anchor issue 3 names, with its default configuration (debounce 2 s,
 * maxDebounce 10 s, unloadImmediately) and the persistence shape of its Database/SQLite
 * extensions: load the stored state on first open, store the whole document as one row from
 * `onStoreDocument`. better-sqlite3 stands in for @hocuspocus/extension-sqlite, which needs the
 * native `sqlite3` package. Each store is reported on stdout so the bench can say when it happened.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-hocuspocus-'));
const db = new Database(join(dataDir, 'hocuspocus.sqlite'));
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)');
const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
const upsert = db.prepare('INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data');
// The bench's seeded documents (BENCH_SEED_FILE), stored as this server stores a document.
const seed = seedFromEnv();
const seeded = Array.from({ length: seed?.count ?? 0 }, (_, i) => `programme-${i}`);
db.transaction(() => seeded.forEach((name) => upsert.run(name, Buffer.from(seed!.state))))();

const server = new Server({
  // Only where it listens, and no banner on stdout (the bench reads it); the rest is the default.
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ documentName, document }) {
    const row = select.get(documentName);
    if (row) Y.applyUpdate(document, new Uint8Array(row.data));
  },
  async onStoreDocument({ documentName, document }) {
    const state = Y.encodeStateAsUpdate(document);
    upsert.run(documentName, Buffer.from(state));
    console.log(JSON.stringify({ stored: Date.now(), bytes: state.byteLength }));
  },
});

await server.listen();
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address.port}`, documentId: 'bench', cookie: '', seeded }));
answerMemoryProbes();

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.destroy().finally(() => {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }));
}
