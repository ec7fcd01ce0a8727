// The public agenda on a phone (issue 13): the programme shows without waiting for the live-update
// client, every session ends up in the page, an address aiming at a session lands on it, and the
// live connection still opens once the programme is there (regional-day.test.ts follows a new
// version arriving through it).
import { beforeAll, expect, it } from 'vitest';
import type { APIResponse, Route } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { expectNoSeriousA11yViolations, watchPageErrors } from '../../helpers/browser';

const SLUG = 'journee-regionale-etp-2027';
const suite = browserSuite('agenda', { config: { demo: true } });
let sessions: { id: string; title: string }[];
beforeAll(async () => {
  const reply = await fetch(`${suite.server.url}/api/events/public/${SLUG}`);
  sessions = ((await reply.json()) as { agenda: { sessions: { id: string; title: string }[] } }).agenda.sessions;
});

const phone = () => suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

it('shows a phone the whole programme before the live client loads, then goes live; a session’s address lands on it', async () => {
  // More sessions than the first paint renders, or this would not test the rest arriving.
  expect(sessions.length).toBeGreaterThan(8);
  const context = await phone();
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  // Socket.IO's client (engine.io inside) is held back until the programme is on screen.
  const held: { route: Route; response: APIResponse }[] = [];
  await page.route('**/assets/*.js', async (route) => {
    const response = await route.fetch();
    if ((await response.text()).includes('xhr poll error')) held.push({ route, response });
    else await route.fulfill({ response });
  });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  await page.goto(`/agenda/${SLUG}`);
  const titles = page.locator('.agenda-session__title');
  await expect.poll(() => titles.allTextContents(), { timeout: 20_000 }).toEqual(sessions.map((s) => s.title));
  expect(sockets).toEqual([]);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${suite.shots}/agenda-list-360.png` });

  // Asked once the programme is there; released, the page connects to the live updates.
  await expect.poll(() => held.length, { timeout: 20_000 }).toBe(1);
  for (const { route, response } of held.splice(0)) await route.fulfill({ response });
  await expect.poll(() => sockets.filter((url) => url.includes('/socket.io/')).length, { timeout: 20_000 }).toBe(1);

  // A shared link to the last session opens the page on it, although it is rendered after the first paint.
  const last = sessions[sessions.length - 1];
  await page.unroute('**/assets/*.js');
  await page.goto('about:blank');
  await page.goto(`/agenda/${SLUG}#session-${last.id}`);
  const entry = page.locator(`#session-${last.id}`);
  // Its time line is on screen and not under the sticky top bar.
  await expect.poll(() => entry.evaluate((el) => {
    const box = el.querySelector('.agenda-session__when')!.getBoundingClientRect();
    const seen = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
    return seen !== null && el.contains(seen);
  }), { timeout: 20_000 }).toBe(true);
  await page.screenshot({ path: `${suite.shots}/agenda-anchor-360.png` });
  // The grid (its code now downloaded on demand) on the phone, then on a desk.
  await page.goto(`/agenda/${SLUG}?vue=grille`);
  await page.getByRole('region', { name: /^Grille/ }).first().waitFor();
  await page.screenshot({ path: `${suite.shots}/agenda-grid-360.png` });
  expect(errors).toEqual([]);
  await context.close();

  const desk = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: { width: 1366, height: 800 } });
  const deskPage = await desk.newPage();
  const deskErrors = watchPageErrors(deskPage);
  await deskPage.goto(`/agenda/${SLUG}?vue=grille`);
  await deskPage.getByRole('region', { name: /^Grille/ }).first().waitFor();
  await expectNoSeriousA11yViolations(deskPage);
  await deskPage.screenshot({ path: `${suite.shots}/agenda-grid-1366.png` });
  await deskPage.getByRole('button', { name: 'Liste' }).click();
  await expect.poll(() => deskPage.locator('.agenda-session__title').count()).toBe(sessions.length);
  await deskPage.screenshot({ path: `${suite.shots}/agenda-list-1366.png` });
  expect(deskErrors).toEqual([]);
  await desk.close();
});
