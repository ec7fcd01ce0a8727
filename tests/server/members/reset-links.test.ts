import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';

// A coordinator helps a locked-out person: without SMTP they copy a reset link; with SMTP the
// link goes only to the person's mailbox. Nobody else may make one.

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

describe('without SMTP', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startServer(); });
  afterAll(async () => { await server.close(); });

  it('gives the coordinator a link to copy, which sets a new password and ends the person’s sessions', async () => {
    const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
    const person = await createUser(server.app);
    const theirs = await signIn(server.url, person);
    const res = await coordinator.post(`/api/members/${person.id}/reset-link`);
    expect(res.status).toBe(200);
    expect(res.body.emailSent).toBe(false);
    expect(res.body.link).toMatch(new RegExp(`^${server.url}/mot-de-passe/`));
    const page = new HttpClient(server.url);
    expect((await page.get(`/api/auth/password-reset/${tokenOf(res.body.link)}`)).body.email).toBe(person.email);
    expect((await page.post(`/api/auth/password-reset/${tokenOf(res.body.link)}`, { password: 'un nouveau mot de passe' })).status).toBe(200);
    expect((await theirs.get('/api/members/me')).status).toBe(401);
    await signIn(server.url, { email: person.email, password: 'un nouveau mot de passe' });
  });

  it('is for coordinators only', async () => {
    const person = await createUser(server.app);
    for (const role of ['member', 'association'] as const) {
      const someone = await signIn(server.url, await createUser(server.app, { role }));
      const res = await someone.post(`/api/members/${person.id}/reset-link`);
      expect(res.status).toBe(403);
    }
    expect((await new HttpClient(server.url).post(`/api/members/${person.id}/reset-link`)).status).toBe(401);
  });

  it('says why it cannot: an unknown or a disabled account', async () => {
    const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
    expect((await coordinator.post('/api/members/inconnu/reset-link')).status).toBe(404);
    const off = await createUser(server.app);
    server.app.db.update(users).set({ disabled: true }).where(eq(users.id, off.id)).run();
    const res = await coordinator.post(`/api/members/${off.id}/reset-link`);
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('Ce compte est désactivé : réactivez-le avant de lui envoyer un lien.');
  });
});

describe('with SMTP', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('e-mails the link to the person and does not show it to the coordinator', async () => {
    const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
    const person = await createUser(server.app, { name: 'Thomas Roux' });
    const res = await coordinator.post(`/api/members/${person.id}/reset-link`);
    expect(res.body).toMatchObject({ emailSent: true, link: null });
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual([person.email]);
    expect(mail.text).toContain('La coordination régionale vous envoie ce lien');
    const link = mail.text.match(/https?:\/\/\S+\/mot-de-passe\/\S+/)![0];
    expect((await new HttpClient(server.url).get(`/api/auth/password-reset/${tokenOf(link)}`)).status).toBe(200);
  });
});
