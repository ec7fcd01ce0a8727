import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';
import { clientId } from '../../server/threads/fixtures';

// Discussions' rough edges (issue 12), in a real Chromium.
const suite = browserSuite('edges');
let nadia: TestUser;
let thomas: TestUser;
let asThomas: HttpClient;
let threadId: string;
const sizes = [{ name: 'laptop', width: 1366, height: 800 }, { name: 'phone', width: 360, height: 740 }] as const;

beforeAll(async () => {
  const claire = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  nadia = await createUser(suite.server.app, { name: 'Nadia Benali' });
  thomas = await createUser(suite.server.app, { name: 'Thomas Roux' });
  const groupId = createGroup(suite.server.app, claire.id, { name: 'Lombalgie chronique', visibility: 'platform' }).id;
  addToGroup(suite.server.app, groupId, nadia.id, 'member');
  addToGroup(suite.server.app, groupId, thomas.id, 'lead');
  asThomas = await signIn(suite.server.url, thomas);
  threadId = (await asThomas.post('/api/threads', { groupId, title: 'Séances collectives', body: 'Qui co-anime la séance 4 ?', clientId: clientId() })).body.thread.id;
});

const text = (locator: Locator) => locator.first().textContent({ timeout: 500 }).catch(() => null);
const pageOf = (user: TestUser) => suite.openPage(user, sizes[0]);
async function shots(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${suite.shots}/${name}-${size.name}.png` });
  }
  await page.setViewportSize(sizes[0]);
}

it('shows a chosen mention as "@Nadia Benali" in the composer and sends its code', async () => {
  const { page, errors } = await pageOf(thomas);
  // Frames come late, as on a busy hospital laptop: the key typed right after choosing a mention
  // must still follow it, whenever the page next paints.
  await page.addInitScript(() => {
    window.requestAnimationFrame = (callback) => window.setTimeout(() => callback(performance.now()), 100);
  });
  await page.goto(`/discussions/${threadId}`);
  const field = page.getByLabel('Votre message');
  await field.pressSequentially('Merci @Nad');
  await page.getByRole('option', { name: /Nadia Benali/ }).waitFor();
  await field.press('Enter');
  await field.pressSequentially('tu relis ?', { delay: 40 });
  await expect.poll(() => field.inputValue()).toBe('Merci @Nadia Benali tu relis ?');
  await shots(page, 'composer-mention');
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect.poll(() => text(page.locator('.message__body .mention'))).toBe('@Nadia Benali');
  await expect.poll(() => field.inputValue()).toBe('');
  // Underneath, the message keeps the mention's code: Nadia is notified.
  const sent = (await asThomas.get(`/api/threads/${threadId}/messages`)).body.messages.at(-1);
  expect(sent.source).toBe(`Merci @[Nadia Benali](${nadia.id}) tu relis ?`);
  expect(errors).toEqual([]);
  await page.context().close();
});

it('keeps message actions in a compact menu, shown on hover and focus, and draws reactions as pictures', async () => {
  const { page, errors } = await pageOf(nadia);
  await page.goto(`/discussions/${threadId}`);
  const first = page.locator('.message').first();
  await first.waitFor();
  const more = first.getByRole('button', { name: 'Actions sur le message de Thomas Roux' });
  // Quiet until the message is pointed at or reached by keyboard.
  expect(await first.locator('.message__toolbar').evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
  await first.hover();
  await expect.poll(() => first.locator('.message__toolbar').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  expect(await first.getByRole('button', { name: 'Signaler' }).isVisible()).toBe(false);

  await page.mouse.move(0, 0);
  await more.focus();
  await expect.poll(() => first.locator('.message__toolbar').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  await page.keyboard.press('Enter');
  expect(await more.getAttribute('aria-expanded')).toBe('true');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Signaler');
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'message-menu');
  await page.keyboard.press('Escape');
  expect(await more.getAttribute('aria-expanded')).toBe('false');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Actions sur le message de Thomas Roux');

  // Reactions: each one a picture that loaded, named for screen readers by its button.
  await first.getByRole('button', { name: 'Ajouter une réaction' }).click();
  const thumbs = first.getByRole('button', { name: /👍/ });
  await thumbs.click();
  await expect.poll(() => thumbs.getAttribute('aria-pressed')).toBe('true');
  const pictures = await first.locator('.message__reactions img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
  expect(pictures.length).toBeGreaterThan(0);
  expect(pictures.every((w) => w > 0)).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
});

it('clears the header count once the notifications page has shown them, keeping their "new" mark there', async () => {
  // Opening the thread read the first mention: Thomas mentions her again while she is away.
  const again = await asThomas.post(`/api/threads/${threadId}/messages`, { body: `@[Nadia Benali](${nadia.id}) et la séance 5 ?`, clientId: clientId() });
  expect(again.status).toBe(201);
  const { page, errors } = await pageOf(nadia);
  await page.goto('/discussions');
  const headerLink = page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
  await expect.poll(async () => (await text(headerLink))?.replace(/\s+/g, ' ').trim()).toBe('Notifications 1 nouvelle');
  await headerLink.click();
  await page.waitForURL('**/notifications');
  await expect.poll(() => page.getByText('Thomas Roux vous a mentionné·e dans').count()).toBe(2);
  await expect.poll(async () => (await text(headerLink))?.trim()).toBe('Notifications');
  expect(await page.locator('.notification--unread').count()).toBe(1);
  expect((await (await signIn(suite.server.url, nadia)).get('/api/threads/notifications')).body.unread).toBe(0);
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'notifications-seen');
  expect(errors).toEqual([]);
  await page.context().close();
});
