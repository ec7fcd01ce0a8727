import { beforeAll, expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';
import { createProgramme, recordAnnual } from '../../server/programmes/needs.fixture';

// The evaluations beside the map: a team keeps its own, the coordination reads the region.
const suite = browserSuite('needs');
let team: TestUser;
let coordinator: TestUser;
let programmeId: string;
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  const holder = createOrganisation(suite.server.app, { name: 'MSP des Pentes', departement: '69' });
  const other = createOrganisation(suite.server.app, { name: 'CH Saint-Roch', departement: '42' });
  team = await createUser(suite.server.app, { organisationId: holder.id, name: 'Sophie Bernard' });
  coordinator = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin', organisationId: other.id });
  const group = createGroup(suite.server.app, coordinator.id, { name: 'Diabète en ville' });
  addToGroup(suite.server.app, group.id, team.id, 'member');
  programmeId = createProgramme(suite.server.app, {
    title: 'Bien vivre avec son diabète', holderOrganisationId: holder.id, setting: 'ville', declaredAt: '2022-02-10', departements: ['69'], groupId: group.id,
  }).id;
  recordAnnual(suite.server.app, programmeId, 1, { patientsStarted: 28, patientsCompleted: 22, groupSessions: 18, individualSessions: 40, patientPartners: 1 });
  // Three comparable programmes with their figures for 2023 (annual n°1 of a 2022 declaration).
  for (const [i, started] of [30, 45, 60].entries()) {
    const { id } = createProgramme(suite.server.app, { title: `Programme voisin ${i}`, holderOrganisationId: other.id, setting: 'hopital', declaredAt: '2022-06-01', departements: ['42'] });
    recordAnnual(suite.server.app, id, 1, { patientsStarted: started, patientsCompleted: started - 5, groupSessions: 20, individualSessions: 50, patientPartners: 2 });
  }
});

const pageOf = (user: TestUser, width: number, height: number) => suite.openPage(user, { width, height });

it('a team starts its next self-evaluation from the template and sees its figures beside the medians', async () => {
  const { page, errors } = await pageOf(team, 1366, 800);
  await page.goto('/programmes/evaluations');
  await page.getByRole('link', { name: 'Bien vivre avec son diabète' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bien vivre avec son diabète' }).waitFor();
  expect(plain(await page.getByText(/Déclaré à l’ARS/).textContent())).toBe('Déclaré à l’ARS le jeudi 10 février 2022.');

  const benchmark = page.getByRole('region', { name: /Auto-évaluation 2023/ });
  await expect.poll(async () => plain(await benchmark.textContent())).toContain('Même maladie : Diabète de type 2');
  const started = (await benchmark.getByRole('row', { name: /Patients entrés/ }).getByRole('cell').allTextContents()).map(plain);
  // Own figure, then the median of the three other diabetes programmes, then "same setting" (none).
  expect(started).toEqual(['28', '45', '—']);
  expect(plain(await benchmark.textContent())).toContain('pas assez de programmes comparables');
  expect(await benchmark.textContent()).not.toContain('Programme voisin');

  // The first annual self-evaluation still due: start it from the template in the programme's group.
  const cards = page.getByRole('listitem').filter({ hasText: /Auto-évaluation annuelle n°\s1\b/ });
  expect(plain(await cards.textContent())).toContain('Faite');
  const next = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Auto-évaluation annuelle n°\s\d/ }) }).first();
  await next.getByRole('button', { name: /Renseigner/ }).click();
  await next.getByRole('button', { name: 'Créer le document à partir du modèle' }).click();
  await expect.poll(async () => plain(await page.getByRole('status').first().textContent())).toMatch(/Document « Auto-évaluation annuelle \d{4} – Bien vivre avec son diabète » créé/);
  await expect.poll(() => next.textContent()).toContain('En cours');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/evaluations-team-1366.png`, fullPage: true });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.screenshot({ path: `${suite.shots}/evaluations-team-360.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);

it('the coordination reads the year’s evaluations by département, the late ones and the regional medians', async () => {
  const { page, errors } = await pageOf(coordinator, 1366, 800);
  await page.goto('/programmes/evaluations');
  await page.getByLabel('Année').selectOption('2023');
  const table = page.getByRole('table', { name: 'Évaluations dont l’échéance tombe en 2023, par département' });
  await expect.poll(() => table.getByRole('row', { name: /69 – Rhône/ }).textContent()).toBeTruthy();
  // Rhône: the team's 2023 self-evaluation is done. Loire: three programmes' 2023 self-evaluations, done too.
  expect(await table.getByRole('row', { name: /69 – Rhône/ }).getByRole('cell').allTextContents()).toEqual(['0', '0', '0', '1']);
  expect(await table.getByRole('row', { name: /42 – Loire/ }).getByRole('cell').allTextContents()).toEqual(['0', '0', '0', '3']);
  const medians = page.getByRole('region', { name: 'Médianes régionales des auto-évaluations 2023' });
  expect((await medians.getByRole('row', { name: /Patients entrés/ }).getByRole('cell').first().textContent())).toBe('37,5');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/evaluations-region-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `${suite.shots}/evaluations-region-360.png`, fullPage: true });
  // Wide tables scroll inside their frame on a phone, and those frames take the keyboard focus.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
  await page.context().close();
}, 60_000);
