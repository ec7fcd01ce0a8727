import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls out). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser context (its own cookies and storage), French by default as our users are. */
export function newContext(browser: Browser, baseURL: string, locale = 'fr-FR'): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 900 } });
}

/** Signs in through the real sign-in page, as a person would. */
export async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

/** axe-core in the page: no serious or critical violation (the WCAG 2.1 A/AA rules). */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  expect(serious).toEqual([]);
}

/** Collects page errors and CSP violations: a page that throws is a failing page. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) errors.push(msg.text());
  });
  return errors;
}

/**
 * Follows the page's API calls from now on; `settled()` resolves once none has been on its way for
 * `quietMs`. A test that changes the server behind the page's back (ends a session) waits for it
 * first, so that a call the page made earlier cannot be the one that meets the change.
 */
export function watchApiCalls(page: Page, quietMs = 500): { settled(): Promise<void> } {
  const open = new Set<object>();
  let lastChange = Date.now();
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (r) => { if (isApi(r.url())) { open.add(r); lastChange = Date.now(); } });
  const done = (r: object) => { if (open.delete(r)) lastChange = Date.now(); };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async settled() {
      await expect.poll(() => open.size === 0 && Date.now() - lastChange >= quietMs, { timeout: 15_000, interval: 100 }).toBe(true);
    },
  };
}
