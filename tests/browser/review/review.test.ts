import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';

// Three browser contexts on a shared two-core machine: generous limits, polled (never slept).
vi.setConfig({ testTimeout: 120_000 });
const POLL = { timeout: 20_000, interval: 200 };

const suite = browserSuite('review');
// Sign-in is rate-limited per person: each signs in once, then every context reuses the session.
const { apiAs } = suite;
let documentId: string;
const people = {} as Record<'lead' | 'author' | 'bruno' | 'chloe', TestUser>;

beforeAll(async () => {
  people.lead = await createUser(suite.server.app, { name: 'Léa Animatrice' });
  people.author = await createUser(suite.server.app, { name: 'Alain Auteur' });
  people.bruno = await createUser(suite.server.app, { name: 'Bruno Relecteur' });
  people.chloe = await createUser(suite.server.app, { name: 'Chloé Relectrice' });
  const groupId = createGroup(suite.server.app, people.lead.id, { name: 'Asthme de l’enfant' }).id;
  addToGroup(suite.server.app, groupId, people.lead.id, 'lead');
  for (const who of ['author', 'bruno', 'chloe'] as const) addToGroup(suite.server.app, groupId, people[who].id, 'member');
  documentId = (await (await apiAs(people.author)).post('/api/documents', { groupId, title: 'Programme type asthme de l’enfant', kind: 'reference_programme' })).body.document.id;
});

async function openDocument(user: TestUser): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await suite.pageWithSession(user);
  await page.goto(`/documents/${documentId}`);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  return { page, errors };
}

const panel = (page: Page) => page.getByRole('region', { name: 'Relecture', exact: true });
const reviewer = (page: Page, name: string) => panel(page).locator(`[data-reviewer="${name}"]`);

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.screenshot({ path: `${suite.shots}/${name}-1366.png` });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `${suite.shots}/${name}-360.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('review in the browser', () => {
  it('the author sends for review to two people, an approval shows live, a change is flagged to its reviewer, a lead validates', async () => {
    const author = await openDocument(people.author);
    // The panel has its own button in the document's head, used here with the keyboard.
    const toggle = author.page.getByTestId('review-toggle');
    await expect.poll(() => toggle.textContent(), POLL).toContain('Envoyer en relecture');
    await toggle.focus();
    await author.page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded'), POLL).toBe('true');
    await panel(author.page).getByLabel('Bruno Relecteur').check();
    await panel(author.page).getByLabel('Chloé Relectrice').check();
    await panel(author.page).getByLabel('Message aux relecteurs (facultatif)').fill('Merci de relire les séances collectives avant jeudi.');
    await expectNoSeriousA11yViolations(author.page);
    await panel(author.page).getByRole('button', { name: 'Envoyer en relecture' }).click();
    await expect.poll(() => author.page.getByTestId('document-status').textContent(), POLL).toBe('En relecture');
    await expect.poll(() => reviewer(author.page, 'Bruno Relecteur').textContent(), POLL).toContain('En attente');
    await expect.poll(() => toggle.textContent(), POLL).toContain('Relecture : 0 / 2 approbations');

    // Bruno, in his own browser, approves with a note; the author's open panel shows it without a reload.
    const bruno = await openDocument(people.bruno);
    await bruno.page.getByTestId('review-toggle').click();
    await expect.poll(() => panel(bruno.page).textContent(), POLL).toContain('Merci de relire les séances collectives avant jeudi.');
    await panel(bruno.page).getByLabel('Note (requise pour demander des modifications)').fill('Les séances me vont.');
    await panel(bruno.page).getByRole('button', { name: 'Approuver' }).click();
    await expect.poll(() => reviewer(author.page, 'Bruno Relecteur').textContent(), POLL).toContain('A approuvé');
    await expect.poll(() => reviewer(author.page, 'Bruno Relecteur').textContent(), POLL).toContain('Les séances me vont.');
    await expect.poll(() => toggle.textContent(), POLL).toContain('Relecture : 1 / 2 approbations');
    await shoot(author.page, 'review-author-panel');

    // The author adds a line; Bruno, opening his panel again, is told the text changed since his approval.
    await author.page.locator('.ProseMirror').click();
    await author.page.keyboard.press('Control+End');
    await author.page.keyboard.press('Enter');
    await author.page.keyboard.type('Séance 4 ajoutée après relecture.');
    await expect.poll(() => author.page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
    await expect.poll(async () => {
      // Escape closes the panel and gives the focus back to its button, which opens it again.
      await panel(bruno.page).getByRole('button', { name: 'Fermer' }).press('Escape');
      await bruno.page.keyboard.press('Enter');
      return reviewer(bruno.page, 'Bruno Relecteur').textContent();
    }, POLL).toContain('Modifié depuis votre approbation.');
    expect(await reviewer(bruno.page, 'Bruno Relecteur').getByRole('link', { name: 'Voir les modifications' }).getAttribute('href'))
      .toMatch(new RegExp(`^/documents/${documentId}/modifications\\?from=version:[\\w-]+&to=current$`));
    await shoot(bruno.page, 'review-changed-since');

    // Chloé approves too; the lead validates from the panel and everyone's status follows.
    expect((await (await apiAs(people.chloe)).post(`/api/documents/${documentId}/review/decisions`, { decision: 'approved' })).status).toBe(200);
    const lead = await openDocument(people.lead);
    await lead.page.getByTestId('review-toggle').click();
    await expect.poll(() => panel(lead.page).textContent(), POLL).toContain('Toutes les personnes nommées ont approuvé.');
    await expectNoSeriousA11yViolations(lead.page);
    await shoot(lead.page, 'review-lead-validate');
    await panel(lead.page).getByRole('button', { name: 'Valider le document' }).click();
    await expect.poll(() => lead.page.getByTestId('document-status').textContent(), POLL).toBe('Validé');
    await expect.poll(() => author.page.getByTestId('document-status').textContent(), POLL).toBe('Validé');
    await expect.poll(() => panel(author.page).getByTestId('review-state').textContent(), POLL).toBe('Validée');
    for (const p of [author, bruno, lead]) expect(p.errors).toEqual([]);
    await Promise.all([author, bruno, lead].map((p) => p.page.context().close()));
  });

  it('downloads the document as a PDF from the export menu', async () => {
    const { page, errors } = await openDocument(people.bruno);
    await page.getByRole('button', { name: 'Actions du document' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Exporter en PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await getDocument({ data: new Uint8Array(readFileSync((await download.path())!)), isEvalSupported: false }).promise;
    const footer = (await (await pdf.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(footer).toContain('Programme type asthme de l’enfant · version de travail du');
    expect(footer).toContain(`page 1 / ${pdf.numPages}`);
    await pdf.destroy();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
