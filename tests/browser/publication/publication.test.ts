import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { expectNoSeriousA11yViolations, newContext, watchPageErrors } from '../../helpers/browser';

// A lead publishes a tool sheet with a note, goes on writing, reads the changes since the
// publication and publishes version 2; a visitor reads version 2 with its note, then version 1.
vi.setConfig({ testTimeout: 120_000 });
const POLL = { timeout: 20_000, interval: 200 };

const suite = browserSuite('publication');
const { lookAt } = suite;
let lead: TestUser;
let api: HttpClient;
let documentId: string;
let groupId: string;
const TITLE = 'Fiche outil – Photolangage « Ma douleur au quotidien »';

beforeAll(async () => {
  lead = await createUser(suite.server.app, { name: 'Sophie Bernard' });
  groupId = createGroup(suite.server.app, lead.id, { name: 'Lombalgie chronique' }).id;
  addToGroup(suite.server.app, groupId, lead.id, 'lead');
  api = await signIn(suite.server.url, lead);
  documentId = (await api.post('/api/documents', { groupId, title: TITLE, kind: 'tool_sheet' })).body.document.id;
  for (const status of ['in_review', 'validated']) expect((await api.post(`/api/documents/${documentId}/status`, { status })).status).toBe(200);
});

async function publish(page: Page, button: string, note: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog', { name: 'Publier dans les ressources' });
  await dialog.getByLabel('Note de version').fill(note);
  await dialog.getByRole('button', { name: /^Publier la version/ }).click();
  await expect.poll(() => dialog.count(), POLL).toBe(0);
}

describe('versions of record', () => {
  it('a lead publishes with a note, edits, reads the changes since publication, and publishes version 2', async () => {
    const context = await newContext(suite.browser, suite.server.url);
    await context.addCookies(api.cookie.split('; ').map((pair) => pair.split('=')).map(([name, value]) => ({ name, value, url: suite.server.url })));
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`/documents/${documentId}`);
    await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');

    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publier dans les ressources' });
    await expect.poll(() => dialog.getByText("aucune donnée permettant d'identifier un patient", { exact: false }).count(), POLL).toBe(1);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${suite.shots}/publish-dialog-laptop.png` });
    await dialog.getByLabel('Note de version').fill('Première version, testée en séance.');
    await dialog.getByRole('button', { name: 'Publier la version 1' }).click();
    await expect.poll(() => page.getByTestId('publication-bar').textContent(), POLL).toContain('Version publiée 1');

    // Writing goes on in the working text.
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Nouvelle consigne : chacun choisit deux photos.');
    await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
    await lookAt(page, 'document');

    await page.getByRole('link', { name: 'modifications depuis la publication' }).click();
    await page.waitForURL(/\/modifications\?from=published&to=current$/);
    await expect.poll(() => page.getByTestId('diff-summary').textContent(), POLL).toContain('7 mots ajoutés');
    const inserted = page.locator('.diff-text ins');
    expect(await inserted.count()).toBe(1);
    // Read out as words, not only shown in colour.
    expect(await inserted.textContent()).toBe('[début d’insertion] Nouvelle consigne : chacun choisit deux photos. [fin d’insertion]');
    expect(await page.getByLabel('Depuis').locator('option:checked').textContent()).toBe('Version publiée 1');
    await lookAt(page, 'changes');
    // The print view: the same marked text, without the page's controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Comparer' }).isVisible()).toBe(false);
    expect(await inserted.isVisible()).toBe(true);
    await page.screenshot({ path: `${suite.shots}/changes-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: 'Retour au document' }).click();
    await publish(page, 'Publier la version 2', 'Ajout d’une consigne après la séance test.');
    await expect.poll(() => page.getByTestId('publication-bar').textContent(), POLL).toContain('Version publiée 2');

    // The group's list shows both: the working text's status and the version in the library.
    await page.goto(`/groupes/${groupId}`);
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: TITLE }) });
    await expect.poll(() => row.textContent(), POLL).toContain('Publié · v2');
    expect(await row.textContent()).toContain('Validé');
    await page.screenshot({ path: `${suite.shots}/group-laptop.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visitor reads version 2 with its note in the library, then version 1', async () => {
    const context = await newContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/ressources');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: TITLE }) });
    await expect.poll(() => card.textContent(), POLL).toContain('Version 2 · publiée le');
    await lookAt(page, 'library');

    await card.getByRole('link', { name: TITLE }).click();
    const version = page.getByTestId('resource-version');
    await expect.poll(() => version.textContent(), POLL).toContain('Version 2 · publiée le');
    expect(await version.textContent()).toContain('Ajout d’une consigne après la séance test.');
    expect(await page.locator('.prose').textContent()).toContain('Nouvelle consigne : chacun choisit deux photos.');
    await lookAt(page, 'resource');

    const versions = page.getByRole('region', { name: 'Versions publiées' });
    expect(await versions.textContent()).toContain('Première version, testée en séance.');
    await versions.getByRole('link', { name: /^Version 1 ·/ }).click();
    await page.waitForURL(/\/versions\/1$/);
    await expect.poll(() => version.textContent(), POLL).toContain('Vous lisez la version 1');
    expect(await page.locator('.prose').textContent()).not.toContain('Nouvelle consigne');
    await lookAt(page, 'resource-v1');
    // The version on screen, as a PDF to keep or print.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('link', { name: 'Lire la dernière version (version 2)' }).click();
    await expect.poll(() => page.locator('.prose').textContent(), POLL).toContain('Nouvelle consigne');
    expect(errors).toEqual([]);
    await context.close();
  });
});
