import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { createGroup, createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';
import { parisYear } from '../../../shared/structure-needs.schema';
import { smallQuestionnaire } from '../../server/structure-needs/fixture';

// A structure fills its needs with the keyboard only; the coordination reads the synthesis.
const year = parisYear();
const suite = browserSuite('needs');
let member: TestUser;
let coordinator: TestUser;
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  const msp = createOrganisation(suite.server.app, { name: 'MSP des Pentes', type: 'msp_pole_sante', departement: '69' });
  member = await createUser(suite.server.app, { organisationId: msp.id, name: 'Sophie Bernard' });
  coordinator = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  createGroup(suite.server.app, coordinator.id, { name: 'Coopérations MSP' });
  // This year's questionnaire, short: one question of each kind.
  const api = await signIn(suite.server.url, coordinator);
  expect((await api.put(`/api/structure-needs/questionnaires/${year}`, { content: smallQuestionnaire() })).status).toBe(200);
});

const pageOf = (user: TestUser, width: number, height: number) => suite.openPage(user, { width, height });

it('a member of a structure fills and sends its needs with the keyboard only, on a computer and on a phone', async () => {
  const { page, errors } = await pageOf(member, 1366, 800);
  await page.goto('/besoins');
  await page.getByRole('heading', { level: 2, name: 'Votre structure : MSP des Pentes' }).waitFor();
  expect(plain(await page.getByText('Pas encore commencé').textContent())).toBe('Pas encore commencé');
  await page.getByRole('link', { name: `Remplir le questionnaire ${year}` }).click();
  await page.getByRole('heading', { level: 1, name: `Besoins de votre structure en ${year}` }).waitFor();

  // Sending at once: the two required questions are named, each error tied to its question.
  await page.getByRole('button', { name: 'Envoyer les réponses' }).focus();
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Corrigez' });
  await expect.poll(async () => plain(await summary.textContent())).toContain('Corrigez 2 réponses avant d’envoyer');
  const programme = page.getByRole('group', { name: /Portez-vous un programme \? \(obligatoire\)/ });
  expect(await programme.getAttribute('aria-describedby')).toContain('q-programme-error');
  expect(plain(await page.locator('#q-programme-error').textContent())).toBe('Une réponse est obligatoire.');

  // From the summary's first link to the question, then through the form.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6 personnes');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Un appui pour déclarer notre programme.');
  expect(await page.getByRole('radio', { name: 'Oui' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Méthode' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Outils' }).isChecked()).toBe(false);
  expect(await page.getByRole('checkbox', { name: 'Formation' }).isChecked()).toBe(true);
  expect(await page.getByRole('radio', { name: '4' }).isChecked()).toBe(true);
  // Saved as typed, as a draft anyone of the structure may take up.
  await expect.poll(async () => plain(await page.locator('.needs-bar__state').textContent())).toMatch(/^Enregistré à \d\d:\d\d$/);
  expect(plain(await page.locator('.needs-status').textContent())).toBe('Brouillon, non envoyé');

  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Envoyer les réponses');
  await page.keyboard.press('Enter');
  await expect.poll(async () => plain(await page.getByText(/Merci, vos réponses/).textContent())).toBe(`Merci, vos réponses ${year} sont envoyées.`);
  expect(plain(await page.locator('.needs-status').textContent())).toBe('Envoyé');
  expect(plain(await page.getByText(/Réponses envoyées le/).textContent())).toMatch(/par Sophie Bernard\.$/);
  expect(await summary.count()).toBe(0);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/needs-form-1366.png`, fullPage: true });

  // On a phone: the same answers, nothing wider than the screen.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect.poll(() => page.getByRole('radio', { name: 'Oui' }).isChecked()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/needs-form-360.png` });
  expect(errors).toEqual([]);
}, 90_000);

/** The coordinator signs in once; her page goes from the synthesis to next year's questionnaire. */
let coordination: { page: Page; errors: string[] } | null = null;
const coordinationPage = async () => (coordination ??= await pageOf(coordinator, 1366, 800));

