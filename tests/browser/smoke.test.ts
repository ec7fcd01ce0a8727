import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { createUser } from '../helpers/factories';
import { expectNoSeriousA11yViolations, launchBrowser, newContext, signInThroughPage, watchPageErrors } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({}, { withClient: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('signs in and lands on a French home page without errors', async () => {
  const user = await createUser(server.app, { name: 'Nadia Benali' });
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await signInThroughPage(page, user.email, user.password);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Bonjour Nadia Benali');
  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
  await context.close();
});
