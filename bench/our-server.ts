import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../server/app';
import { configFromEnv } from '../server/core/config';
import { hashPassword } from '../server/features/auth/passwords';
import { SCHEMA_FINGERPRINT } from '../server/features/documents/collab/schema-fingerprint';
import { documentSnapshots, documents, groupMembers, groups, organisations, users } from '../db/schema/index';
import { answerMemoryProbes } from './probe';
import { largeDocumentState, seedFromEnv } from './seed-documents';

/**
 * Maillage as it runs in production (durable SQLite log, auth), on a throwaway data dir.
 * BENCH_LARGE_DOCUMENT_MB adds a document of that size (paragraphs of text) for the heavy-work rows;
 * BENCH_SEED_FILE adds BENCH_SEED_DOCUMENTS documents holding that state (memory and first-sync rows).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir, DEMO: '0' }), clientDir: null, logLevel: 'warn', port: 0 });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
app.config.publicUrl = url;

const email = 'bench@example.org';
const password = 'banc-d-essai-2027';
const org = app.db.insert(organisations).values({ name: 'Banc d’essai', type: 'etablissement_sante', departement: '69' }).returning().get();
const user = app.db.insert(users).values({ email, name: 'Banc', role: 'member', organisationId: org.id, passwordHash: await hashPassword(password) }).returning().get();
const group = app.db.insert(groups).values({ name: 'Banc', visibility: 'platform', createdBy: user.id }).returning().get();
app.db.insert(groupMembers).values({ groupId: group.id, userId: user.id, role: 'member' }).run();
const document = app.db.insert(documents).values({ groupId: group.id, title: 'Banc', kind: 'blank', createdBy: user.id }).returning().get();
const cookie = `maillage_session=${app.sessions.create(user.id).token}`;

let largeDocumentId: string | undefined;
const largeMb = Number(process.env.BENCH_LARGE_DOCUMENT_MB ?? 0);
if (largeMb > 0) {
  const large = app.db.insert(documents).values({ groupId: group.id, title: 'Grand document', kind: 'blank', createdBy: user.id }).returning().get();
  app.db.insert(documentSnapshots).values({ documentId: large.id, state: Buffer.from(largeDocumentState(largeMb)), throughUpdateId: 0, updatedAt: new Date(), checkedSchema: SCHEMA_FINGERPRINT }).run();
  largeDocumentId = large.id;
}
// Seeded documents are stored as a snapshot, as a document edited for a while and compacted is:
// the compaction found it valid against the editor schema and marked it so.
const seeded: string[] = [];
const seed = seedFromEnv();
if (seed) {
  app.sqlite.transaction(() => {
    for (let i = 0; i < seed.count; i++) {
      const row = app.db.insert(documents).values({ groupId: group.id, title: `Programme ${i + 1}`, kind: 'blank', createdBy: user.id }).returning().get();
      app.db.insert(documentSnapshots).values({ documentId: row.id, state: Buffer.from(seed.state), throughUpdateId: 0, updatedAt: new Date(), checkedSchema: SCHEMA_FINGERPRINT }).run();
      seeded.push(row.id);
    }
  })();
}
console.log(JSON.stringify({ url, documentId: document.id, cookie, largeDocumentId, email, password, seeded }));
answerMemoryProbes();

// SIGUSR2: print how late the event loop ran since the previous signal, then start again.
// Only where a section reads it (BENCH_LOOP_MONITOR=1): its 5 ms timer wakes the process 200 times a
// second, a cost the servers it is compared with do not pay.
const loop = monitorEventLoopDelay({ resolution: 5 });
if (process.env.BENCH_LOOP_MONITOR === '1') loop.enable();
process.on('SIGUSR2', () => {
  console.log(JSON.stringify({ loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 } }));
  loop.reset();
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }));
}
