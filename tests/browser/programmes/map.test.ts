import { beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { expectNoSeriousA11yViolations, signInThroughPage, watchPageErrors } from '../../helpers/browser';
import { createProgramme, recordAnnual } from '../../server/programmes/needs.fixture';

/** French typography puts no-break spaces in numbers (94 500) and before « : » and « ; ». */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const suite = browserSuite('needs');
let coordinator: TestUser;

const CSV_WITH_ERROR = [
  'Département;Maladie;Indicateur;Valeur;Année;Source',
  '69;Diabète de type 2;Personnes concernées;94 500;2023;Assurance Maladie (démo)',
  '38;Diabète de type 2;Personnes concernées;beaucoup;2023;Assurance Maladie (démo)',
].join('\n');
const CSV = [
  'Département;Maladie;Indicateur;Valeur;Année;Source',
  '69;Diabète de type 2;Personnes concernées;94 500;2023;Assurance Maladie (démo)',
  '38;Diabète de type 2;Personnes concernées;63 000;2023;Assurance Maladie (démo)',
  '42;Diabète de type 2;Personnes concernées;46 700;2023;Assurance Maladie (démo)',
  '73;Diabète de type 2;Personnes concernées;20 100;2023;Assurance Maladie (démo)',
  '74;Diabète de type 2;Personnes concernées;35 000;2023;Assurance Maladie (démo)',
  '1;Diabète de type 2;Personnes concernées;33 800;2023;Assurance Maladie (démo)',
].join('\n');

beforeAll(async () => {
  const holder = createOrganisation(suite.server.app, { name: 'CH Saint-Roch', departement: '69' });
  coordinator = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin', organisationId: holder.id });
  const p = (departements: string[], sessions?: number) => {
    const { id } = createProgramme(suite.server.app, { holderOrganisationId: holder.id, departements, declaredAt: '2021-05-01' });
    if (sessions) recordAnnual(suite.server.app, id, 2, { groupSessions: sessions, individualSessions: 40 });
  };
  p(['69'], 20); p(['69'], 30); p(['69'], 10); p(['38', '73']); p(['42']);
});

async function signedInPage(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = watchPageErrors(page);
  await signInThroughPage(page, coordinator.email, coordinator.password);
  return { page, errors };
}

it('a coordinator imports indicators, then reads the map and its table with the keyboard', async () => {
  const { page, errors } = await signedInPage(1366, 800);
  await page.goto('/programmes/offre-besoin/import');
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'indicateurs.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_WITH_ERROR) });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  const problems = page.getByRole('region', { name: '1 erreur à corriger' });
  await expect.poll(() => problems.textContent()).toContain('« beaucoup » n’est pas un nombre.');
  expect(await problems.getByRole('row').nth(1).textContent()).toContain('3valeur');
  expect(await page.getByRole('button', { name: 'Importer 1 ligne' }).isDisabled()).toBe(true);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/import-errors-1366.png`, fullPage: true });

  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'indicateurs.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('6 lignes lues, 6 valides');
  await page.getByRole('button', { name: 'Importer 6 lignes' }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('6 lignes importées.');
  await page.getByRole('link', { name: 'Voir la carte' }).click();

  await page.getByLabel('Maladie', { exact: true }).selectOption({ label: 'Diabète de type 2' });
  const table = page.getByRole('table', { name: /Chiffres par département — Diabète de type 2/ });
  await expect.poll(async () => plain(await table.getByRole('row', { name: /69 – Rhône/ }).textContent())).toContain('94 500');
  const rhone = (await table.getByRole('row', { name: /69 – Rhône/ }).getByRole('cell').allTextContents()).map(plain);
  // Programmes, sessions a year (3 × 40 + 20 + 30 + 10), need, offer per 10,000.
  expect(rhone).toEqual(['3', '180', '94 500', '0,32']);
  expect(await page.getByText('Personnes concernées\u00a0: Assurance Maladie (démo) (2023).').count()).toBe(1);

  // From the last control before the map, Tab reaches the départements in order; each one says its figures.
  await page.getByLabel('Mesure').focus();
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-code'))).toBe('01');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-code'))).toBe('69');
  const announced = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  expect(plain(announced)).toBe('Rhône (69) — 3 programmes en cours ; séances par an : 180 ; Personnes concernées 2023 : 94 500 ; programmes pour 10 000 personnes concernées : 0,32');
  expect(await page.locator('.needs-map__tooltip').textContent()).toContain('Rhône (69) — 3 programmes en cours');
  await page.screenshot({ path: `${suite.shots}/map-focus-1366.png` });

  // Another measure recolours the map and its legend; hovering shows the same figures.
  await page.getByLabel('Mesure').selectOption({ label: 'Programmes pour 10 000 personnes concernées' });
  await expect.poll(() => page.getByText('Programmes pour 10 000 personnes concernées', { exact: true }).count()).toBeGreaterThan(0);
  await page.locator('path[data-code="42"]').hover();
  await expect.poll(() => page.locator('.needs-map__tooltip').textContent()).toContain('Loire (42) — 1 programme en cours');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/map-1366.png`, fullPage: true });

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le tableau (CSV)' }).click()]);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text.startsWith('\uFEFFcode_departement,departement,maladie')).toBe(true);
  expect(text).toContain('69,Rhône,Diabète de type 2,3,180,Personnes concernées,2023,94500,94500,0.32,Assurance Maladie (démo)');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger la carte (PNG)' }).click()]);
  expect(png.suggestedFilename()).toBe('offre-besoin-diabete_type_2-offre_pour_10000.png');
  expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
  expect(errors).toEqual([]);
  await page.context().close();
}, 90_000);

it('reads on a 360 px phone without sideways scrolling', async () => {
  const { page, errors } = await signedInPage(360, 740);
  await page.goto('/programmes/offre-besoin?maladie=diabete_type_2&mesure=besoin');
  await page.getByRole('table', { name: /Chiffres par département/ }).waitFor();
  await page.screenshot({ path: `${suite.shots}/map-360.png` });
  await page.screenshot({ path: `${suite.shots}/map-360-full.png`, fullPage: true });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const map = await page.locator('.needs-map__svg').boundingBox();
  expect(map && map.width).toBeGreaterThan(250);
  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);
