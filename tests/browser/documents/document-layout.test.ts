import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { connect, synced, waitFor } from '../../collab/collab-clients';
import { expectNoSeriousA11yViolations, watchPageErrors } from '../../helpers/browser';

// The document page's shape: one head, the text on the first screen, the toolbar always in view.
vi.setConfig({ testTimeout: 90_000 });
const POLL = { timeout: 20_000, interval: 200 };
const SIZES = { laptop: { width: 1366, height: 800 }, phone: { width: 360, height: 740 } } as const;

const suite = browserSuite('shell');
let alice: TestUser;
let documentId: string;
let longId: string;
let api: HttpClient;

beforeAll(async () => {
  alice = await createUser(suite.server.app, { name: 'Alice Lambert' });
  const groupId = createGroup(suite.server.app, alice.id, { name: 'Lombalgie chronique' }).id;
  addToGroup(suite.server.app, groupId, alice.id, 'lead');
  api = await signIn(suite.server.url, alice);
  documentId = (await api.post('/api/documents', { groupId, title: 'Programme type lombalgie chronique', kind: 'reference_programme', themes: ['Lombalgie chronique'] })).body.document.id;
  // A long document: eighty paragraphs, written through a real collaboration connection.
  longId = (await api.post('/api/documents', { groupId, title: 'Compte rendu long', kind: 'blank' })).body.document.id;
  const client = connect(suite.server.url, longId, api.cookie);
  await synced(client);
  client.doc.transact(() => {
    const fragment = client.doc.getXmlFragment('default');
    for (let i = 1; i <= 80; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`Paragraphe ${i} du compte rendu de la réunion du groupe.`)]);
      fragment.push([paragraph]);
    }
  });
  await waitFor(() => client.provider.synced && !client.provider.ws?.bufferedAmount, 'sent');
  // Stored once the server has it: read back until the last paragraph is there (each read is a real request).
  for (let i = 0; i < 100 && !((await api.get(`/api/documents/${longId}/content`)).body.html as string).includes('Paragraphe 80'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  client.destroy();
}, 60_000);

async function open(size: keyof typeof SIZES, id: string): Promise<{ page: Page; errors: string[] }> {
  const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: SIZES[size] });
  await context.addCookies(api.cookie.split('; ').map((pair) => {
    const [name, ...value] = pair.split('=');
    return { name, value: value.join('='), url: suite.server.url };
  }));
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`/documents/${id}`);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  return { page, errors };
}

