import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Config } from '../../server/core/config';
import { startServer, type TestServer } from './server';
import { signIn, type HttpClient } from './http';
import { expectNoSeriousA11yViolations, launchBrowser, newContext, signInThroughPage, watchPageErrors } from './browser';

/** What a person signs in with (a TestUser, or a demo account with DEMO_PASSWORD). */
interface Credentials {
  id?: string;
  email: string;
  password: string;
}

interface OpenPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export interface BrowserSuite {
  /** The file's server, with the built client; set once beforeAll has run. */
  readonly server: TestServer;
  readonly browser: Browser;
  /** The folder this file's screenshots go to (made in beforeAll). */
  readonly shots: string;
  /** A fresh context with its own cookies, page errors watched, signed in through the page when `user` is given. */
  openPage: (user?: Credentials, viewport?: { width: number; height: number }) => Promise<OpenPage>;
  /** A signed-in session through the API, one per person and file (sign-in is rate-limited per person). */
  apiAs: (user: Credentials & { id: string }) => Promise<HttpClient>;
  /** A fresh context that carries the person's API session: no sign-in page to go through again. */
  pageWithSession: (user: Credentials & { id: string }) => Promise<{ page: Page; errors: string[] }>;
  /**
   * The page at a phone's then a laptop's size: axe-core clean and nothing wider than the screen at
   * both, a full-page screenshot of each for a person to look at. Leaves the laptop size on.
   */
  lookAt: (page: Page, name: string) => Promise<void>;
}

const SIZES = [{ width: 360, height: 740, label: 'phone' }, { width: 1366, height: 800, label: 'laptop' }] as const;

/**
 * One real server with the built client and one Chromium for the whole file, closed after it.
 * `config` may be a function for settings known only in an earlier beforeAll (an SMTP server's URL).
 * Screenshots go to SHOTS_DIR, else /tmp/shots-<name>.
 */
export function browserSuite(name: string, options: { config?: Partial<Config> | (() => Partial<Config>) } = {}): BrowserSuite {
  const shots = process.env.SHOTS_DIR ?? `/tmp/shots-${name}`;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const sessions = new Map<string, Promise<HttpClient>>();
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const config = typeof options.config === 'function' ? options.config() : options.config;
    server = await startServer(config, { withClient: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const suite: BrowserSuite = {
    shots,
    get server() {
      if (!server) throw new Error('browserSuite: the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browserSuite: Chromium starts in beforeAll');
      return browser;
    },
    async openPage(user, viewport) {
      const context = await newContext(suite.browser, suite.server.url);
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      // A busy two-core machine: a person waits longer than playwright's usual step.
      page.setDefaultTimeout(20_000);
      const errors = watchPageErrors(page);
      if (user) await signInThroughPage(page, user.email, user.password);
      return { context, page, errors };
    },
    apiAs(user) {
      if (!sessions.has(user.id)) sessions.set(user.id, signIn(suite.server.url, user));
      return sessions.get(user.id)!;
    },
    async pageWithSession(user) {
      const context = await newContext(suite.browser, suite.server.url);
      const jar = (await suite.apiAs(user)).cookie.split('; ').map((pair) => pair.split('='));
      await context.addCookies(jar.map(([cookie, value]) => ({ name: cookie, value, url: suite.server.url })));
      const page = await context.newPage();
      return { page, errors: watchPageErrors(page) };
    },
    async lookAt(page, shot) {
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.evaluate(() => document.fonts.ready);
        await expectNoSeriousA11yViolations(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${shot} at ${size.width}px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${shots}/${shot}-${size.label}.png`, fullPage: true });
      }
    },
  };
  return suite;
}
