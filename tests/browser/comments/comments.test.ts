import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { expectNoSeriousA11yViolations, newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';

// Comments on passages as people use them: a patient association's representative (commenter: she
// reads and comments, never edits) comments a passage; the lead answers from her own browser; the
// first sees it without reloading, resolves it; a passage deleted later leaves the thread in place.
vi.setConfig({ testTimeout: 120_000 });
const POLL = { timeout: 20_000, interval: 200 };
const PASSAGE = 'saura dire, faire ou décider';

const suite = browserSuite('comments');
let lead: TestUser;
let marie: TestUser;
let leadApi: HttpClient;
let documentId: string;
const pages: Record<'marie' | 'lead', { page: Page; errors: string[] }> = {} as never;

async function openAs(user: TestUser, size = { width: 1366, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  await page.setViewportSize(size);
  const errors = watchPageErrors(page);
  await signInThroughPage(page, user.email, user.password);
  await page.goto(`/documents/${documentId}`);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toMatch(/Enregistré|Lecture seule/);
  await expect.poll(() => page.locator('.ProseMirror').textContent(), POLL).toContain(PASSAGE);
  return { page, errors };
}

/** Selects a passage of the text with the mouse's result: a DOM range over those words. */
async function selectText(page: Page, text: string) {
  await page.evaluate((wanted) => {
    const root = document.querySelector('.ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`text not found: ${wanted}`);
  }, text);
}

beforeAll(async () => {
  lead = await createUser(suite.server.app, { name: 'Sophie Bernard' });
  marie = await createUser(suite.server.app, { name: 'Marie Dupont', role: 'association' });
  const groupId = createGroup(suite.server.app, lead.id, { name: 'Lombalgie chronique', visibility: 'public', openToAssociations: true }).id;
  addToGroup(suite.server.app, groupId, lead.id, 'lead');
  addToGroup(suite.server.app, groupId, marie.id, 'commenter');
  leadApi = await signIn(suite.server.url, lead);
  documentId = (await leadApi.post('/api/documents', { groupId, title: 'Fiche outil – Photolangage', kind: 'tool_sheet', themes: [] })).body.document.id;
  expect((await leadApi.get(`/api/documents/${documentId}/content`)).body.html).toContain('Objectifs');
}, 60_000);

describe('comments on passages', () => {
  it('a commenter comments a passage, the lead replies live, the commenter sees it without reloading and resolves the thread', async () => {
    // The template's first paragraph ("Ce que la personne saura dire, faire ou décider…") holds the passage.
    pages.marie = await openAs(marie);
    const { page } = pages.marie;
    // A commenter reads: no formatting tools, the text does not take typing.
    expect(await page.getByRole('toolbar', { name: 'Mise en forme' }).count()).toBe(0);
    await selectText(page, PASSAGE);
    // "Commenter" shows beside the selection; the keyboard shortcut does the same.
    await expect.poll(() => page.getByTestId('comment-bubble').isVisible(), POLL).toBe(true);
    await page.screenshot({ path: `${suite.shots}/comments-selection.png` });
    await page.keyboard.press('Control+Alt+KeyM');
    const panel = page.getByTestId('comments-panel');
    await expect.poll(() => panel.isVisible(), POLL).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), POLL).toBe('comment-new');
    expect(await panel.getByRole('blockquote').first().textContent()).toContain(PASSAGE);
    await page.keyboard.type('Pouvez-vous ajouter un exemple vécu par un patient partenaire ?');
    await panel.getByRole('button', { name: 'Commenter', exact: true }).click();
    const thread = panel.locator('.comment-thread').first();
    await expect.poll(() => thread.textContent(), POLL).toContain('Pouvez-vous ajouter un exemple');
    // The passage is highlighted in the text (a decoration: the shared text is unchanged).
    await expect.poll(() => page.locator('.ProseMirror .comment-anchor--open').allTextContents(), POLL).toEqual([PASSAGE]);

    pages.lead = await openAs(lead);
    const lp = pages.lead.page;
    await lp.getByTestId('comments-toggle').click();
    const leadThread = lp.getByTestId('comments-panel').locator('.comment-thread').first();
    await expect.poll(() => leadThread.textContent(), POLL).toContain('Pouvez-vous ajouter un exemple');
    await expect.poll(() => lp.locator('.ProseMirror .comment-anchor--open').allTextContents(), POLL).toEqual([PASSAGE]);
    // A click on the highlighted passage brings its thread forward.
    expect(await leadThread.getAttribute('class')).not.toContain('comment-thread--active');
    await lp.locator('.ProseMirror .comment-anchor--open').click();
    await expect.poll(() => leadThread.getAttribute('class'), POLL).toContain('comment-thread--active');
    // Opening the thread selects its passage in the text and shows it as the active one.
    await leadThread.getByRole('button', { name: /Aller au passage/ }).click();
    await expect.poll(() => lp.locator('.ProseMirror .comment-anchor--active').allTextContents(), POLL).toEqual([PASSAGE]);
    await expect.poll(() => lp.evaluate(() => window.getSelection()?.toString()), POLL).toBe(PASSAGE);
    await leadThread.getByLabel('Répondre').fill('Bonne idée, je m’en occupe.');
    await leadThread.getByRole('button', { name: 'Répondre', exact: true }).click();

    // Marie sees the reply without reloading.
    await expect.poll(() => thread.textContent(), POLL).toContain('Bonne idée, je m’en occupe.');
    await page.screenshot({ path: `${suite.shots}/comments-laptop.png` });
    await expectNoSeriousA11yViolations(page);

    await thread.getByRole('button', { name: 'Résoudre' }).click();
    await expect.poll(() => page.getByTestId('comments-panel').textContent(), POLL).toContain('Aucun commentaire ouvert');
    await expect.poll(() => lp.getByTestId('comments-panel').locator('.comment-thread').count(), POLL).toBe(0);
    await lp.getByRole('button', { name: 'Résolus' }).click();
    await expect.poll(() => lp.getByTestId('comments-panel').textContent(), POLL).toContain('Résolu par Marie Dupont');
    // The document's menu offers the exports with the comments as an appendix, and the file has them.
    await lp.getByRole('button', { name: 'Actions du document' }).click();
    const link = lp.getByRole('menuitem', { name: 'Exporter en Markdown avec les commentaires' });
    const markdown = (await leadApi.get((await link.getAttribute('href'))!)).body as string;
    expect(markdown).toContain('## Commentaires');
    expect(markdown).toContain('Bonne idée, je m’en occupe.');
    await lp.keyboard.press('Escape');
    expect(pages.marie.errors).toEqual([]);
    expect(pages.lead.errors).toEqual([]);
  });

  it('keeps a thread whose passage the lead deletes, shown as such, and fits a phone', async () => {
    const { page } = pages.marie;
    await page.getByRole('button', { name: 'Résolus' }).click();
    await page.getByTestId('comments-panel').locator('.comment-thread').first().getByRole('button', { name: 'Rouvrir' }).click();
    await page.getByRole('button', { name: 'Ouverts' }).click();
    const lp = pages.lead.page;
    await expect.poll(() => lp.locator('.ProseMirror .comment-anchor--open').count(), POLL).toBe(1);
    // The lead selects the passage in her editor and deletes it.
    await selectText(lp, PASSAGE);
    await lp.locator('.ProseMirror').focus();
    await selectText(lp, PASSAGE);
    await lp.keyboard.press('Delete');
    await expect.poll(() => page.locator('.ProseMirror').textContent(), POLL).not.toContain(PASSAGE);
    await expect.poll(() => page.getByTestId('comments-panel').textContent(), POLL).toContain('Passage supprimé');

    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${suite.shots}/comments-phone.png`, fullPage: false });
    // A sheet over the bottom of the phone's screen, its title in view, the text still visible above it.
    const box = await page.getByTestId('comments-panel').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    expect(box!.y + box!.height).toBeLessThanOrEqual(740 + 1);
    expect(await page.getByRole('heading', { name: 'Commentaires' }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);

    // The lead's reply reached Marie's notifications; its link opens the document on that thread.
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.goto('/notifications');
    const notice = page.locator('.notification').filter({ hasText: 'Sophie Bernard a répondu à un commentaire sur' });
    await expect.poll(() => notice.count(), POLL).toBe(1);
    await notice.getByRole('link', { name: 'Fiche outil – Photolangage' }).click();
    await page.waitForURL((url) => url.pathname === `/documents/${documentId}` && url.searchParams.has('commentaire'));
    await expect.poll(() => page.getByTestId('comments-panel').locator('.comment-thread--active').textContent(), POLL).toContain('Bonne idée, je m’en occupe.');
    expect(pages.marie.errors).toEqual([]);
  });
});
