import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';

let smtp: TestSmtp;
let server: TestServer;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url, mailFrom: 'Maillage <maillage@example.org>' });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

it('sends the invitation by e-mail with a link that creates the account', async () => {
  const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator', name: 'Claire Martin' }));
  const org = createOrganisation(server.app, { name: 'Centre hospitalier Saint-Roch' });
  const res = await coordinator.post('/api/invitations', { email: 'Nadia.Benali@Example.org', role: 'member', organisationId: org.id });
  expect(res.status).toBe(201);
  expect(res.body.emailSent).toBe(true);

  const [mail] = await smtp.waitFor(1);
  expect(mail.to).toEqual(['nadia.benali@example.org']);
  expect(mail.subject).toBe('Votre invitation à rejoindre Maillage');
  expect(mail.text).toContain('Claire Martin vous invite à rejoindre Maillage');
  expect(mail.text).toContain('Centre hospitalier Saint-Roch');
  const link = mail.text.match(/https?:\/\/\S+\/invitation\/\S+/)?.[0];
  expect(link).toBe(res.body.link);

  const token = new URL(link!).pathname.split('/').pop();
  const invitee = new HttpClient(server.url);
  const accepted = await invitee.post(`/api/invitations/by-token/${token}/accept`, { name: 'Nadia Benali', password: 'une phrase de passe' });
  expect(accepted.status).toBe(200);
  expect((await invitee.get('/api/auth/me')).body.user).toMatchObject({ email: 'nadia.benali@example.org', organisationName: 'Centre hospitalier Saint-Roch' });
});
