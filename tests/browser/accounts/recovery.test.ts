import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { createUser } from '../../helpers/factories';
import { newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';

// A person who lost their password gets back in from the sign-in page, through a real SMTP
// server; on the profile, a change of password and "sign out everywhere" end the other browsers.

// argon2 and a shared CPU make a sign-in take seconds at times: wait as a patient person would.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
let smtp: TestSmtp;
// Registered before the suite: the mail server is up before the app starts, closed after it.
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
});
const suite = browserSuite('accounts', { config: () => ({ smtpUrl: smtp.url }) });
const { lookAt } = suite;

/** The sign-in page, asked to lead back to `path` afterwards. */
const signInFor = (path: string) => (url: URL) => url.pathname === '/connexion' && url.searchParams.get('redirect') === path;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

async function signInFails(page: Page, email: string, password: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await poll(() => page.getByRole('alert').textContent()).toBe('Adresse e-mail ou mot de passe incorrect.');
}

it('resets a forgotten password by e-mail, from the sign-in page to signed in', async () => {
  const user = await createUser(suite.server.app, { name: 'Nadia Benali' });
  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto('/connexion');
  await poll(() => h1(page)).toBe('Connexion');
  await lookAt(page, 'sign-in');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await poll(() => h1(page)).toBe('Mot de passe oublié');
  await lookAt(page, 'forgot-password');
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await poll(() => page.getByRole('status').textContent()).toBe(`Si un compte Maillage correspond à ${user.email}, un e-mail vient de lui être envoyé avec un lien valable une heure.`);
  await lookAt(page, 'forgot-password-sent');

  const [mail] = await smtp.waitFor(1);
  expect(mail.to).toEqual([user.email]);
  const link = mail.text.match(/https?:\/\/\S+\/mot-de-passe\/\S+/)![0];
  await page.goto(link);
  await poll(() => page.getByLabel('Adresse e-mail').inputValue()).toBe(user.email);
  await lookAt(page, 'reset-password');
  await page.getByLabel('Choisissez un mot de passe').fill('une nouvelle phrase de passe');
  await page.getByLabel('Confirmez le mot de passe').fill('une nouvelle phrase de passe');
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await page.waitForURL(/\/profil/);
  await poll(() => page.getByRole('status').first().textContent()).toContain('Votre nouveau mot de passe est enregistré');
  await poll(() => page.getByRole('list').filter({ hasText: 'Cette session' }).getByRole('listitem').count()).toBe(1);
  await lookAt(page, 'profile-after-reset');

  // The link served once: opened again, it says so in words.
  await page.goto(link);
  await poll(() => page.getByRole('alert').textContent()).toContain("Ce lien n'est plus valable");
  await lookAt(page, 'reset-password-used');

  await page.getByRole('button', { name: /^Mon compte/ }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await page.waitForURL(/\/connexion/);
  await signInFails(page, user.email, user.password);
  await signInThroughPage(page, user.email, 'une nouvelle phrase de passe');
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

it('changes the password on the profile, which signs out the other browser; then signs out everywhere', async () => {
  const user = await createUser(suite.server.app, { name: 'Thomas Roux' });
  const [laptopContext, phoneContext, tabletContext] = await Promise.all([1, 2, 3].map(() => newContext(suite.browser, suite.server.url)));
  const laptop = await laptopContext.newPage();
  const phone = await phoneContext.newPage();
  const errors = watchPageErrors(laptop);
  await signInThroughPage(phone, user.email, user.password);
  await signInThroughPage(laptop, user.email, user.password);

  await laptop.goto('/profil');
  await poll(() => h1(laptop)).toBe('Mon profil');
  const sessions = laptop.getByRole('region', { name: 'Sessions ouvertes' });
  await poll(() => sessions.getByRole('listitem').count()).toBe(2);
  expect(await sessions.getByRole('listitem').first().textContent()).toMatch(/^Chrome sur Linux\s*Cette session/);
  expect(await sessions.getByRole('button', { name: /^Déconnecter la session Chrome sur Linux/ }).count()).toBe(1);
  await lookAt(laptop, 'profile');

  const form = laptop.getByRole('form', { name: 'Changer de mot de passe' });
  await form.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
  await form.getByLabel('Nouveau mot de passe').fill('une autre phrase de passe');
  await form.getByLabel('Confirmez le mot de passe').fill('une autre phrase de passe');
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await poll(() => form.getByRole('alert').textContent()).toBe('Le mot de passe actuel est incorrect.');
  await form.getByLabel('Mot de passe actuel').fill(user.password);
  await form.getByLabel('Nouveau mot de passe').fill('une autre phrase de passe');
  await form.getByLabel('Confirmez le mot de passe').fill('une autre phrase de passe');
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await poll(() => form.getByRole('status').textContent()).toBe('Mot de passe changé. Vos autres sessions ont été fermées.');
  await poll(() => sessions.getByRole('listitem').count()).toBe(1);
  await lookAt(laptop, 'profile-password-changed');

  // The other browser's next navigation lands on the sign-in page.
  await phone.goto('/groupes');
  await phone.waitForURL(signInFor('/groupes'));
  await poll(() => h1(phone)).toBe('Connexion');

  // Signed in again elsewhere with the new password, then "sign out everywhere" from the laptop.
  const tablet = await tabletContext.newPage();
  await signInThroughPage(tablet, user.email, 'une autre phrase de passe');
  await poll(() => sessions.getByRole('listitem').count()).toBe(1);
  await laptop.reload();
  await poll(() => sessions.getByRole('listitem').count()).toBe(2);
  laptop.once('dialog', (dialog) => void dialog.accept());
  await sessions.getByRole('button', { name: 'Se déconnecter partout' }).click();
  await laptop.waitForURL(/\/connexion/);
  await tablet.goto('/profil');
  await tablet.waitForURL(signInFor('/profil'));
  await laptop.goto('/profil');
  await laptop.waitForURL(signInFor('/profil'));
  expect(errors).toEqual([]);
  await Promise.all([laptopContext, phoneContext, tabletContext].map((c) => c.close()));
}, 120_000);

it('lets a coordinator send a reset link from account administration', async () => {
  const coordinator = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  const person = await createUser(suite.server.app, { name: 'Julien Moreau' });
  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  await signInThroughPage(page, coordinator.email, coordinator.password);
  await page.goto('/admin/membres');
  const row = page.getByRole('row', { name: /Julien Moreau/ });
  await row.getByRole('button', { name: 'Lien de réinitialisation du mot de passe de Julien Moreau' }).click();
  await poll(() => page.getByRole('status').filter({ hasText: 'Julien Moreau' }).textContent())
    .toBe(`Un lien pour choisir un nouveau mot de passe a été envoyé à Julien Moreau (${person.email}). Il est valable une heure.`);
  await lookAt(page, 'manage-members-reset');
  await poll(() => smtp.mails.filter((m) => m.to.includes(person.email)).length).toBe(1);
  await context.close();
}, 60_000);
