import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { createUser, type TestUser } from '../../helpers/factories';
import { expectNoSeriousA11yViolations, newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';


// argon2 and a shared CPU make a sign-in take seconds at times: wait as a patient person would.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const suite = browserSuite('shell');
let coordinator: TestUser;
beforeAll(async () => {
  coordinator = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('accessibility', () => {
  it('has a skip link, landmarks and visible focus on the sign-in page', async () => {
    const context = await newContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    await page.goto('/connexion');
    await poll(() => h1(page)).toBe('Connexion');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    expect(await skip.evaluate((el) => el === document.activeElement && getComputedStyle(el).outlineStyle !== 'none')).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    for (const role of ['banner', 'main', 'contentinfo'] as const) expect(await page.getByRole(role).count()).toBe(1);
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });

  it('finds no serious violation on home, profile, directory and the admin pages', async () => {
    const context = await newContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInThroughPage(page, coordinator.email, coordinator.password);
    for (const [path, title] of [['/', 'Bonjour Claire Martin'], ['/profil', 'Mon profil'], ['/annuaire', 'Annuaire des membres'],
      ['/admin/membres', 'Comptes'], ['/admin/invitations', 'Invitations'], ['/admin/organisations', 'Organisations']]) {
      await page.goto(path);
      await poll(() => h1(page)).toBe(title);
      await page.waitForLoadState('networkidle');
      await expectNoSeriousA11yViolations(page);
    }
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect((await nav.getByRole('link').allTextContents()).map((x) => x.trim())).toEqual(['Accueil', 'Groupes', 'Discussions', 'Journée régionale', 'Ressources', 'Programmes d’ETP', 'Offre et besoin', 'Mutualisation', 'Besoins des structures', 'Actions', 'Annuaire', 'Administration', 'Modération']);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('language', () => {
  it('switches the interface to English, keeps it after a reload, and speaks English at sign-in', async () => {
    const context = await newContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    await signInThroughPage(page, coordinator.email, coordinator.password);
    // Signed in, the language is in the person's menu.
    await page.getByRole('button', { name: 'Mon compte : Claire Martin' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await poll(() => h1(page)).toBe('Hello Claire Martin');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect((await nav.getByRole('link').allTextContents()).map((x) => x.trim())).toEqual(['Home', 'Groups', 'Discussions', 'Regional day', 'Resources', 'ETP programmes', 'Offer and need', 'Pooling', 'Needs of structures', 'Actions', 'Directory', 'Administration', 'Moderation']);
    await page.getByRole('button', { name: 'My account: Claire Martin' }).click();
    expect(await page.getByRole('menuitemradio', { name: 'English' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('menuitem', { name: 'Sign out' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    await page.reload();
    await poll(() => page.getByRole('link', { name: 'Directory' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe('Home · Maillage');

    await page.getByRole('button', { name: 'My account: Claire Martin' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await poll(() => h1(page)).toBe('Sign in');
    await page.getByLabel('E-mail address').fill(coordinator.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await poll(() => page.getByRole('alert').textContent()).toBe('Wrong e-mail address or password.');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Français' }).click();
    await poll(() => h1(page)).toBe('Connexion');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await context.close();
  }, 60_000);
});

describe('small screens (360 px)', () => {
  it('folds the side navigation behind a Menu button that works with the keyboard, without horizontal scroll', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto('/connexion');
    await poll(() => h1(page)).toBe('Connexion');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await signInThroughPage(page, coordinator.email, coordinator.password);

    const menu = page.getByRole('button', { name: 'Menu' });
    // The side navigation's own link (the home page links to the directory too).
    const directory = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Annuaire' });
    expect(await directory.isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press('Enter');
    await poll(() => directory.isVisible()).toBe(true);
    const toggle = page.getByRole('button', { name: 'Fermer le menu' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await poll(() => directory.isVisible()).toBe(false);
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await poll(() => directory.isVisible()).toBe(true);
    await directory.focus();
    await page.keyboard.press('Enter');
    await poll(() => h1(page)).toBe('Annuaire des membres');
    expect(await directory.isVisible()).toBe(false);

    // The person's menu leads to the profile.
    await page.getByRole('button', { name: 'Mon compte : Claire Martin' }).click();
    await page.getByRole('menuitem', { name: 'Mon profil' }).click();
    await poll(() => h1(page)).toBe('Mon profil');

    for (const path of ['/', '/profil', '/annuaire', '/admin/membres', '/admin/invitations', '/admin/organisations']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect.soft(await overflow(page), `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    }
    await context.close();
  }, 60_000);

  it('keeps the menu open when a visitor taps it while the first page is still loading', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    // A slow link: the session check that decides where / leads answers late.
    let answer = () => {};
    const answered = new Promise<void>((resolve) => { answer = resolve; });
    await page.route('**/api/auth/me', async (route) => { await answered; await route.continue(); });
    await page.goto('/');
    await page.getByRole('button', { name: 'Menu' }).click();
    const programmes = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Programmes d’ETP' });
    await poll(() => programmes.isVisible()).toBe(true);
    answer();
    await poll(() => h1(page)).toBe('Connexion');
    expect(await programmes.isVisible()).toBe(true);
    // Following a link of the drawer is a navigation: it closes.
    await programmes.click();
    await poll(() => programmes.isVisible()).toBe(false);
    await context.close();
  });
});
