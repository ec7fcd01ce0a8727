import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { launchBrowser, newContext, watchPageErrors } from '../../helpers/browser';

// The server refuses any update outside the editor schema (issue 8). What a person does with the
// real editor must never be refused, and when the document is full the editor must say so.
vi.setConfig({ testTimeout: 120_000 });
const POLL = { timeout: 20_000, interval: 200 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function setUp(server: TestServer, kind = 'blank'): Promise<{ user: TestUser; api: HttpClient; documentId: string }> {
  const user = await createUser(server.app, { name: 'Alice Lambert' });
  const groupId = createGroup(server.app, user.id, { name: 'Lombalgie chronique' }).id;
  addToGroup(server.app, groupId, user.id, 'lead');
  const api = await signIn(server.url, user);
  const documentId = (await api.post('/api/documents', { groupId, title: 'Fiche outil', kind })).body.document.id as string;
  return { user, api, documentId };
}

async function open(server: TestServer, api: HttpClient, documentId: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser, server.url);
  const jar = api.cookie.split('; ').map((pair) => pair.split('='));
  await context.addCookies(jar.map(([name, value]) => ({ name, value, url: server.url })));
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`/documents/${documentId}`);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  return { page, errors };
}

describe('the schema check and the real editor', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({}, { withClient: true });
  });
  afterAll(async () => server?.close());

  it('accepts everything a person writes with the editor: headings, marks, lists, tasks, quotes, code, links, tables', async () => {
    const { api, documentId } = await setUp(server, 'benchmark_grid');
    const { page, errors } = await open(server, api, documentId);
    const editor = page.locator('.ProseMirror');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const k = page.keyboard;
    await k.type('## Objectifs partagés');
    await k.press('Enter');
    await k.type('Texte en ');
    await k.press('Control+b');
    await k.type('gras');
    await k.press('Control+b');
    await k.type(' et ');
    await k.press('Control+i');
    await k.type('italique');
    await k.press('Control+i');
    await k.type(', voir https://www.has-sante.fr ');
    await k.press('Enter');
    await k.type('- premier point');
    await k.press('Enter');
    await k.press('Tab');
    await k.type('sous-point');
    await k.press('Enter');
    await k.press('Enter');
    await k.press('Enter');
    await k.type('1. étape');
    await k.press('Enter');
    await k.press('Enter');
    await k.type('[ ] tâche à faire');
    await k.press('Enter');
    await k.press('Enter');
    await k.type('> citation du groupe');
    await k.press('Enter');
    await k.press('Enter');
    await k.type('```js ');
    await k.type('const seances = 4;');
    // The benchmark grid's table: typing in a cell.
    await page.locator('.ProseMirror td').first().click();
    await k.type(' (relu)');
    await k.press('Shift+Enter');
    await k.type('nouvelle ligne');

    await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
    expect(await page.getByRole('alert').filter({ hasText: /refusé|taille maximale/ }).count()).toBe(0);
    const html = (await api.get(`/api/documents/${documentId}/content`)).body.html as string;
    for (const piece of ['<h2>Objectifs partagés</h2>', '<strong>gras</strong>', '<em>italique</em>', 'href="https://www.has-sante.fr"',
      'sous-point', 'étape', 'tâche à faire', 'citation du groupe', 'const seances = 4;', '(relu)', 'nouvelle ligne']) {
      expect(html).toContain(piece);
    }
    expect(errors).toEqual([]);
  });
});

describe('a document that reached its size', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ collab: { maxItemsPerDocument: 60 } }, { withClient: true });
  });
  afterAll(async () => server?.close());

  it('says so, keeps what was saved, and reloads the saved version on request', async () => {
    const { api, documentId } = await setUp(server);
    const { page } = await open(server, api, documentId);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Première phrase enregistrée.');
    await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
    const alert = page.getByRole('alert').filter({ hasText: 'taille maximale' });
    for (let i = 0; i < 40 && (await alert.count()) === 0; i++) {
      await page.keyboard.press('Enter');
      await page.keyboard.type(`Ligne ${i}`);
    }
    await alert.waitFor({ state: 'visible', timeout: 20_000 });
    // Typing far down the page, the person still sees why their changes stopped (sticky bar).
    for (const [width, height] of [[1366, 800], [360, 740]]) {
      await page.setViewportSize({ width, height });
      await page.keyboard.press('Control+End');
      const box = await alert.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(height);
      await page.screenshot({ path: `/tmp/shots-issue8/document-full-${width}.png` });
    }
    await page.getByRole('button', { name: 'Recharger la version enregistrée' }).click();
    await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
    const text = await page.locator('.ProseMirror').innerText();
    expect(text).toContain('Première phrase enregistrée.');
    const stored = (await api.get(`/api/documents/${documentId}/content`)).body.html as string;
    // What the browser shows after the reload is what the server holds, nothing more.
    expect(text.replace(/\s+/g, ' ').trim()).toBe(stored.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
  });
});
