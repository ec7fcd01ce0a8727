import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { eq } from 'drizzle-orm';
import { activity, documents } from '../../../db/schema/index';
import { createGroup } from '../../helpers/factories';
import { startServer, type TestServer } from '../../helpers/server';
import { clientId, groupWorld, openThread } from './fixtures';

/** Elements and attributes that could run code, found by a real HTML parser. */
function activeParts(html: string): string[] {
  const doc = new Window().document;
  doc.body.innerHTML = html;
  const found: string[] = [];
  for (const el of doc.body.querySelectorAll('*')) {
    if (['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'SVG', 'STYLE'].includes(el.tagName)) found.push(el.tagName);
    for (const attr of el.getAttributeNames()) {
      if (/^on/i.test(attr) || /^\s*javascript:/i.test(el.getAttribute(attr) ?? '')) found.push(`${el.tagName}@${attr}`);
    }
  }
  return found;
}

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
let threadId: string;

beforeAll(async () => {
  server = await startServer();
  world = await groupWorld(server.app, server.url, 'platform');
  ({ thread: { id: threadId } } = await openThread(world.http.lead, { groupId: world.group.id }));
});
afterAll(async () => server?.close());

const post = (who: keyof typeof world.http, body: string, extra: Record<string, unknown> = {}) =>
  world.http[who].post(`/api/threads/${threadId}/messages`, { body, clientId: clientId(), ...extra });

describe('messages', () => {
  it('renders Markdown on the server and leaves script payloads inert', async () => {
    const res = await post('member', '**Séance** _collective_\n\n> citation\n\n- BEP\n- ETP\n\n<img src=x onerror=alert(1)> <script>alert(2)</script> [clic](javascript:alert(3)) https://has-sante.fr');
    expect(res.status).toBe(201);
    const { html } = res.body.message;
    expect(html).toContain('<strong>Séance</strong>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<li>BEP</li>');
    expect(html).toContain('href="https://has-sante.fr"');
    expect(activeParts(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps XSS in titles and names as text, never as markup', async () => {
    const title = '<img src=x onerror=alert(1)> Programme';
    const { thread } = await openThread(world.http.member, { groupId: world.group.id }, title);
    const got = await world.http.member.get(`/api/threads/${thread.id}`);
    expect(got.body.thread.title).toBe(title);
    expect(got.headers.get('content-type')).toContain('application/json');
  });

  it('stores a retried post once (same client id)', async () => {
    const id = clientId();
    const first = await post('member', 'Réponse envoyée deux fois', { clientId: id });
    const again = await post('member', 'Réponse envoyée deux fois', { clientId: id });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);
    const page = await world.http.member.get(`/api/threads/${threadId}/messages`);
    expect(page.body.messages.filter((m: { body?: string; source: string }) => m.source === 'Réponse envoyée deux fois')).toHaveLength(1);
  });

  it('quotes the parent of a reply, keeps edits in a visible history and leaves "deleted" in place', async () => {
    const parent = (await post('lead', 'Qui anime la séance 3 ?')).body.message;
    const reply = (await post('member', 'Moi, avec une patiente partenaire.', { parentId: parent.id })).body.message;
    expect(reply.parent).toMatchObject({ id: parent.id, excerpt: 'Qui anime la séance 3 ?' });
    expect((await world.http.lead.patch(`/api/threads/messages/${reply.id}`, { body: 'Hacked' })).status).toBe(403);
    const edited = await world.http.member.patch(`/api/threads/messages/${reply.id}`, { body: 'Moi, avec **deux** patientes partenaires.' });
    expect(edited.body.message.editedAt).not.toBeNull();
    expect(edited.body.message.html).toContain('<strong>deux</strong>');
    const history = await world.http.lead.get(`/api/threads/messages/${reply.id}/history`);
    expect(history.body.versions.map((v: { html: string }) => v.html)).toEqual(['<p>Moi, avec une patiente partenaire.</p>\n']);
    const removed = await world.http.member.delete(`/api/threads/messages/${reply.id}`);
    expect(removed.body.message).toMatchObject({ deleted: true, html: '', source: '' });
    const page = await world.http.lead.get(`/api/threads/${threadId}/messages`);
    expect(page.body.messages.find((m: { id: number }) => m.id === reply.id)).toMatchObject({ deleted: true, html: '' });
  });

  it('toggles reactions from the fixed set only', async () => {
    const msg = (await post('lead', 'Compte rendu en ligne')).body.message;
    const on = await world.http.observer.post(`/api/threads/messages/${msg.id}/reactions`, { emoji: '👍' });
    expect(on.body.message.reactions).toEqual([{ emoji: '👍', userIds: [world.people.observer.id] }]);
    const off = await world.http.observer.post(`/api/threads/messages/${msg.id}/reactions`, { emoji: '👍' });
    expect(off.body.message.reactions).toEqual([]);
    expect((await world.http.observer.post(`/api/threads/messages/${msg.id}/reactions`, { emoji: '<b>' })).status).toBe(400);
  });

  it('hides a message with a reason: moderators still see it, others see the reason only', async () => {
    const msg = (await post('member', 'Propos hors sujet')).body.message;
    expect((await world.http.member.post(`/api/threads/messages/${msg.id}/hide`, { reason: 'Hors sujet' })).status).toBe(403);
    await world.http.lead.post(`/api/threads/messages/${msg.id}/hide`, { reason: 'Hors sujet' });
    const asMember = (await world.http.observer.get(`/api/threads/${threadId}/messages`)).body.messages.find((m: { id: number }) => m.id === msg.id);
    expect(asMember).toMatchObject({ html: '', hidden: { reason: 'Hors sujet' } });
    const asLead = (await world.http.lead.get(`/api/threads/${threadId}/messages`)).body.messages.find((m: { id: number }) => m.id === msg.id);
    expect(asLead.html).toContain('Propos hors sujet');
  });

  it('offers as mentions only people who can read the thread, and renders only those', async () => {
    const found = await world.http.member.get(`/api/threads/mentionable?threadId=${threadId}&q=Personne`);
    const names = found.body.people.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Personne lead', 'Personne observer']));
    expect(names).not.toContain('Personne association');
    expect(names).not.toContain('Personne member');
    const { association, observer } = world.people;
    const msg = (await post('member', `@[Obs](${observer.id}) et @[Asso](${association.id})`)).body.message;
    expect(msg.html).toContain(`data-user-id="${observer.id}"`);
    expect(msg.html).not.toContain(association.id);
  });
});

describe('a long thread', () => {
  it('opens on the latest page and loads older ones by cursor, in order', async () => {
    const { thread } = await openThread(world.http.member, { groupId: world.group.id }, 'Fil très long');
    const insert = server.app.sqlite.prepare('INSERT INTO thread_messages (thread_id, author_id, client_id, source, html, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    server.app.sqlite.transaction(() => {
      for (let i = 1; i <= 10_000; i++) insert.run(thread.id, world.people.member.id, `bulk-${i}-xxxxxxxx`, `Message ${i}`, `<p>Message ${i}</p>`, Date.now());
    })();
    const latest = await world.http.lead.get(`/api/threads/${thread.id}/messages`);
    expect(latest.body.messages).toHaveLength(50);
    expect(latest.body.hasMore).toBe(true);
    expect(latest.body.messages.at(-1).source).toBe('Message 10000');
    const ids = latest.body.messages.map((m: { id: number }) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const older = await world.http.lead.get(`/api/threads/${thread.id}/messages?before=${ids[0]}`);
    expect(older.body.messages.at(-1).source).toBe('Message 9950');
    expect(older.body.messages).toHaveLength(50);
    const plan = server.app.sqlite.prepare('EXPLAIN QUERY PLAN SELECT * FROM thread_messages WHERE thread_id = ? AND id < ? ORDER BY id DESC LIMIT 51').all(thread.id, 100) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX thread_messages_thread_idx|USING INTEGER PRIMARY KEY/);
  });
});

describe('opening a thread', () => {
  it('is idempotent, may discuss a document of its group (seen from both sides) and shows in the group activity', async () => {
    const doc = server.app.db.insert(documents).values({ groupId: world.group.id, title: 'Programme type lombalgie', kind: 'reference_programme', createdBy: world.people.lead.id }).returning().get();
    const input = { groupId: world.group.id, title: 'Discussion du programme', body: 'Vos remarques ?', documentId: doc.id, clientId: clientId() };
    const first = await world.http.lead.post('/api/threads', input);
    const again = await world.http.lead.post('/api/threads', input);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.thread.id).toBe(first.body.thread.id);
    expect(first.body.thread.document).toEqual({ id: doc.id, title: 'Programme type lombalgie' });
    const fromDocument = await world.http.observer.get(`/api/threads?documentId=${doc.id}`);
    expect(fromDocument.body.threads.map((t: { id: string }) => t.id)).toEqual([first.body.thread.id]);
    expect(fromDocument.body.canPost).toBe(false);
    expect((await world.http.association.get(`/api/threads?documentId=${doc.id}`)).status).toBe(404);

    const elsewhere = createGroup(server.app, world.people.coordinator.id);
    const foreign = server.app.db.insert(documents).values({ groupId: elsewhere.id, title: 'Autre', kind: 'blank', createdBy: world.people.coordinator.id }).returning().get();
    const refused = await world.http.lead.post('/api/threads', { ...input, clientId: clientId(), documentId: foreign.id });
    expect(refused.status).toBe(400);

    const logged = server.app.db.select().from(activity).where(eq(activity.subjectId, first.body.thread.id)).all();
    expect(logged.map((a) => [a.kind, a.subjectTitle])).toEqual([['thread.created', 'Discussion du programme']]);
  });
});
