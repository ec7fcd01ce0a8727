import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { passwordResets, sessions, users } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { connectSocket } from '../threads/fixtures';

// "Mot de passe oublié": the same answer for every address, a link by e-mail that works once
// within the hour, and a new password that ends every session of the account.

type Mail = { to: string; text: string; subject: string };

/** A real SMTP server whose acceptance of a message can be held back (to show the reply never waits for it). */
async function gatedSmtp() {
  const mails: Mail[] = [];
  let gate: Promise<void> = Promise.resolve();
  let release = () => {};
  const held: string[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      held.push(to);
      simpleParser(stream).then(async (parsed) => {
        await gate;
        mails.push({ to, text: parsed.text ?? '', subject: parsed.subject ?? '' });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    mails,
    held,
    hold() { gate = new Promise((resolve) => { release = resolve; }); },
    release: () => release(),
    to: (email: string) => mails.filter((m) => m.to === email),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof gatedSmtp>>;
let server: TestServer;
beforeAll(async () => {
  smtp = await gatedSmtp();
  server = await startServer({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const visitor = () => new HttpClient(server.url);
const requestReset = (email: string) => visitor().post('/api/auth/password-reset', { email });
const linkIn = (mail: Mail) => mail.text.match(/https?:\/\/\S+\/mot-de-passe\/\S+/)?.[0];
const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

async function mailFor(email: string, count = 1): Promise<Mail> {
  await expect.poll(() => smtp.to(email).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
  return smtp.to(email)[count - 1];
}

async function resetLinkOf(user: TestUser, count = 1): Promise<string> {
  expect((await requestReset(user.email)).status).toBe(200);
  const link = linkIn(await mailFor(user.email, count));
  expect(link).toBeDefined();
  return link!;
}

describe('asking for a reset', () => {
  it('answers an unknown, a known and a disabled address alike; only the known one gets an e-mail', async () => {
    const known = await createUser(server.app, { name: 'Nadia Benali' });
    const off = await createUser(server.app);
    server.app.db.update(users).set({ disabled: true }).where(eq(users.id, off.id)).run();
    const replies = await Promise.all(['personne@example.org', known.email, off.email].map((email) => requestReset(email)));
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ ok: true });
    }
    const mail = await mailFor(known.email);
    expect(mail.subject).toBe('Réinitialiser votre mot de passe Maillage');
    expect(mail.text).toContain('Bonjour Nadia Benali');
    expect(linkIn(mail)).toMatch(new RegExp(`^${server.url}/mot-de-passe/[A-Za-z0-9_-]{40,}$`));
    // A later e-mail to a sentinel arrives after anything those requests could have sent.
    const sentinel = await createUser(server.app);
    await resetLinkOf(sentinel);
    expect(smtp.to('personne@example.org')).toEqual([]);
    expect(smtp.to(off.email)).toEqual([]);
  });

  it('answers before the e-mail is handed to the mail server', async () => {
    const user = await createUser(server.app);
    smtp.hold();
    try {
      const reply = await requestReset(user.email);
      expect(reply.body).toEqual({ ok: true });
      // Answered, and the mail server has not yet accepted the message.
      expect(smtp.to(user.email)).toEqual([]);
    } finally {
      smtp.release();
    }
    await mailFor(user.email);
  });

  it('sends an account at most three e-mails an hour, whoever asks', async () => {
    const user = await createUser(server.app);
    for (let i = 0; i < 4; i++) expect((await requestReset(user.email)).body).toEqual({ ok: true });
    await mailFor(user.email, 3);
    await resetLinkOf(await createUser(server.app));
    expect(smtp.to(user.email)).toHaveLength(3);
  });
});

describe('the reset link', () => {
  it('sets a new password, ends every session (live ones too) and signs the person in', async () => {
    const user = await createUser(server.app);
    const laptop = await signIn(server.url, user);
    const socket = await connectSocket(server.url, laptop);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const link = await resetLinkOf(user);
    const page = visitor();
    const preview = await page.get(`/api/auth/password-reset/${tokenOf(link)}`);
    expect(preview.status).toBe(200);
    expect(preview.body.email).toBe(user.email);

    const done = await page.post(`/api/auth/password-reset/${tokenOf(link)}`, { password: 'un tout nouveau mot de passe' });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ id: user.id, email: user.email });
    expect((await page.get('/api/members/me')).status).toBe(200);

    expect(await cut).toBe('io server disconnect');
    expect((await laptop.get('/api/members/me')).status).toBe(401);
    expect(server.app.db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    expect((await visitor().post('/api/auth/login', { email: user.email, password: user.password })).status).toBe(401);
    await signIn(server.url, { email: user.email, password: 'un tout nouveau mot de passe' });
  });

  it('works once', async () => {
    const user = await createUser(server.app);
    const token = tokenOf(await resetLinkOf(user));
    expect((await visitor().post(`/api/auth/password-reset/${token}`, { password: 'premier nouveau mot de passe' })).status).toBe(200);
    const again = await visitor().post(`/api/auth/password-reset/${token}`, { password: 'second nouveau mot de passe' });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ code: 'reset_invalid', message: 'Ce lien n’est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau.' });
    expect((await visitor().get(`/api/auth/password-reset/${token}`)).status).toBe(410);
    await signIn(server.url, { email: user.email, password: 'premier nouveau mot de passe' });
  });

  it('expires after an hour', async () => {
    const user = await createUser(server.app);
    const token = tokenOf(await resetLinkOf(user));
    const row = server.app.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id)).get()!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(3600_000);
    server.app.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.id, row.id)).run();
    const late = await visitor().post(`/api/auth/password-reset/${token}`, { password: 'un nouveau mot de passe' });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('reset_invalid');
    await signIn(server.url, user);
  });

  it('is voided by the next password change, and a cut or made-up link says so in words', async () => {
    const user = await createUser(server.app);
    const first = tokenOf(await resetLinkOf(user, 1));
    const second = tokenOf(await resetLinkOf(user, 2));
    expect((await visitor().post(`/api/auth/password-reset/${second}`, { password: 'un nouveau mot de passe' })).status).toBe(200);
    expect((await visitor().get(`/api/auth/password-reset/${first}`)).body.code).toBe('reset_invalid');
    for (const token of ['abc', first.slice(0, 20), 'x'.repeat(100)]) {
      const res = await visitor().get(`/api/auth/password-reset/${token}`);
      expect(res.status).toBe(410);
      expect(res.body.message).toContain('Ce lien n’est plus valable');
    }
  });

  it('refuses a short password, in French, and keeps the link usable', async () => {
    const user = await createUser(server.app);
    const token = tokenOf(await resetLinkOf(user));
    const short = await visitor().post(`/api/auth/password-reset/${token}`, { password: 'court' });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/^Certains champs sont invalides : password/);
    expect((await visitor().get(`/api/auth/password-reset/${token}`)).status).toBe(200);
  });
});
