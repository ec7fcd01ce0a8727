import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { startServer } from '../../helpers/server';
import { signIn } from '../../helpers/http';
import { organisations, threadMessages, users } from '../../../db/schema/index';
import { renderMarkdown } from '../../../server/features/threads/markdown';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-start-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

it('creates the ADMIN_EMAIL coordinator once, and keeps their own password on the next start', async () => {
  const dataDir = tempDir();
  const admin = { email: 'Coordination@Example.org', password: 'mot de passe initial' };
  const first = await startServer({ admin }, { dataDir });
  const client = await signIn(first.url, { email: 'coordination@example.org', password: admin.password });
  expect((await client.get('/api/auth/me')).body.user).toMatchObject({ role: 'coordinator', organisationName: 'Plateforme régionale ETP' });
  await first.close();

  const second = await startServer({ admin: { email: admin.email, password: 'un autre mot de passe' } }, { dataDir });
  expect(second.app.db.select({ n: count() }).from(users).where(eq(users.email, 'coordination@example.org')).get()?.n).toBe(1);
  await signIn(second.url, { email: 'coordination@example.org', password: admin.password });
  await second.close();
});

it('fills an empty database with the demo region once, and never again', async () => {
  const dataDir = tempDir();
  const first = await startServer({ demo: true }, { dataDir });
  expect(first.app.demoSignIn?.password).toBe(DEMO_PASSWORD);
  const demo = first.app.demoSignIn!.accounts.find((a) => a.email === 'claire.martin@demo.maillage.fr')!;
  const client = await signIn(first.url, { email: demo.email, password: DEMO_PASSWORD });
  expect((await client.get('/api/auth/me')).body.user.role).toBe('coordinator');
  const counts = (app: typeof first.app) => ({
    users: app.db.select({ n: count() }).from(users).get()?.n,
    organisations: app.db.select({ n: count() }).from(organisations).get()?.n,
  });
  const before = counts(first.app);
  expect(before.users).toBeGreaterThan(3);
  // Demo messages read as if posted: their HTML is what the server's renderer makes of them.
  const messages = first.app.db.select({ source: threadMessages.source, html: threadMessages.html }).from(threadMessages).all();
  expect(messages.length).toBeGreaterThan(5);
  for (const m of messages) expect(m.html).toBe(renderMarkdown(m.source));
  await first.close();

  const second = await startServer({ demo: true }, { dataDir });
  expect(second.app.demoSignIn).toBeNull();
  expect(counts(second.app)).toEqual(before);
  await second.close();

  const off = await startServer({ demo: false });
  expect(off.app.demoSignIn).toBeNull();
  expect(counts(off.app).users).toBe(0);
  await off.close();
});
