import { beforeAll, expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';

const suite = browserSuite('groups');
let lead: TestUser;
let nadia: TestUser;
beforeAll(async () => {
  lead = await createUser(suite.server.app, { name: 'Sophie Bernard' });
  nadia = await createUser(suite.server.app, { name: 'Nadia Benali' });
});

const signedInPage = (user: TestUser) => suite.openPage(user);

it('a lead creates a group with the keyboard, adds a member who sees it live, and the page shows members and activity', async () => {
  const { page, errors } = await signedInPage(lead);
  await page.goto('/groupes');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'Créer un groupe' }).focus();
  await page.keyboard.press('Enter');

  await page.getByLabel('Nom du groupe').waitFor();
  await page.getByLabel('Nom du groupe').focus();
  await page.keyboard.type('Insuffisance cardiaque');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Programme type d’ETP pour les personnes vivant avec une insuffisance cardiaque.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Insuffisance cardiaque, Personnes âgées');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('platform');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await page.waitForURL(/\/groupes\/[0-9a-f-]{36}/);
  const groupUrl = new URL(page.url()).pathname;
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Insuffisance cardiaque');
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Groupe créé');
  expect(await page.getByRole('list', { name: 'Thèmes' }).textContent()).toContain('Personnes âgées');

  // Nadia has the page open before she is a member: it follows her new role without a reload.
  const other = await signedInPage(nadia);
  await other.page.goto(groupUrl);
  await other.page.getByRole('button', { name: 'Demander à rejoindre' }).waitFor();

  await page.getByLabel('Nom de la personne ou de son organisation').fill('Nadia');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Ajouter Nadia Benali' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Nadia Benali a été ajouté·e au groupe.');

  const members = page.getByRole('region', { name: /Membres/ });
  await expect.poll(() => members.textContent()).toContain('Nadia Benali');
  expect(await members.getByLabel('Rôle de Nadia Benali').inputValue()).toBe('member');
  const activity = page.getByRole('region', { name: 'Activité récente' });
  await expect.poll(() => activity.textContent()).toContain('Sophie Bernard a ajouté Nadia Benali comme membre.');
  expect(await activity.textContent()).toContain('Sophie Bernard a créé le groupe « Insuffisance cardiaque ».');

  await expect.poll(() => other.page.getByText('Votre rôle : Membre').count()).toBe(1);
  await expect.poll(() => other.page.getByRole('region', { name: 'Activité récente' }).count()).toBe(1);

  // A role is changed only once confirmed; her open page follows.
  await members.getByLabel('Rôle de Nadia Benali').selectOption('observer');
  await members.getByRole('button', { name: 'Enregistrer le rôle de Nadia Benali' }).click();
  await expect.poll(() => activity.textContent()).toContain('Sophie Bernard a changé le rôle de Nadia Benali : observateur·rice.');
  await expect.poll(() => other.page.getByText('Votre rôle : Observateur·rice').count()).toBe(1);

  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
  expect(other.errors).toEqual([]);
  await page.context().close();
  await other.page.context().close();
}, 60_000);

it('is usable at 360 px: no sideways scrolling on the list and the group page', async () => {
  const group = createGroup(suite.server.app, lead.id, {
    name: 'Éducation thérapeutique des personnes vivant avec une BPCO', visibility: 'public', themes: ['BPCO', 'Réhabilitation respiratoire'],
    description: 'Un groupe au nom long, pour vérifier que tout tient sur un petit écran.',
  });
  addToGroup(suite.server.app, group.id, lead.id, 'lead');
  addToGroup(suite.server.app, group.id, nadia.id, 'member');
  const { page, errors } = await signedInPage(lead);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/groupes');
  await page.getByRole('link', { name: group.name }).click();
  await page.getByRole('heading', { name: /^Membres/ }).waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const remove = await page.getByRole('button', { name: 'Retirer Nadia Benali du groupe' }).boundingBox();
  expect(remove && remove.x + remove.width).toBeLessThanOrEqual(360);
  await page.goto('/groupes');
  await page.getByRole('heading', { name: 'Mes groupes' }).waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
  await page.context().close();
});
