import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { browserSuite } from '../../helpers/browser-suite';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { connect, synced, waitFor } from '../../collab/collab-clients';
import { expectNoSeriousA11yViolations, newContext, signInThroughPage, watchPageErrors } from '../../helpers/browser';

// Two browser contexts per test on a shared two-core machine: generous limits, polled (never slept).
vi.setConfig({ testTimeout: 90_000 });
const POLL = { timeout: 20_000, interval: 200 };

const suite = browserSuite('documents');
// Sign-in is rate-limited per person: each signs in once, then every context reuses the session.
const { apiAs, pageWithSession } = suite;
let groupId: string;
let documentId: string;
let alice: TestUser;
let bruno: TestUser;
let olivia: TestUser;

beforeAll(async () => {
  alice = await createUser(suite.server.app, { name: 'Alice Lambert' });
  bruno = await createUser(suite.server.app, { name: 'Bruno Carré' });
  olivia = await createUser(suite.server.app, { name: 'Olivia Observatrice' });
  groupId = createGroup(suite.server.app, alice.id, { name: 'Lombalgie chronique' }).id;
  addToGroup(suite.server.app, groupId, alice.id, 'lead');
  addToGroup(suite.server.app, groupId, bruno.id, 'member');
  addToGroup(suite.server.app, groupId, olivia.id, 'observer');
  const api = await apiAs(alice);
  documentId = (await api.post('/api/documents', { groupId, title: 'Programme type lombalgie', kind: 'reference_programme' })).body.document.id;
});

async function openDocument(user: TestUser, id = documentId): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await pageWithSession(user);
  await page.goto(`/documents/${id}`);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  return { page, errors };
}

const editorText = (page: Page) => page.locator('.ProseMirror').innerText();

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

