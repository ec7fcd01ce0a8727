import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { expectNoSeriousA11yViolations, newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

const suite = browserSuite('directory', { config: { demo: true } });

/** Nothing sticks out sideways: a phone user never scrolls horizontally to read. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

it('a visitor on a phone finds a programme near them by disease and département, and calls it', async () => {
  const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = watchPageErrors(page);
  await page.goto('/');
  // The main navigation leads there, from the small-screen menu.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Programmes d’ETP' }).click();
  await page.getByRole('heading', { level: 1, name: 'Programmes d’ETP de la région' }).waitFor();
  await page.getByText(/^\d+ programmes$/).waitFor();
  await page.screenshot({ path: `${suite.shots}/directory-360.png`, fullPage: false });

  await page.getByLabel('Maladie ou situation de santé').selectOption({ label: 'Diabète de type 2' });
  // As from the keyboard: the field has focus when its value changes.
  await page.getByLabel('Département').focus();
  await page.getByLabel('Département').selectOption({ label: '73 · Savoie' });
  await page.getByText('1 programme', { exact: true }).waitFor();
  const cards = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 2 }) }).getByRole('listitem');
  await expect.poll(() => cards.allTextContents()).toEqual([expect.stringContaining('Diabète en vallée')]);
  expect(await cards.first().textContent()).toContain('Saint-Jean-de-Maurienne (73 · Savoie)');
  expect(new URL(page.url()).searchParams.get('departement')).toBe('73');
  // The search written into the address is not a new page: focus stays on the filter just chosen.
  expect(await page.getByLabel('Département').evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${suite.shots}/directory-filtered-360.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // Accent-free words find it too.
  await page.getByText('Mots-clés, public, lieu').click();
  await page.getByLabel('Mots-clés').fill('maurienne diabete');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect.poll(() => cards.allTextContents()).toEqual([expect.stringContaining('Diabète en vallée')]);

  await page.getByRole('link', { name: 'Diabète en vallée' }).click();
  await page.getByRole('heading', { level: 1, name: 'Diabète en vallée' }).waitFor();
  const contact = page.getByRole('region', { name: 'Contact' });
  const phone = contact.getByRole('link', { name: /^04 / });
  expect(await phone.getAttribute('href')).toMatch(/^tel:04\d{8}$/);
  expect(await contact.getByRole('link', { name: /@demo\.maillage\.fr$/ }).getAttribute('href')).toBe('mailto:etp.mauriennediabete@demo.maillage.fr');
  // The contact is on the first screen of the phone.
  const box = (await contact.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(740);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${suite.shots}/programme-360.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // Back keeps the search.
  await page.goBack();
  await expect.poll(() => cards.allTextContents()).toEqual([expect.stringContaining('Diabète en vallée')]);
  expect(errors).toEqual([]);
  await context.close();
});

it('the directory reads on a wide screen, with its suspended programme said as such', async () => {
  const { context, page, errors } = await suite.openPage(undefined, { width: 1366, height: 800 });
  await page.goto('/programmes?departement=03');
  await page.getByText('2 programmes', { exact: true }).waitFor();
  const suspended = page.getByRole('listitem').filter({ hasText: 'Cœur et vie' });
  await suspended.getByText('Suspendu').waitFor();
  await page.goto('/programmes');
  await page.getByText(/^\d+ programmes$/).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Diabète et précarité' }).getByText('Adapté aux personnes vulnérables').waitFor();
  await page.screenshot({ path: `${suite.shots}/directory-1366.png`, fullPage: false });
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'Diabète et précarité : des ateliers près de chez vous' }).click();
  await page.getByText('Documents en FALC (facile à lire et à comprendre), Interprétariat').waitFor();
  await page.screenshot({ path: `${suite.shots}/programme-1366.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
  await context.close();
});

it('a coordinator imports a CSV: preview, the report per row, nothing written until confirmed', async () => {
  const context = await newContext(suite.browser, suite.server.url);
  await context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 800 });
  const errors = watchPageErrors(page);
  await signInThroughPage(page, 'claire.martin@demo.maillage.fr', DEMO_PASSWORD);
  await page.goto('/programmes/gerer');
  await page.getByRole('heading', { level: 1, name: 'Programmes de la région' }).waitFor();
  await page.getByRole('button', { name: 'À valider (2)' }).waitFor();
  await page.getByRole('link', { name: 'Importer un fichier CSV' }).click();
  await page.getByRole('heading', { level: 1, name: 'Importer des programmes' }).waitFor();

  const header = 'Titre;Structure porteuse;Type structure;Maladies;Commune;Département;Lieu;Format;Date déclaration';
  const rows = [
    'Asthme au travail;Hôpital des Volcans;;Asthme;Thiers;63;Hôpital;Collectif;12/09/2022',
    'Douleur chronique en Haute-Loire;Maison de santé d’Yssingeaux;MSP;Lombalgie chronique;Yssingeaux;43;En ville;Collectif;2023-04-03',
  ];
  const wrongRow = 'Programme sans date;Hôpital des Volcans;;Asthme;Riom;63;Hôpital;Collectif;';
  const file = (lines: string[]) => ({ name: 'liste-ars.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') });
  const before = (await (await fetch(`${suite.server.url}/programmes.json`)).json()).programmes.length;

  await page.getByLabel('Fichier CSV').setInputFiles(file([header, rows[0], wrongRow, rows[1]]));
  const report = page.getByRole('region', { name: 'Vérification ligne par ligne' });
  await report.getByText('3 ligne(s) lue(s) : 2 prête(s), 1 à corriger.').waitFor();
  const line3 = report.getByRole('row', { name: /^3 / });
  await line3.getByText(/date_declaration/).waitFor();
  await report.getByRole('row', { name: /^4 / }).getByText('nouvelle structure').waitFor();
  // No way to import part of the file.
  expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
  await page.screenshot({ path: `${suite.shots}/import-report-1366.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);
  // Previewing wrote nothing.
  expect((await (await fetch(`${suite.server.url}/programmes.json`)).json()).programmes.length).toBe(before);

  // The corrected file, chosen again.
  await page.getByLabel('Fichier CSV').setInputFiles(file([header, ...rows]));
  await report.getByText('2 ligne(s) lue(s) : 2 prête(s), 0 à corriger.').waitFor();
  await page.getByRole('button', { name: 'Importer 2 programmes' }).click();
  await page.getByText('2 programmes importés et publiés. 1 nouvelle structure créée.').waitFor();
  expect((await (await fetch(`${suite.server.url}/programmes.json`)).json()).programmes.length).toBe(before + 2);

  await page.getByRole('link', { name: 'Voir l’annuaire public' }).click();
  await page.getByLabel('Département').selectOption({ label: '43 · Haute-Loire' });
  await page.getByRole('link', { name: 'Douleur chronique en Haute-Loire' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

it('the import page and the review of a change read on a phone', async () => {
  const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = watchPageErrors(page);
  await signInThroughPage(page, 'claire.martin@demo.maillage.fr', DEMO_PASSWORD);
  await page.goto('/programmes/importer');
  await page.getByRole('heading', { level: 1, name: 'Importer des programmes' }).waitFor();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${suite.shots}/import-360.png`, fullPage: true });

  // The pending change of the demo: the coordinator sees what differs, then validates it.
  await page.goto('/programmes/gerer');
  await page.getByRole('link', { name: 'Lombalgie chronique : reprendre le mouvement' }).click();
  const panel = page.getByRole('region', { name: 'Validation par la coordination' });
  await panel.getByText('1 champ diffère de la version publique :').waitFor();
  await panel.getByRole('insertion').filter({ hasText: '04 78 00 12 35' }).waitFor();
  await page.screenshot({ path: `${suite.shots}/review-360.png`, fullPage: false });
  await expectNoSeriousA11yViolations(page);
  await panel.getByRole('button', { name: 'Valider et publier' }).click();
  await page.getByText('Version validée : elle est maintenant publique.').waitFor();
  const id = new URL(page.url()).pathname.split('/')[2];
  const published = await (await fetch(`${suite.server.url}/api/programmes/public/${id}`)).json();
  expect(published.programme.contactPhone).toBe('04 78 00 12 35');
  expect(errors).toEqual([]);
  await context.close();
});
