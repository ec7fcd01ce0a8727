import { beforeAll, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { expectNoSeriousA11yViolations, newContext, watchPageErrors } from '../../helpers/browser';

// Documents' rough edges (issue 12): trash and undo, a member's trash page, print, task checkboxes.
vi.setConfig({ testTimeout: 90_000 });
const POLL = { timeout: 20_000, interval: 200 };
const sizes = [{ name: 'laptop', width: 1366, height: 800 }, { name: 'phone', width: 360, height: 740 }] as const;

const suite = browserSuite('edges');
let groupId: string;
let lead: TestUser;
let member: TestUser;
const sessions = new Map<string, Promise<HttpClient>>();
const apiAs = (user: TestUser) => {
  if (!sessions.has(user.id)) sessions.set(user.id, signIn(suite.server.url, user));
  return sessions.get(user.id)!;
};

beforeAll(async () => {
  lead = await createUser(suite.server.app, { name: 'Alice Lambert' });
  member = await createUser(suite.server.app, { name: 'Bruno Carré' });
  groupId = createGroup(suite.server.app, lead.id, { name: 'Lombalgie chronique' }).id;
  addToGroup(suite.server.app, groupId, lead.id, 'lead');
  addToGroup(suite.server.app, groupId, member.id, 'member');
});

async function pageAs(user: TestUser): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(suite.browser, suite.server.url);
  // The client's jar may hold several cookies (session, known browser): each one goes to the browser.
  const cookies = (await apiAs(user)).cookie.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: suite.server.url }));
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.setViewportSize(sizes[0]);
  return { page, errors: watchPageErrors(page) };
}
async function shots(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${suite.shots}/${name}-${size.name}.png` });
  }
  await page.setViewportSize(sizes[0]);
}
const newDocument = async (title: string) => (await (await apiAs(member)).post('/api/documents', { groupId, title, kind: 'blank' })).body.document.id as string;

it('a member who trashes a document lands on the group with "Annuler", which brings it back', async () => {
  const id = await newDocument('Compte rendu de la réunion');
  const { page, errors } = await pageAs(member);
  await page.goto(`/documents/${id}`);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  await page.getByRole('button', { name: 'Actions du document' }).click();
  await page.getByRole('menuitem', { name: 'Mettre à la corbeille' }).click();
  await page.waitForURL(`**/groupes/${groupId}`, POLL);
  const notice = page.getByRole('status').filter({ hasText: '« Compte rendu de la réunion » est dans la corbeille du groupe.' });
  await notice.waitFor();
  expect(await page.getByText('Connexion fermée').count()).toBe(0);
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'trash-undo');

  await notice.getByRole('button', { name: 'Annuler' }).click();
  await page.waitForURL(`**/documents/${id}`, POLL);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  expect((await (await apiAs(member)).get(`/api/documents/${id}`)).body.document.deletedAt).toBeNull();
  expect(errors).toEqual([]);
  await page.context().close();
});

it('a member\'s trash page says only that the trash is for leads, never that it is empty', async () => {
  const id = await newDocument('Brouillon à jeter');
  expect((await (await apiAs(member)).delete(`/api/documents/${id}`)).status).toBe(200);
  const { page, errors } = await pageAs(member);
  await page.goto(`/groupes/${groupId}/corbeille`);
  await page.getByRole('alert').getByText('Seuls les animateurs et animatrices du groupe peuvent faire cela.').waitFor();
  expect(await page.getByText('La corbeille est vide.').count()).toBe(0);
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'trash-member');
  // The lead sees it there.
  const asLead = await pageAs(lead);
  await asLead.page.goto(`/groupes/${groupId}/corbeille`);
  await asLead.page.locator('.document-list__title').getByText('Brouillon à jeter').waitFor();
  expect(await asLead.page.getByText('La corbeille est vide.').count()).toBe(0);
  expect([...errors, ...asLead.errors]).toEqual([]);
  await page.context().close();
  await asLead.page.context().close();
});

it('names task checkboxes in French, and prints without the "Écrivez ici…" prompt', async () => {
  const id = await newDocument('Liste de tâches');
  const { page, errors } = await pageAs(member);
  await page.goto(`/documents/${id}`);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  const editor = page.locator('.ProseMirror');
  // The empty document shows its prompt on screen…
  const prompt = () => editor.locator('p').first().evaluate((p) => getComputedStyle(p, '::before').content);
  await expect.poll(prompt, POLL).toBe('"Écrivez ici…"');
  // …and not on paper.
  await page.emulateMedia({ media: 'print' });
  expect(await prompt()).toBe('none');
  await page.emulateMedia({ media: 'screen' });

  await editor.click();
  await page.keyboard.type('[ ] Relire le BEP');
  const checkbox = page.getByRole('checkbox', { name: 'Tâche : Relire le BEP' });
  await checkbox.waitFor();
  expect(await page.getByRole('checkbox', { name: /Task item/ }).count()).toBe(0);
  await checkbox.check();
  await expect.poll(() => checkbox.isChecked()).toBe(true);
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'task-list');
  expect(errors).toEqual([]);
  await page.context().close();
});