it('the coordination reads the answers sent and their synthesis by département and kind of structure', async () => {
  const { page, errors } = await coordinationPage();
  await page.goto('/besoins');
  const row = page.getByRole('row', { name: /MSP des Pentes/ });
  await expect.poll(async () => plain(await row.textContent())).toContain('Sophie Bernard');
  expect(plain(await row.textContent())).toContain('MSP / pôle de santé');
  await page.screenshot({ path: `${suite.shots}/needs-home-coordinator-1366.png` });
  await page.getByRole('link', { name: `Voir la synthèse ${year}` }).click();
  await page.getByRole('heading', { level: 1, name: `Synthèse des besoins ${year}` }).waitFor();
  const table = page.getByRole('table', { name: /Portez-vous un programme/ });
  // The heading shows before the synthesis has arrived: its tables are waited for.
  await expect.poll(async () => (await table.getByRole('row').nth(0).getByRole('columnheader').allTextContents()).map(plain)).toEqual(['Par département', 'Par type de structure']);
  expect((await table.getByRole('row').nth(1).getByRole('columnheader').allTextContents()).map(plain)).toEqual(['Réponse', 'Ensemble', 'Dép. 69', 'MSP / pôle de santé']);
  expect((await table.getByRole('row', { name: /^Oui/ }).getByRole('cell').allTextContents()).map(plain)).toEqual(['1', '1', '1']);
  expect((await table.getByRole('row', { name: /^Non/ }).getByRole('cell').allTextContents()).map(plain)).toEqual(['0', '0', '0']);
  const scale = page.getByRole('table', { name: /Votre besoin/ });
  expect((await scale.getByRole('row', { name: /^Moyenne/ }).getByRole('cell').allTextContents()).map(plain)).toEqual(['4', '4', '4']);
  expect(plain(await page.getByRole('article', { name: 'Remarques' }).getByRole('list', { name: 'Réponses libres' }).textContent())).toBe('« Un appui pour déclarer notre programme. » — MSP des Pentes');
  const csv = page.getByRole('link', { name: 'Télécharger la synthèse (CSV)' });
  expect(await csv.getAttribute('href')).toBe(`/api/structure-needs/synthesis/${year}/csv`);
  const [file] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  expect(file.suggestedFilename()).toBe(`besoins-structures-${year}.csv`);
  expect(readFileSync((await file.path())!, 'utf8')).toContain('Un appui pour déclarer notre programme.');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/needs-synthesis-1366.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${suite.shots}/needs-synthesis-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('table', { name: /Portez-vous un programme/ }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/needs-synthesis-360.png` });
  expect(errors).toEqual([]);
}, 90_000);

it('the coordination prepares next year’s questionnaire from this one, opens it to a group and rewords a question', async () => {
  const { page, errors } = await coordinationPage();
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto('/besoins');
  await page.getByRole('button', { name: `Préparer le questionnaire ${year + 1}` }).click();
  await page.getByRole('heading', { level: 1, name: `Questionnaire des besoins ${year + 1}` }).waitFor();
  await page.getByRole('checkbox', { name: 'Coopérations MSP' }).check();
  await page.getByRole('button', { name: 'Enregistrer les lecteurs' }).click();
  await expect.poll(async () => plain(await page.getByText('Lecteurs des réponses enregistrés.').textContent())).toBe('Lecteurs des réponses enregistrés.');
  await page.getByLabel('Intitulé').first().fill('Votre structure porte-t-elle un programme déclaré ?');
  await page.getByRole('button', { name: 'Monter la question 2' }).click();
  await page.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
  await expect.poll(async () => plain(await page.locator('.needs-bar__state').textContent())).toBe(`Questionnaire ${year + 1} enregistré.`);
  const saved = (await (await signIn(suite.server.url, coordinator)).get(`/api/structure-needs/questionnaires/${year + 1}`)).body.questionnaire;
  expect(saved.content.sections[0].questions.map((q: { id: string }) => q.id)).toEqual(['appui', 'programme', 'besoin', 'effectif', 'remarques']);
  expect(saved.content.sections[0].questions[1]).toMatchObject({ label: 'Votre structure porte-t-elle un programme déclaré ?', choices: [{ id: 'oui', label: 'Oui' }, { id: 'non', label: 'Non' }] });
  expect(saved.readers.map((g: { name: string }) => g.name)).toEqual(['Coopérations MSP']);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/needs-editor-1366.png` });
  expect(errors).toEqual([]);
}, 90_000);
