// The public pages as a visitor's phone loads them (issue 13): each shows its content, asks for its
// data once (the page's preload is used, not doubled), downloads none of the signed-in shell, stays
// accessible; a signed-in person still has the account menu, notifications, home and a document.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { expectNoSeriousA11yViolations, signInThroughPage, watchPageErrors } from '../../helpers/browser';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
// The demo region: a published agenda, resources, programmes, as a visitor finds them.
const suite = browserSuite('pages', { config: { demo: true } });

const PAGES = [
  { name: 'agenda', path: '/agenda/journee-regionale-etp-2027', data: '/api/events/public/journee-regionale-etp-2027', content: (page: Page) => page.locator('main h2').first() },
  { name: 'ressources', path: '/ressources', data: '/api/documents/resources', content: (page: Page) => page.locator('main li a').first() },
  { name: 'programmes', path: '/programmes', data: '/api/programmes/public?', content: (page: Page) => page.locator('main li a').first() },
  { name: 'mutualisation', path: '/mutualisation', content: (page: Page) => page.locator('main h2').first() },
  { name: 'mutualisation-2.2', path: '/mutualisation/2.2', content: (page: Page) => page.locator('main h2').first() },
];

async function visitor(width: number, height: number, locale?: 'en') {
  const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500 });
  if (locale) await context.addInitScript(() => localStorage.setItem('maillage.locale', 'en'));
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url().slice(suite.server.url.length)));
  return { context, page, requests, errors: watchPageErrors(page) };
}

it('shows a visitor on a phone each public page with its data asked once and none of the signed-in shell', async () => {
  const { context, page, requests, errors } = await visitor(360, 740);
  for (const { name, path, data, content } of PAGES) {
    requests.length = 0;
    await page.goto(path);
    await poll(() => page.locator('main h1').first().textContent().then((text) => text?.trim().length ?? 0)).toBeGreaterThan(3);
    await content(page).waitFor();
    await page.waitForLoadState('networkidle');
    if (data) expect(requests.filter((r) => r === data), `${name}: ${data} asked once`).toHaveLength(1);
    // A visitor downloads neither the account menu (Reka UI's menus), the side navigation's groups nor the English messages.
    expect(requests.filter((r) => /\/assets\/(AccountMenu|NotificationsLink|SideNavGroups|en)-/.test(r)), name).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} fits the phone`).toBeLessThanOrEqual(0);
    // The bar names the site and keeps its sign-in button clear of the screen's edge.
    expect(await page.locator('.brand__name').boundingBox().then((box) => box?.width ?? 0), `${name}: "Maillage" in the bar`).toBeGreaterThan(40);
    const signIn = await page.locator('.top-bar').getByRole('link', { name: 'Se connecter' }).boundingBox();
    expect(signIn!.x + signIn!.width, `${name}: sign-in clear of the edge`).toBeLessThanOrEqual(360 - 4);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${suite.shots}/${name}-360.png` });
  }
  expect(errors).toEqual([]);
  await context.close();

  const desk = await visitor(1366, 800);
  for (const { name, path, content } of PAGES) {
    await desk.page.goto(path);
    await content(desk.page).waitFor();
    await desk.page.waitForLoadState('networkidle');
    await desk.page.screenshot({ path: `${suite.shots}/${name}-1366.png` });
  }
  expect(desk.errors).toEqual([]);
  await desk.context.close();
}, 180_000);

it('gives a visitor who chose English the page in English from the start, and French back on request', async () => {
  const { context, page, requests, errors } = await visitor(360, 740, 'en');
  await page.goto('/mutualisation');
  await poll(() => page.locator('main h1').textContent()).toBe('Pooling a patient education programme');
  expect(requests.some((r) => /^\/assets\/en-.+\.js$/.test(r)), 'the English messages, a chunk of their own').toBe(true);
  await page.getByRole('button', { name: 'Français' }).click();
  await poll(() => page.locator('main h1').textContent()).toBe('Mutualiser un programme d’ETP');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await page.getByRole('button', { name: 'English' }).click();
  await poll(() => page.locator('main h1').textContent()).toBe('Pooling a patient education programme');
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);

it('still gives a signed-in person the account menu, notifications, home and a document', async () => {
  const { context, page, requests, errors } = await visitor(1366, 800);
  await signInThroughPage(page, 'claire.martin@demo.maillage.fr', DEMO_PASSWORD);
  await poll(() => page.locator('main h1').textContent()).toBe('Bonjour Claire Martin');
  await page.getByRole('link', { name: /^Notifications/ }).waitFor();
  await page.getByRole('button', { name: 'Mon compte : Claire Martin' }).click();
  await page.getByRole('menuitem', { name: 'Mon profil' }).waitFor();
  await page.keyboard.press('Escape');
  // The menu the visitors were spared, loaded for the person who needs it.
  for (const part of ['AccountMenu', 'SideNavGroups']) expect(requests.some((r) => r.startsWith(`/assets/${part}-`)), part).toBe(true);
  await page.screenshot({ path: `${suite.shots}/home-1366.png` });

  const { resources } = await (await page.request.get('/api/documents/resources')).json() as { resources: { id: string; title: string }[] };
  await page.goto(`/documents/${resources[0].id}`);
  await page.locator('.ProseMirror').first().waitFor();
  await poll(() => page.locator('.ProseMirror').first().textContent().then((text) => text?.length ?? 0)).toBeGreaterThan(20);
  await page.screenshot({ path: `${suite.shots}/document-1366.png` });
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);
