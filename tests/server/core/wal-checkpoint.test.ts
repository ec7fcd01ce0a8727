import { afterAll, beforeAll, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { databaseFile } from '../../../db/client';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.close(); });

it('folds written pages into the database file off the event loop, with no checkpoint in the commits', async () => {
  const file = databaseFile(server.dataDir);
  const before = statSync(file).size;
  // About 3 MB in one write: well under the main connection's own threshold (10,000 pages),
  // so only the background checkpointer can move it out of the WAL into the database file.
  server.app.sqlite.exec('CREATE TABLE bulk (data BLOB)');
  const insert = server.app.sqlite.prepare('INSERT INTO bulk VALUES (?)');
  server.app.sqlite.transaction(() => { for (let i = 0; i < 750; i += 1) insert.run(Buffer.alloc(4096, i % 251)); })();
  expect(statSync(file).size).toBeLessThan(before + 1_000_000);
  await expect.poll(() => statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(before + 3_000_000);
  expect(server.app.sqlite.prepare('SELECT count(*) AS n FROM bulk').get()).toEqual({ n: 750 });
});
