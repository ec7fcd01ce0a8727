import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { runDigest } from '../../../server/features/threads/digest.service';
import { clientId, collect, connectSocket, groupWorld, openThread } from './fixtures';

let smtp: TestSmtp;
let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
let threadId: string;
const HOUR = 3600_000;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url, digestIntervalMs: 3 * HOUR });
  world = await groupWorld(server.app, server.url, 'private');
  ({ thread: { id: threadId } } = await openThread(world.http.lead, { groupId: world.group.id }, 'Séances collectives'));
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const post = (who: keyof typeof world.http, body: string, extra: Record<string, unknown> = {}) =>
  world.http[who].post(`/api/threads/${threadId}/messages`, { body, clientId: clientId(), ...extra });

describe('notifications', () => {
  it('tells members of a new thread, and a mentioned person live, in the app', async () => {
    const list = await world.http.member.get('/api/threads/notifications');
    expect(list.body.notifications.map((n: { kind: string; thread: { title: string } }) => [n.kind, n.thread.title])).toEqual([['thread', 'Séances collectives']]);

    const socket = await connectSocket(server.url, world.http.observer);
    const live = collect(socket, 'notification');
    await post('member', `@[Observateur](${world.people.observer.id}) pouvez-vous relire la grille ?`);
    await expect.poll(() => live.map((n) => n.kind)).toEqual(['mention']);
    expect(live[0]).toMatchObject({ actor: { name: 'Personne member' }, excerpt: '@Observateur pouvez-vous relire la grille ?' });
    const mine = await world.http.observer.get('/api/threads/notifications');
    expect(mine.body.notifications[0]).toMatchObject({ kind: 'mention', read: false });
    socket.close();
  });

  it('notifies the author of a replied message, and reading the thread reads it', async () => {
    const parent = (await post('lead', 'Qui a le support de la séance 2 ?')).body.message;
    const reply = (await post('member', 'Je l’envoie ce soir.', { parentId: parent.id })).body.message;
    const list = await world.http.lead.get('/api/threads/notifications');
    expect(list.body.notifications[0]).toMatchObject({ kind: 'reply', messageId: reply.id, read: false });
    await world.http.lead.post(`/api/threads/${threadId}/read`, { messageId: reply.id });
    expect((await world.http.lead.get('/api/threads/notifications')).body.unread).toBe(0);
  });

  it('tells a person mentioned only in an edit, once', async () => {
    const msg = (await post('member', 'Compte rendu à relire')).body.message;
    const mention = `Compte rendu à relire @[Lead](${world.people.lead.id})`;
    await world.http.member.patch(`/api/threads/messages/${msg.id}`, { body: mention });
    await world.http.member.patch(`/api/threads/messages/${msg.id}`, { body: `${mention} !` });
    const list = (await world.http.lead.get('/api/threads/notifications')).body.notifications;
    expect(list.filter((n: { kind: string; messageId: number }) => n.kind === 'mention' && n.messageId === msg.id)).toHaveLength(1);
  });

  it('never notifies someone who cannot read the thread', async () => {
    await post('member', `@[Asso](${world.people.association.id}) vous voyez ?`);
    expect((await world.http.association.get('/api/threads/notifications')).body.notifications).toEqual([]);
  });
});

describe('the e-mail digest', () => {
  it('sends what was missed once per interval and follows each person\'s preference', async () => {
    const { observer, outsider } = world.people;
    await world.http.outsider.put('/api/threads/notifications/preferences', { email: 'none' });
    await world.http.observer.put('/api/threads/notifications/preferences', { email: 'mentions' });
    // The outsider joins the group and is mentioned, but wants no e-mail at all.
    server.app.sqlite.prepare("INSERT INTO group_members (group_id, user_id, role, created_at) VALUES (?, ?, 'member', ?)").run(world.group.id, outsider.id, Date.now());
    await post('member', `@[Dehors](${outsider.id}) bienvenue`);

    const now = new Date(Date.now() + HOUR);
    const before = smtp.mails.length;
    const sent = await runDigest(server.app, now);
    const mails = await smtp.waitFor(before + sent);
    const fresh = mails.slice(before);
    const recipients = fresh.flatMap((m) => m.to);
    expect(recipients).toContain(world.people.member.email);
    expect(recipients).toContain(observer.email); // they were mentioned earlier and never read it
    expect(recipients).not.toContain(outsider.email);
    const toObserver = fresh.find((m) => m.to.includes(observer.email))!;
    expect(toObserver.subject).toMatch(/notification/);
    expect(toObserver.text).toContain('vous a mentionné');
    expect(toObserver.text).toContain('Séances collectives');
    expect(toObserver.text).toContain(`/discussions/${threadId}`);
    // "Mentions only": the new-thread notice the observer also missed stays out of their e-mail.
    expect(toObserver.text).not.toContain('a ouvert une discussion');
    expect(fresh.find((m) => m.to.includes(world.people.member.email))!.text).toContain('a ouvert une discussion');

    // A new mention within the interval waits; after it, it goes out — once.
    await post('lead', `@[Obs](${observer.id}) merci !`);
    expect(await runDigest(server.app, new Date(now.getTime() + HOUR))).toBe(0);
    const later = await runDigest(server.app, new Date(now.getTime() + 4 * HOUR));
    expect(later).toBe(1);
    const last = (await smtp.waitFor(before + sent + 1)).at(-1)!;
    expect(last.to).toEqual([observer.email]);
    expect(last.text).toContain('merci');
    expect(await runDigest(server.app, new Date(now.getTime() + 9 * HOUR))).toBe(0);
  });
});

describe('moderation queue', () => {
  it('lets anyone report and coordinators hide from the queue', async () => {
    const msg = (await post('member', 'Message litigieux')).body.message;
    expect((await world.http.observer.post(`/api/threads/messages/${msg.id}/report`, { reason: 'Contient un nom de patient' })).status).toBe(201);
    expect((await world.http.lead.get('/api/threads/reports')).status).toBe(403);
    const queue = await world.http.coordinator.get('/api/threads/reports');
    const report = queue.body.reports.find((r: { message: { id: number } }) => r.message.id === msg.id);
    expect(report).toMatchObject({ reason: 'Contient un nom de patient', thread: { title: 'Séances collectives' } });
    await world.http.coordinator.post(`/api/threads/reports/${report.id}/resolve`, { action: 'hide' });
    expect((await world.http.coordinator.get('/api/threads/reports')).body.reports).toEqual([]);
    const page = await world.http.member.get(`/api/threads/${threadId}/messages`);
    expect(page.body.messages.find((m: { id: number }) => m.id === msg.id).hidden).toEqual({ reason: 'Contient un nom de patient' });
  });
});
