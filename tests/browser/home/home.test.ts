import { beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { documentUpdates, eventRegistrations, events } from '../../../db/schema/index';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { connect, synced, waitFor } from '../../collab/collab-clients';
import { expectNoSeriousA11yViolations, watchPageErrors } from '../../helpers/browser';

// Browser contexts on a shared two-core machine: generous limits, polled (never slept).
vi.setConfig({ testTimeout: 90_000 });
const POLL = { timeout: 20_000, interval: 200 };
const SIZES = { laptop: { width: 1366, height: 800 }, phone: { width: 360, height: 740 } } as const;

const suite = browserSuite('shell');
let alice: TestUser;
let bruno: TestUser;
let groupId: string;
let documentId: string;
let threadId: string;

const sessions = new Map<string, Promise<HttpClient>>();
const apiAs = (user: TestUser) => {
  if (!sessions.has(user.id)) sessions.set(user.id, signIn(suite.server.url, user));
  return sessions.get(user.id)!;
};

async function pageAs(user: TestUser, size: keyof typeof SIZES): Promise<{ page: Page; errors: string[] }> {
  const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: SIZES[size] });
  const cookies = (await apiAs(user)).cookie.split('; ').map((pair) => {
    const [name, ...value] = pair.split('=');
    return { name, value: value.join('='), url: suite.server.url };
  });
  await context.addCookies(cookies);
  const page = await context.newPage();
  return { page, errors: watchPageErrors(page) };
}

beforeAll(async () => {
  alice = await createUser(suite.server.app, { name: 'Alice Lambert' });
  bruno = await createUser(suite.server.app, { name: 'Bruno Carré' });
  groupId = createGroup(suite.server.app, alice.id, { name: 'Lombalgie chronique' }).id;
  const other = createGroup(suite.server.app, alice.id, { name: 'Évaluation quadriennale' }).id;
  addToGroup(suite.server.app, groupId, alice.id, 'member');
  addToGroup(suite.server.app, groupId, bruno.id, 'lead');
  addToGroup(suite.server.app, other, alice.id, 'observer');
  const a = await apiAs(alice);
  const b = await apiAs(bruno);

  // Alice writes a document and opens it; then Bruno changes it, through a real collaboration connection.
  documentId = (await a.post('/api/documents', { groupId, title: 'Programme type lombalgie', kind: 'reference_programme' })).body.document.id;
  expect((await a.put(`/api/home/visits/${documentId}`)).status).toBe(200);
  const stored = () => suite.server.app.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all().filter((u) => u.userId === bruno.id).length;
  const client = connect(suite.server.url, documentId, b.cookie);
  await synced(client);
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Relu et complété par Bruno')]);
    client.doc.getXmlFragment('default').push([paragraph]);
  });
  await waitFor(() => stored() > 0, 'Bruno’s change is stored', 10_000);
  client.destroy();

  // Bruno starts a discussion in the group: one unread message for Alice.
  threadId = (await b.post('/api/threads', { groupId, title: 'Calendrier des séances de printemps', body: 'Qui anime la séance du 12 ?', clientId: randomUUID() })).body.thread.id;

  // The next regional day, to which Alice registered with her account's address.
  const year = new Date().getFullYear() + 1;
  const event = suite.server.app.db.insert(events).values({
    slug: `journee-${year}`, title: `Journée régionale ETP ${year}`, venue: 'Lyon, Hôtel de Région', status: 'published', registrationOpen: true,
    createdBy: bruno.id, days: [{ date: `${year}-03-25`, start: '09:00', end: '17:00' }],
  }).returning().get();
  suite.server.app.db.insert(eventRegistrations).values({ eventId: event.id, name: 'Alice Lambert', email: alice.email, participantKind: 'professional', tokenHash: randomUUID() }).run();
}, 60_000);

