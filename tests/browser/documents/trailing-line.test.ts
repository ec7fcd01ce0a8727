import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { browserSuite } from '../../helpers/browser-suite';
import { connect, synced, waitFor, type CollabClient } from '../../collab/collab-clients';

// The line after a document's last table: written by the person who edits, never by opening.
vi.setConfig({ testTimeout: 90_000 });
const POLL = { timeout: 20_000, interval: 200 };

const suite = browserSuite('trailing-line');
let bruno: TestUser;
let documentId: string;
let cookie: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  const { server } = suite;
  const alice = await createUser(server.app, { name: 'Alice Lambert' });
  bruno = await createUser(server.app, { name: 'Bruno Carré' });
  const groupId = createGroup(server.app, alice.id, { name: 'Lombalgie chronique' }).id;
  addToGroup(server.app, groupId, alice.id, 'lead');
  addToGroup(server.app, groupId, bruno.id, 'member');
  const api = await suite.apiAs(alice);
  cookie = api.cookie;
  documentId = (await api.post('/api/documents', { groupId, title: 'Grille des séances', kind: 'blank' })).body.document.id;
});
afterAll(() => {
  for (const c of clients) c.destroy();
});

/** A fresh reader of what the server holds. */
async function stored(): Promise<Y.XmlFragment> {
  const client = connect(suite.server.url, documentId, cookie);
  clients.push(client);
  await synced(client);
  return client.doc.getXmlFragment('default');
}

const names = (fragment: Y.XmlFragment) => fragment.toArray().map((node) => (node as Y.XmlElement).nodeName);

/** Alice's text ends with a one-cell table, as a session grid often does (it replaces the blank page's). */
async function writeTableAtEnd() {
  const alice = connect(suite.server.url, documentId, cookie);
  clients.push(alice);
  await synced(alice);
  alice.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Séances collectives')]);
    const cellText = new Y.XmlElement('paragraph');
    cellText.insert(0, [new Y.XmlText('Séance 1')]);
    const cell = new Y.XmlElement('tableCell');
    cell.insert(0, [cellText]);
    const row = new Y.XmlElement('tableRow');
    row.insert(0, [cell]);
    const table = new Y.XmlElement('table');
    table.insert(0, [row]);
    const fragment = alice.doc.getXmlFragment('default');
    fragment.delete(0, fragment.length);
    fragment.insert(0, [paragraph, table]);
  });
  await waitFor(() => alice.provider.wsconnected && !alice.provider.ws?.bufferedAmount, 'Alice’s text sent');
}

async function openAs(user: TestUser): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await suite.pageWithSession(user);
  await page.goto(`/documents/${documentId}`);
  await expect.poll(() => page.locator('.ProseMirror td').count(), POLL).toBe(1);
  await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
  return { page, errors };
}

describe('the line after a last table', () => {
  it('is not written by opening the document, and is there once someone writes', async () => {
    await writeTableAtEnd();
    await expect.poll(async () => names(await stored()), POLL).toEqual(['paragraph', 'table']);

    const { page, errors } = await openAs(bruno);
    // Whatever the tab sent while opening reaches the server before its socket closes.
    await page.reload();
    await expect.poll(() => page.locator('.ProseMirror td').count(), POLL).toBe(1);
    await expect.poll(() => page.getByTestId('connection-status').textContent(), POLL).toContain('Enregistré');
    expect(names(await stored())).toEqual(['paragraph', 'table']);

    // Bruno writes in the table: a line to write after it comes with his change, once.
    await page.locator('.ProseMirror td').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' et 2');
    await expect.poll(() => page.locator('.ProseMirror > p').count(), POLL).toBe(2);
    await expect.poll(async () => names(await stored()), POLL).toEqual(['paragraph', 'table', 'paragraph']);
    await page.locator('.ProseMirror > p').last().click();
    await page.keyboard.type('Après le tableau');
    await expect.poll(async () => (await stored()).toString(), POLL).toContain('Après le tableau');
    expect(errors).toEqual([]);
  });
});
