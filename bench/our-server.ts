import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app';
import { configFromEnv } from '../server/core/config';
import { documents, groupMembers, groups, organisations, users } from '../db/schema/index';

/** Maillage as it runs in production (durable SQLite log, auth), on a throwaway data dir. */
const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir, DEMO: '0' }), clientDir: null, logLevel: 'warn', port: 0 });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const org = app.db.insert(organisations).values({ name: 'Banc d’essai', type: 'etablissement_sante', departement: '69' }).returning().get();
const user = app.db.insert(users).values({ email: 'bench@example.org', name: 'Banc', role: 'member', organisationId: org.id, passwordHash: 'unused' }).returning().get();
const group = app.db.insert(groups).values({ name: 'Banc', visibility: 'platform', createdBy: user.id }).returning().get();
app.db.insert(groupMembers).values({ groupId: group.id, userId: user.id, role: 'member' }).run();
const document = app.db.insert(documents).values({ groupId: group.id, title: 'Banc', kind: 'blank', createdBy: user.id }).returning().get();
const cookie = `maillage_session=${app.sessions.create(user.id).token}`;
console.log(JSON.stringify({ url, documentId: document.id, cookie }));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }));
}
