import { beforeAll, expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { untyped } from '../../helpers/live';
import { newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';

// A page open for hours meets a server newer or older than itself: a payload it does not expect
// is dropped (and logged) before the view sees it, and the next good one still updates the page.

const suite = browserSuite('live');
const { lookAt } = suite;
let nadia: TestUser;
let lead: HttpClient;
let groupId: string;

beforeAll(async () => {
  const sophie = await createUser(suite.server.app, { name: 'Sophie Bernard' });
  nadia = await createUser(suite.server.app, { name: 'Nadia Benali' });
  groupId = createGroup(suite.server.app, sophie.id, { name: 'Insuffisance cardiaque', visibility: 'platform' }).id;
  addToGroup(suite.server.app, groupId, sophie.id, 'lead');
  addToGroup(suite.server.app, groupId, nadia.id, 'member');
  lead = await signIn(suite.server.url, sophie);
});

it('an open group page ignores malformed live events and still follows the next real change', async () => {
  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  const warnings: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
  await signInThroughPage(page, nadia.email, nadia.password);
  await page.goto(`/groupes/${groupId}`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Insuffisance cardiaque');
  // The page has entered the group's room (the server's own view of it).
  const room = `group:${groupId}`;
  await expect.poll(() => suite.server.app.io.of('/').adapter.rooms.get(room)?.size ?? 0).toBeGreaterThan(0);

  const io = untyped(suite.server.app.io);
  io.to(room).emit('group.updated', { groupId, what: 'tout' });
  io.to(room).emit('group.activity', { groupId, entry: { id: 7 } });
  io.to(room).emit('threads:activity', 'rien');
  await expect.poll(() => warnings.join('\n')).toMatch(/group\.updated[\s\S]*group\.activity/);

  // A real change made by the lead: the page shows it without a reload.
  expect((await lead.patch(`/api/groups/${groupId}`, { description: 'Éducation thérapeutique après une hospitalisation.' })).status).toBe(200);
  await expect.poll(() => page.getByText('Éducation thérapeutique après une hospitalisation.').count()).toBeGreaterThan(0);
  const activity = page.getByRole('region', { name: 'Activité récente' });
  await expect.poll(() => activity.textContent()).toContain('Sophie Bernard a modifié la présentation du groupe.');
  expect(errors).toEqual([]);
  await lookAt(page, 'live-group-after-malformed-events');
  await context.close();
});
