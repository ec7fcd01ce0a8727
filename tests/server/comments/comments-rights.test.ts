import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { commentThreads, comments, notifications } from '../../../db/schema/index';
import { COMMENT_EVENTS, type CommentThread } from '../../../shared/comments.schema';
import { COMMENT_LIMITS, COMMENT_RATES } from '../../../shared/limits';
import { runDigest } from '../../../server/features/threads/digest.service';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { untyped } from '../../helpers/live';

// Who may read and write comments, on REST and Socket.IO, what they notify, and where they go.

const ROLES = ['lead', 'member', 'commenter', 'observer', 'association', 'associationCommenter', 'outsider'] as const;
type Person = (typeof ROLES)[number];
let server: TestServer;
let smtp: TestSmtp;
let documentId: string;
const people = {} as Record<Person, TestUser>;
const as = {} as Record<Person | 'visitor' | 'leaving', HttpClient>;
const sockets: Socket[] = [];
const ANCHOR = { anchorStart: 'AQIDBA==', anchorEnd: 'BQYHCA==' };
const open = (who: Person | 'visitor', body: string, quote = 'Objectifs pédagogiques') => as[who].post(`/api/comments/documents/${documentId}`, { ...ANCHOR, quote, body });

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url, digestIntervalMs: 3600_000 });
  for (const key of ROLES) people[key] = await createUser(server.app, { role: key.startsWith('association') ? 'association' : 'member', name: `Personne ${key}` });
  const groupId = createGroup(server.app, people.lead.id, { visibility: 'public', openToAssociations: true }).id;
  addToGroup(server.app, groupId, people.lead.id, 'lead');
  addToGroup(server.app, groupId, people.member.id, 'member');
  addToGroup(server.app, groupId, people.commenter.id, 'commenter');
  addToGroup(server.app, groupId, people.observer.id, 'observer');
  addToGroup(server.app, groupId, people.associationCommenter.id, 'commenter');
  for (const key of ROLES) as[key] = await signIn(server.url, people[key]);
  as.visitor = new HttpClient(server.url);
  documentId = (await as.lead.post('/api/documents', { groupId, title: 'Fiche outil photolangage', kind: 'tool_sheet', themes: [] })).body.document.id;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
  await smtp?.close();
});

async function socketOf(who: Person | 'leaving'): Promise<{ socket: Socket; threads: CommentThread[]; joined: { ok: boolean } }> {
  const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: as[who].cookie }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
  const threads: CommentThread[] = [];
  socket.on(COMMENT_EVENTS.thread, (t: CommentThread) => threads.push(t));
  const joined = (await socket.timeout(5000).emitWithAck('comments:join', { documentId })) as { ok: boolean };
  return { socket, threads, joined };
}