describe('the document page', () => {
  for (const size of ['laptop', 'phone'] as const) {
    it(`starts the text on the first screen, with icon tools that have names (${size})`, async () => {
      const { page, errors } = await open(size, documentId);
      const firstLine = await page.locator('.ProseMirror > *').first().boundingBox();
      expect(firstLine).not.toBeNull();
      expect(firstLine!.y).toBeGreaterThanOrEqual(0);
      expect(firstLine!.y + firstLine!.height).toBeLessThanOrEqual(SIZES[size].height);

      const toolbar = page.getByRole('toolbar', { name: 'Mise en forme' });
      for (const name of ['Annuler', 'Gras', 'Italique', 'Titre 2', 'Liste à puces', 'Liste numérotée', 'Lien', 'Plus de mise en forme']) {
        expect.soft(await toolbar.getByRole('button', { name, exact: true }).count(), name).toBe(1);
      }
      // The toolbar is one row of icons, not a wall of words.
      const bar = await toolbar.boundingBox();
      expect(bar!.height).toBeLessThanOrEqual(48);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${suite.shots}/document-${size}.png` });
      await expectNoSeriousA11yViolations(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it(`keeps the toolbar and the save state in view after scrolling a long document (${size})`, async () => {
      const { page, errors } = await open(size, longId);
      await page.mouse.wheel(0, 2500);
      await expect.poll(() => page.evaluate(() => window.scrollY), POLL).toBeGreaterThan(2000);
      const inView = async (box: { y: number; height: number } | null) => box !== null && box.y >= 0 && box.y + box.height <= SIZES[size].height;
      expect(await inView(await page.getByRole('toolbar', { name: 'Mise en forme' }).boundingBox())).toBe(true);
      expect(await inView(await page.getByTestId('connection-status').boundingBox())).toBe(true);
      // And it is not hidden under the top bar.
      const top = await page.getByRole('banner').boundingBox();
      expect((await page.getByRole('toolbar', { name: 'Mise en forme' }).boundingBox())!.y).toBeGreaterThanOrEqual(top!.y + top!.height - 1);
      // Still usable there: bold applies to the text typed in the scrolled document (a paragraph of its own per size).
      await page.locator('.ProseMirror p', { hasText: `Paragraphe ${size === 'laptop' ? 60 : 70} ` }).click();
      await page.keyboard.press('End');
      // As a person does: the caret is in the text, the bold button shows it is on, then the words.
      await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.ProseMirror')), POLL).toBe(true);
      const bold = page.getByRole('toolbar', { name: 'Mise en forme' }).getByRole('button', { name: 'Gras', exact: true });
      await bold.click();
      await expect.poll(() => bold.getAttribute('aria-pressed'), POLL).toBe('true');
      await page.keyboard.type(` urgent ${size}`);
      // The words, not the leading space: under load the first key can land before the bold is on.
      await expect.poll(async () => (await page.locator('.ProseMirror strong').allTextContents()).join(' '), POLL).toContain(`urgent ${size}`);
      await page.screenshot({ path: `${suite.shots}/document-scrolled-${size}.png` });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('offers the rarer actions in one "…" menu, usable with the keyboard', async () => {
    const { page, errors } = await open('laptop', documentId);
    const menu = page.getByRole('button', { name: 'Actions du document' });
    await menu.focus();
    await page.keyboard.press('Enter');
    const items = page.getByRole('menuitem');
    await expect.poll(() => items.allTextContents(), POLL).toEqual(['Renommer', 'Modifier les thèmes', 'Historique des versions', 'Imprimer', 'Exporter en HTML', 'Exporter en Markdown', 'Exporter en DOCX', 'Exporter en PDF', 'Exporter en HTML avec les commentaires', 'Exporter en Markdown avec les commentaires', 'Mettre à la corbeille']);
    await page.getByRole('menu').waitFor({ state: 'visible' });
    const onScreen = async () => { const box = await page.getByRole('menu').boundingBox(); return box !== null && box.y >= 0 && box.y + box.height <= 800; };
    await expect.poll(onScreen, POLL).toBe(true);
    await page.screenshot({ path: `${suite.shots}/document-menu-laptop.png` });
    await expectNoSeriousA11yViolations(page);
    // Renaming from the menu: the field takes the focus, Escape gives it back to the menu's button.
    await page.getByRole('menuitem', { name: 'Renommer' }).press('Enter');
    const field = page.getByLabel('Titre', { exact: true });
    await expect.poll(() => field.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    await field.fill('Programme type lombalgie (version 2)');
    await field.press('Enter');
    await expect.poll(() => page.locator('h1.document-title').textContent(), POLL).toBe('Programme type lombalgie (version 2)');
    await expect.poll(() => menu.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    // The rarer formatting is in its own menu.
    await page.getByRole('button', { name: 'Plus de mise en forme' }).click();
    await expect.poll(async () => (await page.getByRole('menuitemcheckbox').allTextContents()).map((x) => x.trim()), POLL).toEqual(['Barré', 'Titre 3', 'Liste de tâches']);
    await expect.poll(onScreen, POLL).toBe(true);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('saves an export under the document’s name, and says why when the server refuses one instead of saving the refusal', async () => {
    const { page, errors } = await open('laptop', longId);
    const menu = page.getByRole('button', { name: 'Actions du document' });
    await menu.click();
    // A file that takes a while to make: the page says so until it comes.
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/export?format=md', async (route) => { await held; await route.continue(); });
    const downloaded = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Exporter en Markdown', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Préparation du fichier…' }).count(), POLL).toBe(1);
    release();
    const markdown = await downloaded;
    await page.unroute('**/export?format=md');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Préparation du fichier…' }).count(), POLL).toBe(0);
    expect(markdown.suggestedFilename()).toBe('Compte rendu long.md');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile((await markdown.path())!, 'utf8')).toContain('Paragraphe 80 du compte rendu');

    // Exports are limited per person and per minute: spend the rest of this minute's from another tab.
    for (let status = 200; status === 200;) status = (await api.get(`/api/documents/${longId}/export?format=md`)).status;
    const saved: string[] = [];
    page.on('download', (d) => saved.push(d.suggestedFilename()));
    await menu.click();
    await page.getByRole('menuitem', { name: 'Exporter en PDF', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/^Trop de tentatives\. Réessayez dans \d+ secondes\.$/);
    expect(saved).toEqual([]);
    await page.screenshot({ path: `${suite.shots}/document-export-refused-laptop.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
