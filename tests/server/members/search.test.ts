import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.close(); });

it('searches the directory for the characters typed, LIKE wildcards included', async () => {
  const me = await createUser(server.app, { name: 'Claire Martin' });
  const full = await createUser(server.app, { name: 'Nadia Benali' });
  const other = await createUser(server.app, { name: 'Thomas Roux' });
  server.app.db.update(users).set({ profession: 'Infirmière ETP à 100%' }).where(eq(users.id, full.id)).run();
  server.app.db.update(users).set({ profession: 'Infirmière ETP à 1000 patients/an' }).where(eq(users.id, other.id)).run();
  const http = await signIn(server.url, me);

  const percent = await http.get(`/api/members?q=${encodeURIComponent('100%')}`);
  expect(percent.body.members.map((m: { name: string }) => m.name)).toEqual(['Nadia Benali']);
  const underscore = await http.get(`/api/members?q=${encodeURIComponent('Inf_rmi')}`);
  expect(underscore.body.members).toEqual([]);
  const both = await http.get(`/api/members?q=${encodeURIComponent('infirmière etp')}`);
  expect(both.body.members.map((m: { name: string }) => m.name).sort()).toEqual(['Nadia Benali', 'Thomas Roux']);
});
