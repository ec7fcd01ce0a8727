import { afterAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { startServer } from '../../helpers/server';
import { HttpClient, signIn } from '../../helpers/http';
import { buildServerCopy, removeBuild, startBuiltServer } from '../../helpers/built-server';
import { connect, synced, waitFor } from '../../collab/collab-clients';
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

it('runs from the build with plain node: health, the client, a document opened and rendered by worker threads, kept across a restart', async () => {
  const outDir = buildServerCopy();
  dirs.push(outDir);
  const dataDir = tempDir();
  const first = await startBuiltServer(outDir, { DATA_DIR: dataDir });
  // Measured, never asserted: the machine is shared.
  console.log(`built server ready in ${first.startupMs} ms (demo region loaded)`);
  const visitor = new HttpClient(first.url);
  expect((await visitor.get('/api/health')).body).toEqual({ status: 'ok', database: 'ok' });

  const page = await visitor.get<string>('/groupes');
  expect(page.status).toBe(200);
  expect(page.body).toContain('<div id="app">');
  const script = /<script type="module" crossorigin src="([^"]+)"/.exec(page.body)![1];
  const asset = await visitor.get(script);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('content-type')).toContain('javascript');

  // The published resource's page is rendered by the render pool (render.tasks.js).
  const { resources } = (await visitor.get('/api/documents/resources')).body;
  const sheet = resources.find((r: { title: string }) => r.title.startsWith('Fiche outil'));
  const resource = await visitor.get(`/api/documents/resources/${sheet.id}`);
  expect(resource.status).toBe(200);
  expect(resource.body.html).toContain('Photolangage');

  // Opening it live loads it in the collab pool (collab.tasks.js); an edit is kept after a graceful stop.
  const lead = await signIn(first.url, { email: 'sophie.bernard@demo.maillage.fr', password: DEMO_PASSWORD });
  const editor = connect(first.url, sheet.id, lead.cookie, { origin: first.url });
  const reader = connect(first.url, sheet.id, lead.cookie, { origin: first.url });
  await Promise.all([synced(editor), synced(reader)]);
  expect(editor.text()).toContain('Photolangage');
  editor.type(' Relu après la mise en production.');
  // Written to the update log before it is broadcast: once the reader has it, it is stored.
  await waitFor(() => reader.text().includes('Relu après la mise en production.'), 'the edit to reach the reader');
  editor.destroy();
  reader.destroy();
  expect(await first.stop()).toBe(0);

  const second = await startBuiltServer(outDir, { DATA_DIR: dataDir });
  console.log(`built server ready in ${second.startupMs} ms (existing database)`);
  expect(second.output()).not.toContain('Contenu de démonstration chargé');
  const again = connect(second.url, sheet.id, (await signIn(second.url, { email: 'sophie.bernard@demo.maillage.fr', password: DEMO_PASSWORD })).cookie, { origin: second.url });
  await synced(again);
  expect(again.text()).toContain('Relu après la mise en production.');
  again.destroy();
  expect(await second.stop()).toBe(0);
  removeBuild(outDir);
}, 180_000);

it('npm start builds when the build is missing or older than the sources, and only then', () => {
  // A project of its own: the real start script, a build that records its runs, a server that says it ran.
  const project = tempDir();
  for (const dir of ['scripts', 'server', 'client']) mkdirSync(join(project, dir));
  copyFileSync(join(process.cwd(), 'scripts/start.mjs'), join(project, 'scripts/start.mjs'));
  writeFileSync(join(project, 'server/main.ts'), 'export {};\n');
  writeFileSync(join(project, 'scripts/build.mjs'), `
    import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
    if (process.env.BUILD_FAILS) process.exit(3);
    mkdirSync('dist/server', { recursive: true });
    writeFileSync('dist/server/main.js', 'console.log("server ran")');
    appendFileSync('builds.log', 'built\\n');
    writeFileSync('dist/build-stamp.json', '{}');
  `);
  const start = (env: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [join(project, 'scripts/start.mjs')], { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
    return { status: run.status, output: run.stdout + run.stderr };
  };

  const first = start();
  expect(first.output).toContain('Construction (aucune construction)');
  expect(first.output).toContain('server ran');
  const second = start();
  expect(second.output).not.toContain('Construction');
  expect(second.output).toContain('server ran');

  const later = new Date(Date.now() + 60_000);
  utimesSync(join(project, 'server/main.ts'), later, later);
  expect(start().output).toContain('Construction (server a changé)');

  utimesSync(join(project, 'client'), new Date(Date.now() + 120_000), new Date(Date.now() + 120_000));
  const failed = start({ BUILD_FAILS: '1' });
  expect(failed.status).toBe(3);
  expect(failed.output).not.toContain('server ran');
  expect(readFileSync(join(project, 'builds.log'), 'utf8')).toBe('built\nbuilt\n');
});
