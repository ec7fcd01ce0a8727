import { expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { createOrganisation, createUser } from '../../helpers/factories';
import { expectNoSeriousA11yViolations, newContext, signInThroughPage, watchApiCalls, watchPageErrors } from '../../helpers/browser';
import { HttpClient } from '../../helpers/http';


// argon2 and a shared CPU make a sign-in take seconds at times: wait as a patient person would.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const suite = browserSuite('foundation', { config: { loginRateLimit: { max: 3, windowMs: 60_000 } } });

it('a coordinator invites a member, who creates the account, signs out and back in', async () => {
  const coordinator = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  createOrganisation(suite.server.app, { name: 'MSP des Pentes', type: 'msp_pole_sante' });

  const admin = await newContext(suite.browser, suite.server.url);
  const page = await admin.newPage();
  const errors = watchPageErrors(page);
  await signInThroughPage(page, coordinator.email, coordinator.password);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Invitations' }).click();
  await page.getByLabel('Adresse e-mail').fill('camille.petit@example.org');
  await page.getByLabel('Organisation').selectOption({ label: 'MSP des Pentes' });
  await page.getByRole('button', { name: "Créer l'invitation" }).click();
  // No SMTP configured: the coordinator is told so and gets the link to pass on.
  await poll(() => page.getByRole('status').first().textContent()).toContain('Aucun envoi d\'e-mail n\'est configuré');
  const link = await page.getByLabel("Lien d'invitation").inputValue();
  expect(link).toMatch(new RegExp(`^${suite.server.url}/invitation/`));
  await poll(() => page.getByRole('row', { name: /camille\.petit@example\.org/ }).textContent()).toContain('En attente');

  const invitee = await newContext(suite.browser, suite.server.url);
  const them = await invitee.newPage();
  const theirErrors = watchPageErrors(them);
  await them.goto(link);
  await poll(() => them.getByText('MSP des Pentes', { exact: false }).count()).toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(them);
  await them.getByLabel('Nom et prénom').fill('Camille Petit');
  await them.getByLabel('Choisissez un mot de passe').fill('une phrase de passe');
  await them.getByLabel('Confirmez le mot de passe').fill('une phrase de passe');
  await them.getByRole('button', { name: 'Créer mon compte' }).click();
  await them.waitForURL(`${suite.server.url}/`);
  await poll(() => them.getByRole('heading', { level: 1 }).textContent()).toBe('Bonjour Camille Petit');

  // The link was single-use.
  await page.reload();
  await poll(() => page.getByRole('row', { name: /camille\.petit@example\.org/ }).textContent()).toContain('Acceptée');

  await them.getByRole('button', { name: 'Mon compte : Camille Petit' }).click();
  await them.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await them.waitForURL(/\/connexion/);
  const theirCalls = watchApiCalls(them);
  await them.goto('/profil');
  await them.waitForURL(/\/connexion\?redirect=/);
  // Signing in from there leads back to the page asked for.
  await them.getByLabel('Adresse e-mail').fill('camille.petit@example.org');
  await them.getByLabel('Mot de passe').fill('une phrase de passe');
  await them.getByRole('button', { name: 'Se connecter' }).click();
  await poll(() => them.getByRole('heading', { level: 1 }).textContent()).toBe('Mon profil');
  await poll(() => them.getByLabel('Nom et prénom').inputValue()).toBe('Camille Petit');
  // The page has finished loading (its sessions list, the counts the live connection refreshes once open).
  await poll(() => them.getByText('Cette session', { exact: true }).count()).toBe(1);
  await theirCalls.settled();

  // When the session ends on the server, the next call sends the person to sign in, then back.
  suite.server.app.sqlite.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)').run('camille.petit@example.org');
  await them.getByRole('link', { name: 'Annuaire' }).click();
  await them.waitForURL((url) => url.pathname === '/connexion' && url.searchParams.get('redirect') === '/annuaire');
  expect(await them.getByRole('button', { name: /^Mon compte/ }).count()).toBe(0);

  expect([...errors, ...theirErrors]).toEqual([]);
  await admin.close();
  await invitee.close();
}, 60_000);

it('shows a wrong password and then the rate limit in words', async () => {
  const user = await createUser(suite.server.app);
  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  await page.goto('/connexion');
  const alert = page.getByRole('alert');
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await poll(() => alert.textContent()).toBe('Adresse e-mail ou mot de passe incorrect.');
    // The password field is emptied for the next try.
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
  }
  await page.getByLabel('Mot de passe').fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await poll(() => alert.textContent()).toMatch(/^Trop de tentatives\. Réessayez dans \d+ secondes\.$/);
  expect(new URL(page.url()).pathname).toBe('/connexion');
  // In English the wait keeps its number.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await poll(() => alert.textContent()).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
  await context.close();
}, 60_000);

it('lists disabled accounts for the coordinator, who re-enables them', async () => {
  const coordinator = await createUser(suite.server.app, { role: 'coordinator' });
  const away = await createUser(suite.server.app, { name: 'Julien Moreau' });
  suite.server.app.sqlite.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(away.id);
  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  await signInThroughPage(page, coordinator.email, coordinator.password);
  await page.goto('/admin/membres');
  const row = page.getByRole('row', { name: /Julien Moreau/ });
  await poll(() => row.textContent()).toContain('Désactivé');
  await row.getByRole('button', { name: 'Réactiver Julien Moreau' }).click();
  await poll(() => row.textContent()).toContain('Actif');
  expect((await new HttpClient(suite.server.url).post('/api/auth/login', { email: away.email, password: away.password })).status).toBe(200);
  await context.close();
}, 60_000);