describe('who may comment', () => {
  it('lets leads, members, commenters and association commenters open threads; refuses observers, other associations and outsiders', async () => {
    for (const who of ['lead', 'member', 'commenter', 'associationCommenter'] as const) {
      const res = await open(who, `Remarque de ${who}`);
      expect(res.status, who).toBe(201);
      expect(res.body.thread.comments[0]).toMatchObject({ body: `Remarque de ${who}`, author: { id: people[who].id } });
    }
    const observer = await open('observer', 'Je ne devrais pas pouvoir');
    expect(observer.status).toBe(403);
    expect(observer.body.message).toBe('Vous pouvez lire ce document mais pas le commenter.');
    // Not members: the document's existence is not even revealed.
    expect((await open('association', 'Bonjour')).status).toBe(404);
    expect((await open('outsider', 'Bonjour')).status).toBe(404);
    expect((await open('visitor', 'Bonjour')).status).toBe(401);
  });

  it('shows the threads to every reader with what they may do, and to no one else', async () => {
    const observer = await as.observer.get(`/api/comments/documents/${documentId}`);
    expect(observer.status).toBe(200);
    expect(observer.body.canComment).toBe(false);
    expect(observer.body.threads.map((t: CommentThread) => t.comments[0].body)).toContain('Remarque de associationCommenter');
    expect((await as.commenter.get(`/api/comments/documents/${documentId}`)).body.canComment).toBe(true);
    expect((await as.association.get(`/api/comments/documents/${documentId}`)).status).toBe(404);
    expect((await as.outsider.get(`/api/comments/documents/${documentId}`)).status).toBe(404);
    expect((await as.visitor.get(`/api/comments/documents/${documentId}`)).status).toBe(401);
  });

  it('lets commenters reply, resolve and reopen, but observers none of it', async () => {
    const thread = (await open('member', 'À reformuler ?')).body.thread as CommentThread;
    expect((await as.commenter.post(`/api/comments/threads/${thread.id}/comments`, { body: 'Oui, plus simple' })).status).toBe(201);
    expect((await as.observer.post(`/api/comments/threads/${thread.id}/comments`, { body: 'Moi aussi' })).status).toBe(403);
    expect((await as.outsider.post(`/api/comments/threads/${thread.id}/comments`, { body: 'Moi aussi' })).status).toBe(404);
    expect((await as.observer.post(`/api/comments/threads/${thread.id}/resolve`)).status).toBe(403);
    const resolved = await as.commenter.post(`/api/comments/threads/${thread.id}/resolve`);
    expect(resolved.body.thread).toMatchObject({ resolvedBy: { id: people.commenter.id } });
    expect(resolved.body.thread.resolvedAt).not.toBeNull();
    const reopened = await as.member.post(`/api/comments/threads/${thread.id}/reopen`);
    expect(reopened.body.thread).toMatchObject({ resolvedAt: null, resolvedBy: null });
  });

  it('edits and deletes only one’s own comments (a lead may delete any); the last one takes the thread with it', async () => {
    const thread = (await open('commenter', 'Premier jet')).body.thread as CommentThread;
    const first = thread.comments[0].id;
    expect((await as.member.patch(`/api/comments/${first}`, { body: 'Pas à moi' })).status).toBe(403);
    const edited = await as.commenter.patch(`/api/comments/${first}`, { body: 'Second jet' });
    expect(edited.body.thread.comments[0]).toMatchObject({ body: 'Second jet' });
    expect(edited.body.thread.comments[0].editedAt).not.toBeNull();
    const reply = (await as.member.post(`/api/comments/threads/${thread.id}/comments`, { body: 'Réponse' })).body.thread.comments[1].id;
    expect((await as.member.delete(`/api/comments/${first}`)).status).toBe(403);
    const removed = await as.lead.delete(`/api/comments/${first}`);
    expect(removed.body.thread.comments[0]).toMatchObject({ deleted: true, body: '' });
    const gone = await as.member.delete(`/api/comments/${reply}`);
    expect(gone.body.thread).toBeNull();
    expect(server.app.db.select().from(commentThreads).where(eq(commentThreads.id, thread.id)).all()).toEqual([]);
  });

  it('refuses hostile input with a readable French error', async () => {
    const empty = await open('member', '   ');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/[a-zé]/);
    expect((await open('member', 'x'.repeat(COMMENT_LIMITS.bodyMax + 1))).status).toBe(400);
    expect((await open('member', 'contrôle \u0007 caché')).status).toBe(400);
    expect((await as.member.post(`/api/comments/documents/${documentId}`, { anchorStart: '<script>', anchorEnd: 'AAAA', quote: 'x', body: 'ok' })).status).toBe(400);
    expect((await open('member', 'ok', 'q'.repeat(COMMENT_LIMITS.quoteMax + 1))).status).toBe(400);
    // Text is kept as text: the client shows it, never renders it.
    const html = await open('member', '<img src=x onerror=alert(1)>');
    expect(html.body.thread.comments[0].body).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('bounds per account', () => {
  it('limits how many threads one account opens in a minute, without holding back a colleague behind the same address', async () => {
    const groupId = (await as.lead.get(`/api/documents/${documentId}`)).body.document.groupId;
    const [busy, colleague] = [await createUser(server.app), await createUser(server.app)];
    addToGroup(server.app, groupId, busy.id, 'commenter');
    addToGroup(server.app, groupId, colleague.id, 'commenter');
    const [busyHttp, colleagueHttp] = [await signIn(server.url, busy), await signIn(server.url, colleague)];
    const input = { ...ANCHOR, quote: 'passage', body: 'encore un fil' };
    for (let i = 0; i < COMMENT_RATES.threadCreate.max; i++) expect((await busyHttp.post(`/api/comments/documents/${documentId}`, input)).status).toBe(201);
    const refused = await busyHttp.post(`/api/comments/documents/${documentId}`, input);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^Trop de tentatives\. Réessayez dans/);
    expect((await colleagueHttp.post(`/api/comments/documents/${documentId}`, input)).status).toBe(201);
  });
});

describe('live and notified', () => {
  it('lets readers into the document’s room and sends them each change; refuses others', async () => {
    const observer = await socketOf('observer');
    const outsider = await socketOf('outsider');
    expect(observer.joined.ok).toBe(true);
    expect(outsider.joined.ok).toBe(false);
    const thread = (await open('associationCommenter', 'Vu par l’association')).body.thread as CommentThread;
    await as.member.post(`/api/comments/threads/${thread.id}/comments`, { body: 'Merci !' });
    await expect.poll(() => observer.threads.filter((t) => t.id === thread.id).map((t) => t.comments.length)).toEqual([1, 2]);
    const marker = new Promise((resolve) => outsider.socket.once('marker', resolve));
    untyped(server.app.io).to(`user:${people.outsider.id}`).emit('marker');
    await marker;
    expect(outsider.threads).toEqual([]);
  });

  it('stops sending to someone removed from the group while on the page', async () => {
    const groupId = (await as.lead.get(`/api/documents/${documentId}`)).body.document.groupId;
    const leaving = await createUser(server.app);
    addToGroup(server.app, groupId, leaving.id, 'commenter');
    as.leaving = await signIn(server.url, leaving);
    const live = await socketOf('leaving');
    expect(live.joined.ok).toBe(true);
    expect((await as.lead.delete(`/api/groups/${groupId}/members/${leaving.id}`)).status).toBe(200);
    const after = (await open('member', 'Après le départ')).body.thread as CommentThread;
    const marker = new Promise((resolve) => live.socket.once('marker', resolve));
    untyped(server.app.io).to(`user:${leaving.id}`).emit('marker');
    await marker;
    expect(live.threads.map((t) => t.id)).not.toContain(after.id);
  });

  it('notifies people mentioned who may read the document, and the thread’s participants of replies, in the app and the digest', async () => {
    const thread = (await open('commenter', `@[Personne lead](${people.lead.id}) et @[Personne outsider](${people.outsider.id}), un avis ?`)).body.thread as CommentThread;
    const lead = await as.lead.get('/api/threads/notifications');
    expect(lead.body.notifications[0]).toMatchObject({ kind: 'comment_mention', thread: null, document: { id: documentId, title: 'Fiche outil photolangage', commentThreadId: thread.id } });
    expect(lead.body.notifications[0].excerpt).toContain('@Personne lead');
    // The outsider may not read the document: never told.
    expect((await as.outsider.get('/api/threads/notifications')).body.notifications).toEqual([]);
    expect(server.app.db.select().from(comments).where(eq(comments.threadId, thread.id)).get()?.mentions).toEqual([people.lead.id]);

    await as.member.post(`/api/comments/threads/${thread.id}/comments`, { body: 'Je propose une autre formulation' });
    const commenter = await as.commenter.get('/api/threads/notifications');
    expect(commenter.body.notifications[0]).toMatchObject({ kind: 'comment_reply', actor: { id: people.member.id }, excerpt: 'Je propose une autre formulation' });

    const before = smtp.mails.length;
    const sent = await runDigest(server.app, new Date(Date.now() + 3600_000));
    const mails = (await smtp.waitFor(before + sent)).slice(before);
    const toCommenter = mails.find((m) => m.to.includes(people.commenter.email))!;
    expect(toCommenter.text).toContain('a répondu à un commentaire sur « Fiche outil photolangage »');
    expect(toCommenter.text).toContain(`/documents/${documentId}?commentaire=${thread.id}`);
  });
});

describe('comments are data of the document', () => {
  it('appear in the Markdown and HTML exports only when asked, and never in the public library', async () => {
    await open('member', 'Annexe : <b>pas du HTML</b>', 'Déroulé de la séance');
    const plain = await as.member.get(`/api/documents/${documentId}/export?format=md`);
    expect(plain.body).not.toContain('Commentaires');
    const md = await as.observer.get(`/api/documents/${documentId}/export?format=md&comments=1`);
    expect(md.status).toBe(200);
    expect(md.body).toContain('## Commentaires');
    expect(md.body).toContain('> Déroulé de la séance');
    expect(md.body).toContain('Annexe : <b>pas du HTML</b>');
    const html = await as.member.get(`/api/documents/${documentId}/export?format=html&comments=1`);
    expect(html.body).toContain('<h2>Commentaires</h2>');
    expect(html.body).toContain('Annexe : &lt;b&gt;pas du HTML&lt;/b&gt;');
    expect(html.body.indexOf('<h2>Commentaires</h2>')).toBeLessThan(html.body.indexOf('</body>'));
    expect((await as.member.get(`/api/documents/${documentId}/export?format=docx&comments=1`)).status).toBe(400);

    for (const status of ['in_review', 'validated']) await as.lead.post(`/api/documents/${documentId}/status`, { status });
    expect((await as.lead.post(`/api/documents/${documentId}/publications`, { note: 'Première version diffusée.' })).status).toBe(201);
    const resource = await as.visitor.get(`/api/documents/resources/${documentId}`);
    expect(resource.status).toBe(200);
    expect(JSON.stringify(resource.body)).toContain('Objectifs pédagogiques');
    expect(JSON.stringify(resource.body)).not.toContain('Annexe : ');
    expect(JSON.stringify(resource.body)).not.toContain('Remarque de');
  });

  it('are gone with the document when it is deleted for good, notifications included; a trashed document takes no comment', async () => {
    const id = (await as.lead.post('/api/documents', { groupId: (await as.lead.get(`/api/documents/${documentId}`)).body.document.groupId, title: 'À jeter', kind: 'blank', themes: [] })).body.document.id;
    const thread = (await as.member.post(`/api/comments/documents/${id}`, { ...ANCHOR, quote: 'texte', body: `@[Personne lead](${people.lead.id}) à jeter ?` })).body.thread as CommentThread;
    expect(server.app.db.select().from(notifications).where(eq(notifications.commentId, thread.comments[0].id)).all()).toHaveLength(1);
    await as.lead.delete(`/api/documents/${id}`);
    expect((await as.member.post(`/api/comments/threads/${thread.id}/comments`, { body: 'encore' })).status).toBe(404);
    expect((await as.lead.get('/api/threads/notifications')).body.notifications.map((n: { document: { id: string } | null }) => n.document?.id)).not.toContain(id);
    expect((await as.lead.delete(`/api/documents/${id}/permanent`)).status).toBe(200);
    expect(server.app.db.select().from(commentThreads).where(eq(commentThreads.documentId, id)).all()).toEqual([]);
    expect(server.app.db.select().from(comments).where(eq(comments.threadId, thread.id)).all()).toEqual([]);
    expect(server.app.db.select().from(notifications).where(eq(notifications.commentId, thread.comments[0].id)).all()).toEqual([]);
  });
});