describe('co-editing in the browser', () => {
  it('two people edit one document and each sees the other’s text and named caret', async () => {
    const a = await openDocument(alice);
    const b = await openDocument(bruno);
    await expect.poll(() => editorText(b.page), POLL).toContain('Bilan éducatif partagé (BEP)');

    await typeAtEnd(a.page, 'Séance animée par Alice');
    await expect.poll(() => editorText(b.page), POLL).toContain('Séance animée par Alice');
    await typeAtEnd(b.page, 'Relu par Bruno');
    await expect.poll(() => editorText(a.page), POLL).toContain('Relu par Bruno');

    await expect.poll(() => a.page.locator('.collaboration-carets__label').allTextContents(), POLL).toContain('Bruno Carré');
    await expect.poll(() => b.page.locator('.collaboration-carets__label').allTextContents(), POLL).toContain('Alice Lambert');
    await expect.poll(() => a.page.getByRole('region', { name: 'Personnes présentes' }).textContent(), POLL).toContain('Bruno Carré');

    await expectNoSeriousA11yViolations(a.page);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });

  it('an observer sees changes live and cannot type', async () => {
    const o = await openDocument(olivia);
    const a = await openDocument(alice);
    expect(await o.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    expect(await o.page.getByRole('toolbar').count()).toBe(0);
    await expect.poll(() => o.page.getByTestId('connection-status').textContent(), POLL).toContain('Lecture seule');

    await typeAtEnd(a.page, 'Nouveau paragraphe en direct');
    await expect.poll(() => editorText(o.page), POLL).toContain('Nouveau paragraphe en direct');

    await o.page.locator('.ProseMirror').click();
    await o.page.keyboard.type('Texte interdit');
    await typeAtEnd(a.page, 'Encore un mot');
    await expect.poll(() => editorText(o.page), POLL).toContain('Encore un mot');
    expect(await editorText(o.page)).not.toContain('Texte interdit');
    expect(await editorText(a.page)).not.toContain('Texte interdit');
    expect(o.errors).toEqual([]);
    await o.page.context().close();
    await a.page.context().close();
  });
});

describe('metadata changing live', () => {
  it('shows another person’s theme edit, status change and trashing without a reload, accessibly', async () => {
    const lead = await apiAs(alice);
    const id = (await lead.post('/api/documents', { groupId, title: 'Fiche outil : le photolangage', kind: 'tool_sheet', themes: ['Lombalgie chronique'] })).body.document.id as string;
    const a = await openDocument(alice, id);
    const b = await openDocument(bruno, id);
    const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
    expect(await button(b.page, 'Envoyer en relecture').count()).toBe(1); // the review panel's toggle

    // Themes, by keyboard from the document's "…" menu: the field opens focused and labelled, comma-separated as at creation.
    await button(a.page, 'Actions du document').press('Enter');
    await a.page.getByRole('menuitem', { name: 'Modifier les thèmes' }).press('Enter');
    const field = a.page.getByLabel('Thèmes');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    await field.fill('Lombalgie chronique, Activité physique adaptée');
    await field.press('Enter');
    await expect.poll(() => b.page.getByTestId('document-themes').textContent(), POLL).toContain('Activité physique adaptée');

    // Sent for review without naming reviewers (the plain move the API keeps; the review panel names them).
    expect((await lead.post(`/api/documents/${id}/status`, { status: 'in_review' })).status).toBe(200);
    await expect.poll(() => b.page.getByTestId('document-status').textContent(), POLL).toBe('En relecture');
    expect(await button(b.page, 'Remettre en brouillon').count()).toBe(1);
    // Validated: the moves left are the leads'; Bruno, a member, is offered none.
    await button(a.page, 'Valider').click();
    await expect.poll(() => b.page.getByTestId('document-status').textContent(), POLL).toBe('Validé');
    expect(await button(b.page, 'Remettre en brouillon').count()).toBe(0);
    await expectNoSeriousA11yViolations(b.page);

    expect((await lead.delete(`/api/documents/${id}`)).status).toBe(200);
    await expect.poll(() => b.page.getByTestId('document-trashed').textContent(), POLL).toContain('mis à la corbeille du groupe');
    expect(await b.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    expect(await b.page.locator('.ProseMirror').getAttribute('aria-readonly')).toBe('true');
    // Nothing left to act on: the document's menu is gone with the rest.
    expect(await button(b.page, 'Actions du document').count()).toBe(0);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });
});

describe('rights changing live', () => {
  it('turns the editor read-only at once when a lead makes a member an observer', async () => {
    const maxime = await createUser(suite.server.app, { name: 'Maxime Petit' });
    addToGroup(suite.server.app, groupId, maxime.id, 'member');
    const m = await openDocument(maxime);
    expect(await m.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true');
    const lead = await apiAs(alice);
    expect((await lead.patch(`/api/groups/${groupId}/members/${maxime.id}`, { role: 'observer' })).status).toBe(200);
    await expect.poll(() => m.page.locator('.ProseMirror').getAttribute('contenteditable'), POLL).toBe('false');
    await expect.poll(() => m.page.getByRole('toolbar').count(), POLL).toBe(0);
    expect(m.errors).toEqual([]);
    await m.page.context().close();
  });
});

describe('offline', () => {
  it('keeps edits made offline in the browser and merges them on reconnect with what others wrote meanwhile', async () => {
    const a = await openDocument(alice);
    const context = a.page.context();
    const api = await apiAs(alice);
    const stored = async () => (await api.get(`/api/documents/${documentId}/content`)).body.html as string;

    await context.setOffline(true);
    await typeAtEnd(a.page, 'Écrit pendant la coupure');
    await expect.poll(() => a.page.getByTestId('connection-status').textContent(), POLL).toContain('Hors ligne : vos modifications seront envoyées à la reconnexion');
    const brunoClient = connect(suite.server.url, documentId, (await apiAs(bruno)).cookie);
    await synced(brunoClient);
    brunoClient.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Ajouté par Bruno entre-temps')]);
      brunoClient.doc.getXmlFragment('default').insert(0, [paragraph]);
    });
    await expect.poll(stored, POLL).toContain('Ajouté par Bruno entre-temps');

    await context.setOffline(false);
    await expect.poll(() => a.page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
    await expect.poll(stored, POLL).toContain('Écrit pendant la coupure');
    expect(await stored()).toContain('Ajouté par Bruno entre-temps');
    await waitFor(() => brunoClient.text().includes('Écrit pendant la coupure'), 'bruno receives the offline edit');

    // A tab closed while offline: the edit waits in IndexedDB. Reopened with the server out of
    // reach (its WebSocket answered by nobody), the page still shows it, from the browser alone.
    await context.setOffline(true);
    await typeAtEnd(a.page, 'Gardé dans le navigateur');
    await expect.poll(() => a.page.getByTestId('connection-status').textContent(), POLL).toContain('Hors ligne');
    await a.page.close();
    await context.routeWebSocket(/\/collab\//, () => { /* no server behind it */ });
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`/documents/${documentId}`);
    await expect.poll(() => editorText(again), POLL).toContain('Gardé dans le navigateur');
    brunoClient.destroy();
    await context.close();
  });
});

describe('group documents', () => {
  it('lists the group’s documents and creates one from a template, accessibly', async () => {
    const context = await newContext(suite.browser, suite.server.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInThroughPage(page, bruno.email, bruno.password);
    await page.goto(`/groupes/${groupId}`);
    await expect.poll(() => page.getByRole('link', { name: 'Programme type lombalgie' }).count(), POLL).toBe(1);
    await expectNoSeriousA11yViolations(page);
    await (await apiAs(alice)).post('/api/documents', { groupId, title: 'Grille créée par Alice', kind: 'benchmark_grid' });
    await expect.poll(() => page.getByRole('link', { name: 'Grille créée par Alice' }).count(), POLL).toBe(1);

    await page.getByLabel('Modèle').selectOption('partnership_agreement');
    await page.getByLabel('Titre', { exact: true }).fill('Convention MSP – centre de rééducation');
    await page.getByRole('button', { name: 'Créer le document' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]+$/);
    await expect.poll(() => editorText(page), POLL).toContain('Option de mutualisation retenue');
    expect(await page.getByRole('heading', { level: 1 }).first().textContent()).toContain('Convention MSP – centre de rééducation');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('names a version and shows what changed since, as one text, accessibly', async () => {
    const { page, errors } = await pageWithSession(alice);
    const context = page.context();
    await page.goto(`/documents/${documentId}/versions`);
    await page.getByLabel('Nom de la version actuelle').fill('Version relue en réunion');
    await page.getByRole('button', { name: 'Nommer cette version' }).click();
    await page.getByRole('link', { name: 'Comparer Version relue en réunion' }).click();
    await page.waitForURL(/\/modifications\?from=version/);
    await expect.poll(() => page.getByTestId('diff-summary').textContent(), POLL).toContain('Aucune différence');
    expect(await page.locator('.diff-text').textContent()).toContain('Bilan éducatif partagé (BEP)');
    await expectNoSeriousA11yViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
