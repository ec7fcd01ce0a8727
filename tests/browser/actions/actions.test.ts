import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../../helpers/server';
import { expectNoSeriousA11yViolations, launchBrowser, signInThroughPage, watchPageErrors } from '../../helpers/browser';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-actions';
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ demo: true }, { withClient: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** axe-core clean and nothing wider than the screen, at a laptop's and a phone's size, with a screenshot of each. */
async function lookAt(page: Page, name: string) {
  for (const [width, height, size] of [[360, 740, 'phone'], [1366, 800, 'laptop']] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready);
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at ${width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
  }
}

async function personPage(email?: string) {
  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  if (email) await signInThroughPage(page, email, DEMO_PASSWORD);
  return { page, errors: watchPageErrors(page) };
}

const TITLE = 'Demande de mise en relation (option 2.2) · MSP des Pentes';

it('a member asks the platform from the guide’s option 2.2; the coordinator sees it arrive live and plans it with the keyboard', async () => {
  const visitor = await personPage();
  await visitor.page.goto('/actions/demande?situation=2&option=2.2');
  await visitor.page.getByText('Pour envoyer une demande d’appui et suivre sa réponse, connectez-vous à Maillage.').waitFor();
  await expect.poll(() => visitor.page.getByRole('link', { name: 'Se connecter' }).last().getAttribute('href')).toContain('redirect=');
  await lookAt(visitor.page, 'request-visitor');

  const coordinator = await personPage('claire.martin@demo.maillage.fr');
  await coordinator.page.goto('/actions');
  const toQualify = coordinator.page.getByRole('region', { name: /^À qualifier/ });
  const planned = coordinator.page.getByRole('region', { name: /^Planifiée/ });
  await toQualify.getByRole('article').first().waitFor();
  expect(await toQualify.getByRole('article').count()).toBe(2);

  const member = await personPage('sophie.bernard@demo.maillage.fr');
  await member.page.goto('/actions/demande?situation=2&option=2.2');
  await member.page.getByText('Votre demande porte sur l’option 2.2 du guide de mutualisation.').waitFor();
  await member.page.getByLabel('Mise en relation').check();
  expect(await member.page.getByLabel('Votre structure').inputValue()).not.toBe('');
  await member.page.getByLabel('Votre demande').fill('Nous cherchons le programme diabète du centre hospitalier pour y associer nos séances collectives.');
  await lookAt(member.page, 'request-form');
  await member.page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await member.page.getByText(`Demande envoyée : « ${TITLE} ». La coordination en est informée.`).waitFor();
  const mine = member.page.getByRole('region', { name: 'Mes demandes' });
  await expect.poll(() => mine.getByRole('listitem').filter({ hasText: TITLE }).textContent()).toContain('À qualifier');

  // Live: the card arrives on the coordinator's open board without a reload.
  const card = toQualify.getByRole('article', { name: TITLE });
  await card.waitFor();
  await card.focus();
  await coordinator.page.keyboard.press('ArrowRight');
  await planned.getByRole('article', { name: TITLE }).waitFor();
  await coordinator.page.getByText(`« ${TITLE} » est maintenant dans « Planifiée ».`).waitFor();
  expect(await toQualify.getByRole('article', { name: TITLE }).count()).toBe(0);
  // The moved card keeps the focus, so the next arrow moves it on.
  expect(await coordinator.page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toMatch(/^card-/);
  await lookAt(coordinator.page, 'board');

  // An action's page: the partnership under way, its two meetings and their minutes.
  await coordinator.page.getByRole('link', { name: /^Mutualiser le programme lombalgie/ }).click();
  const meetings = coordinator.page.getByRole('region', { name: 'Réunions' });
  await meetings.getByRole('heading', { name: '17 novembre 2026' }).waitFor();
  expect(await meetings.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['22 septembre 2026', '17 novembre 2026']);
  await lookAt(coordinator.page, 'action');
  await coordinator.page.getByRole('link', { name: 'Modifier' }).click();
  await coordinator.page.getByRole('heading', { level: 1, name: 'Modifier l’action' }).waitFor();
  expect(await coordinator.page.getByLabel('Responsable').locator('option:checked').textContent()).toContain('Nadia Benali');
  await lookAt(coordinator.page, 'edit');

  // The request is in the coordinator's notifications, beside the discussions'.
  await coordinator.page.goto('/notifications');
  const notice = coordinator.page.getByRole('listitem').filter({ has: coordinator.page.getByRole('link', { name: TITLE }) });
  await expect.poll(() => notice.textContent()).toContain('Sophie Bernard demande l’appui de la plateforme :');
  await lookAt(coordinator.page, 'notifications');

  // The person who asked sees where the request stands.
  await member.page.reload();
  await expect.poll(() => mine.getByRole('listitem').filter({ hasText: TITLE }).textContent()).toContain('Planifiée');
  for (const p of [visitor, coordinator, member]) expect(p.errors).toEqual([]);
}, 120_000);
