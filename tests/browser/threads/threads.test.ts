import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';
import { expectNoSeriousA11yViolations, newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';
import { clientId, createCategory } from '../../server/threads/fixtures';

const suite = browserSuite('threads');
let nadia: TestUser;
let thomas: TestUser;
let threadId: string;
let groupId: string;

beforeAll(async () => {
  const claire = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  nadia = await createUser(suite.server.app, { name: 'Nadia Benali' });
  thomas = await createUser(suite.server.app, { name: 'Thomas Roux' });
  groupId = createGroup(suite.server.app, claire.id, { name: 'Lombalgie chronique', visibility: 'platform' }).id;
  addToGroup(suite.server.app, groupId, nadia.id, 'lead');
  addToGroup(suite.server.app, groupId, thomas.id, 'member');
  createCategory(suite.server.app, claire.id, { name: 'Associations et professionnels', description: 'Questions et retours' });
  const http = await signIn(suite.server.url, nadia);
  const created = await http.post('/api/threads', {
    groupId, title: '<img src=x onerror=alert(1)> Séances collectives', body: 'Qui co-anime la séance 4 ?', clientId: clientId(),
  });
  threadId = created.body.thread.id;
});

/** The text of an element, or null while it is not there (never blocks a poll). */
const text = (locator: Locator) => locator.first().textContent({ timeout: 500 }).catch(() => null);

async function personPage(user: TestUser): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const context = await newContext(suite.browser, suite.server.url);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await signInThroughPage(page, user.email, user.password);
  return { page, errors, dialogs };
}

it('two people talk live in a thread, and the other one\'s unread badge moves', async () => {
  const a = await personPage(nadia);
  const b = await personPage(thomas);

  // Thomas waits on the discussions page: one unread message (the first one) in his group.
  await b.page.goto('/discussions');
  const badge = b.page.locator(`[data-group-unread="${groupId}"]`);
  await expect.poll(() => text(badge)).toBe('1 non lu');
  await expectNoSeriousA11yViolations(b.page);

  // Nadia writes in the thread: Thomas's badge moves without a reload.
  await a.page.goto(`/discussions/${threadId}`);
  await expect.poll(() => text(a.page.getByRole('heading', { level: 1 }))).toBe('<img src=x onerror=alert(1)> Séances collectives');
  await a.page.getByLabel('Votre message').fill('Je propose **Marie**, patiente partenaire.');
  await a.page.getByRole('button', { name: 'Envoyer' }).click();
  await expect.poll(() => text(badge)).toBe('2 non lus');

  // Thomas opens it, sees the "new" line, and answers; Nadia sees it appear live.
  await b.page.goto(`/discussions/${threadId}`);
  await expect.poll(() => b.page.getByText('Nouveau depuis votre dernière visite').count()).toBe(1);
  await expect.poll(() => text(b.page.locator('.message__body strong'))).toBe('Marie');
  await expectNoSeriousA11yViolations(b.page);
  await b.page.getByLabel('Votre message').fill('Très bien, je la contacte.');
  await expect.poll(() => a.page.getByText('Thomas Roux écrit…').count()).toBe(1);
  await b.page.getByRole('button', { name: 'Envoyer' }).click();
  await expect.poll(() => a.page.locator('.message__body').last().textContent({ timeout: 500 }).catch(() => null)).toContain('Très bien, je la contacte.');

  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
  expect([...a.dialogs, ...b.dialogs]).toEqual([]);
  await a.page.context().close();
  await b.page.context().close();
});

it('keeps a message being written when the connection drops, and sends it once when it is back', async () => {
  const a = await personPage(thomas);
  await a.page.goto(`/discussions/${threadId}`);
  await a.page.getByLabel('Votre message').fill('Message écrit hors ligne');
  await a.page.context().setOffline(true);
  await a.page.getByRole('button', { name: 'Envoyer' }).click();
  await expect.poll(() => a.page.getByText('Connexion perdue').count()).toBe(1);
  await a.page.reload().catch(() => undefined);
  await a.page.context().setOffline(false);
  await a.page.goto(`/discussions/${threadId}`);
  await expect.poll(() => a.page.locator('.message__body', { hasText: 'Message écrit hors ligne' }).count(), { timeout: 15_000 }).toBe(1);
  const http = await signIn(suite.server.url, thomas);
  const page = await http.get(`/api/threads/${threadId}/messages`);
  expect(page.body.messages.filter((m: { source: string }) => m.source === 'Message écrit hors ligne')).toHaveLength(1);
  await a.page.context().close();
});

it('mentions are offered as you type, and the mentioned person sees it arrive in the header and on the notifications page', async () => {
  const b = await personPage(thomas);
  const headerLink = b.page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
  await expect.poll(async () => (await text(headerLink))?.trim()).toBe('Notifications');
  const a = await personPage(nadia);
  await a.page.goto(`/discussions/${threadId}`);
  const field = a.page.getByLabel('Votre message');
  await field.pressSequentially('Merci @Thom');
  await expect.poll(() => a.page.getByRole('option', { name: /Thomas Roux/ }).count()).toBe(1);
  await field.press('Enter');
  await field.pressSequentially('peux-tu relire ?');
  await a.page.getByRole('button', { name: 'Envoyer' }).click();
  await expect.poll(() => text(a.page.locator('.message__body .mention'))).toBe('@Thomas Roux');

  // Live, without a reload: the header of Thomas's open page counts the new notification.
  await expect.poll(() => text(headerLink)).toMatch(/Notifications\s+1 nouvelle/);
  await headerLink.click();
  await b.page.waitForURL('**/notifications');
  await expect.poll(() => b.page.getByText('Nadia Benali vous a mentionné·e dans').count()).toBe(1);
  await expectNoSeriousA11yViolations(b.page);
  expect(b.errors).toEqual([]);
  expect(a.errors).toEqual([]);
  await a.page.context().close();
  await b.page.context().close();
});

it('shows the discussions of a programme on its page, and leads from one to the other', async () => {
  const http = await signIn(suite.server.url, nadia);
  const documentId = (await http.post('/api/documents', { groupId, title: 'Programme type lombalgie', kind: 'reference_programme' })).body.document.id;
  const linked = await http.post('/api/threads', { groupId, documentId, title: 'Relecture de la séance 2', body: 'Vos remarques ici.', clientId: clientId() });
  expect(linked.status).toBe(201);

  const b = await personPage(thomas);
  await b.page.goto(`/documents/${documentId}`);
  const section = b.page.getByRole('region', { name: 'Discussions sur ce document' });
  await section.getByRole('link', { name: 'Relecture de la séance 2' }).click();
  await b.page.waitForURL(`**/discussions/${linked.body.thread.id}`);
  await expect.poll(() => b.page.getByRole('link', { name: 'Programme type lombalgie' }).count()).toBeGreaterThan(0);
  expect(b.errors).toEqual([]);
  await b.page.context().close();
});
