import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createOrganisation, createUser } from '../../helpers/factories';
import { newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';

// A lead invites someone without an account into their group by e-mail; the invitee creates
// the account, picks their organisation and arrives in the group. Coordinators set the rules.

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
// No SMTP: the lead copies the link, as on a platform without e-mail.
const suite = browserSuite('accounts');
const { lookAt } = suite;

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

it('a lead invites by e-mail; the invitee creates the account and joins the group', async () => {
  const msp = createOrganisation(suite.server.app, { name: 'MSP des Pentes', type: 'msp_pole_sante' });
  createOrganisation(suite.server.app, { name: 'Centre de rééducation Val Rosay', type: 'etablissement_sante' });
  const lead = await createUser(suite.server.app, { name: 'Sophie Bernard', organisationId: msp.id });
  const group = createGroup(suite.server.app, lead.id, { name: 'Lombalgie chronique', visibility: 'private' });
  addToGroup(suite.server.app, group.id, lead.id, 'lead');

  const leadContext = await newContext(suite.browser, suite.server.url);
  const page = await leadContext.newPage();
  const errors = watchPageErrors(page);
  await signInThroughPage(page, lead.email, lead.password);
  await page.goto(`/groupes/${group.id}`);
  await poll(() => h1(page)).toBe('Lombalgie chronique');
  await page.getByRole('link', { name: 'Inviter par e-mail' }).click();
  await poll(() => h1(page)).toBe('Inviter par e-mail');
  await poll(() => page.getByText('Invitations en attente : 0 sur 20').count()).toBe(1);
  await lookAt(page, 'invite-to-group');

  await page.getByLabel('Adresse e-mail').fill('thomas.roux@example.org');
  await page.getByLabel('Rôle dans le groupe').selectOption({ label: 'Membre' });
  await page.getByLabel('Elle ou il la choisit en créant son compte').check();
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await poll(() => page.getByRole('status').filter({ hasText: 'thomas.roux' }).textContent()).toContain("Aucun envoi d'e-mail n'est configuré");
  const link = await page.getByLabel("Lien d'invitation").inputValue();
  expect(link).toMatch(new RegExp(`^${suite.server.url}/invitation/`));
  await poll(() => page.getByRole('row', { name: /thomas\.roux@example\.org/ }).textContent()).toContain('En attente');
  await poll(() => page.getByText('Invitations en attente : 1 sur 20').count()).toBe(1);
  await lookAt(page, 'invite-to-group-sent');

  const inviteeContext = await newContext(suite.browser, suite.server.url);
  const them = await inviteeContext.newPage();
  const theirErrors = watchPageErrors(them);
  await them.goto(link);
  await poll(() => them.getByText('Sophie Bernard vous invite à rejoindre le groupe « Lombalgie chronique » (Membre)', { exact: false }).count()).toBe(1);
  await lookAt(them, 'accept-group-invitation');
  await them.getByLabel('Nom et prénom').fill('Thomas Roux');
  await them.getByLabel('Votre organisation').selectOption({ label: 'Centre de rééducation Val Rosay' });
  await them.getByLabel('Choisissez un mot de passe').fill('une phrase de passe');
  await them.getByLabel('Confirmez le mot de passe').fill('une phrase de passe');
  await them.getByRole('button', { name: 'Créer mon compte' }).click();
  await them.waitForURL(`${suite.server.url}/groupes/${group.id}`);
  await poll(() => h1(them)).toBe('Lombalgie chronique');
  const members = them.getByRole('region', { name: /Membres/ });
  await poll(() => members.getByText('Thomas Roux').count()).toBeGreaterThan(0);
  await poll(() => members.textContent()).toContain('Centre de rééducation Val Rosay');

  await page.reload();
  await poll(() => page.getByRole('row', { name: /thomas\.roux@example\.org/ }).textContent()).toContain('Acceptée');
  expect([...errors, ...theirErrors]).toEqual([]);
  await leadContext.close();
  await inviteeContext.close();
}, 120_000);

it('a coordinator closes lead invitations, and the lead is told so', async () => {
  const coordinator = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  const lead = await createUser(suite.server.app, { name: 'Inès Garcia' });
  const group = createGroup(suite.server.app, lead.id, { name: 'Maladies rares' });
  addToGroup(suite.server.app, group.id, lead.id, 'lead');

  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  await signInThroughPage(page, coordinator.email, coordinator.password);
  await page.goto('/admin/invitations');
  const settings = page.getByRole('form', { name: 'Invitations par les animateurs' });
  await poll(() => settings.getByLabel('Invitations en attente par animateur·rice').inputValue()).toBe('20');
  await settings.getByLabel('Invitations en attente par animateur·rice').fill('5');
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await poll(() => settings.getByRole('status').textContent()).toBe('Réglages enregistrés.');
  await settings.getByLabel('Les animateurs et animatrices peuvent inviter par e-mail dans leurs groupes').uncheck();
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await poll(() => settings.getByRole('status').textContent()).toBe('Réglages enregistrés.');
  // The invitation made in the first test is listed with its group.
  await poll(() => page.getByRole('row', { name: /thomas\.roux@example\.org/ }).textContent()).toMatch(/groupe «\s*Lombalgie chronique\s*» \(Membre\), par Sophie Bernard/);
  await lookAt(page, 'manage-invitations');

  const leadContext = await newContext(suite.browser, suite.server.url);
  const theirs = await leadContext.newPage();
  await signInThroughPage(theirs, lead.email, lead.password);
  await theirs.goto(`/groupes/${group.id}/inviter`);
  await poll(() => theirs.getByText("La coordination n'a pas ouvert les invitations aux animateurs et animatrices.", { exact: false }).count()).toBe(1);
  expect(await theirs.getByRole('button', { name: "Envoyer l'invitation" }).count()).toBe(0);
  await lookAt(theirs, 'invite-to-group-closed');
  await context.close();
  await leadContext.close();
}, 90_000);