describe('the home page is the person’s day', () => {
  // The phone first: the laptop run then opens the document, which takes it off the list.
  for (const size of ['phone', 'laptop'] as const) {
    it(`shows the unread discussion, the document Bruno changed and the regional day, each a link (${size})`, async () => {
      const { page, errors } = await pageAs(alice, size);
      await page.goto('/');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Bonjour Alice Lambert');

      const discussions = page.getByRole('region', { name: 'Discussions non lues' });
      const thread = discussions.getByRole('link', { name: 'Calendrier des séances de printemps' });
      await expect.poll(() => thread.count(), POLL).toBe(1);
      expect(await discussions.getByRole('listitem').first().textContent()).toContain('1 message non lu');
      expect(await thread.getAttribute('href')).toBe(`/discussions/${threadId}`);

      const documents = page.getByRole('region', { name: 'Documents modifiés depuis votre dernière visite' });
      const doc = documents.getByRole('link', { name: 'Programme type lombalgie' });
      expect(await doc.getAttribute('href')).toBe(`/documents/${documentId}`);
      expect(await documents.getByRole('listitem').first().textContent()).toContain('Modifié par Bruno Carré');

      const day = page.getByRole('region', { name: 'Prochaine journée régionale' });
      expect(await day.textContent()).toContain('Vous êtes inscrit·e.');
      expect(await day.textContent()).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) 25 mars \d{4} à 09:00/);
      const groups = page.getByRole('region', { name: 'Mes groupes' });
      expect(await groups.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Lombalgie chronique', 'Évaluation quadriennale']));

      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${suite.shots}/home-${size}.png`, fullPage: true });
      await expectNoSeriousA11yViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      if (size === 'laptop') {
        // The compact top bar leaves the screen to the work.
        const bar = await page.getByRole('banner').boundingBox();
        expect(bar!.height).toBeLessThanOrEqual(64);
        // Following the document's link and coming back: it is no longer news.
        await doc.click();
        await page.waitForURL(`**/documents/${documentId}`);
        await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
        await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accueil' }).click();
        await expect.poll(() => documents.textContent(), POLL).toContain('Aucun document de vos groupes n’a changé');
        expect(await discussions.getByRole('link', { name: 'Calendrier des séances de printemps' }).count()).toBe(1);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('the side navigation', () => {
  it('lists my groups, each unfolding to its documents and discussions, with the keyboard (laptop)', async () => {
    const { page, errors } = await pageAs(alice, 'laptop');
    await page.goto('/groupes');
    const groupsNav = page.getByRole('navigation', { name: 'Mes groupes' });
    const toggle = groupsNav.getByRole('button', { name: 'Lombalgie chronique : documents et discussions' });
    await expect.poll(() => toggle.getAttribute('aria-expanded'), POLL).toBe('false');
    const docLink = groupsNav.getByRole('link', { name: 'Programme type lombalgie' });
    expect(await docLink.isVisible()).toBe(false);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => docLink.isVisible(), POLL).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await groupsNav.getByRole('link', { name: /Calendrier des séances de printemps/ }).isVisible()).toBe(true);
    await page.screenshot({ path: `${suite.shots}/side-nav-laptop.png` });
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Space');
    await expect.poll(() => docLink.isVisible(), POLL).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('folds into a menu button on a phone, opens and closes with the keyboard, focus kept in order (phone)', async () => {
    const { page, errors } = await pageAs(alice, 'phone');
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Bonjour Alice Lambert');
    const sections = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await sections.isVisible()).toBe(false);

    const menu = page.getByRole('button', { name: 'Menu' });
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab');
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await expect.poll(() => sections.isVisible(), POLL).toBe(true);
    expect(await page.getByRole('button', { name: 'Fermer le menu' }).getAttribute('aria-expanded')).toBe('true');
    // Focus moves into the drawer, on its first link.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Accueil');
    const toggle = page.getByRole('button', { name: 'Lombalgie chronique : documents et discussions' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: 'Programme type lombalgie' }).first().isVisible(), POLL).toBe(true);
    await page.screenshot({ path: `${suite.shots}/side-nav-phone.png` });
    await expectNoSeriousA11yViolations(page);

    await page.keyboard.press('Escape');
    await expect.poll(() => sections.isVisible(), POLL).toBe(false);
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

    // Following a link from the drawer closes it and lands on the page.
    await page.keyboard.press('Enter');
    await expect.poll(() => sections.isVisible(), POLL).toBe(true);
    await sections.getByRole('link', { name: 'Groupes' }).click();
    await page.waitForURL('**/groupes');
    await expect.poll(() => sections.isVisible(), POLL).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the top bar of a visitor', () => {
  for (const size of ['laptop', 'phone'] as const) {
    it(`shows the brand, the language, the way to sign in and the public sections only (${size})`, async () => {
      const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'fr-FR', viewport: SIZES[size] });
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto('/connexion');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Connexion');
      const banner = page.getByRole('banner');
      expect(await banner.getByRole('button', { name: 'English' }).isVisible()).toBe(true);
      expect(await banner.getByRole('link', { name: 'Se connecter' }).isVisible()).toBe(true);
      // A visitor finds the public pages (regional day, resource library, programme directory, pooling guide) and nothing else.
      if (size === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
      const sections = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link');
      await expect.poll(async () => (await sections.allTextContents()).map((x) => x.trim()), POLL).toEqual(['Journée régionale', 'Ressources', 'Programmes d’ETP', 'Mutualisation']);
      expect(await page.getByRole('navigation', { name: 'Mes groupes' }).count()).toBe(0);
      if (size === 'phone') await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${suite.shots}/sign-in-${size}.png` });
      await expectNoSeriousA11yViolations(page);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
