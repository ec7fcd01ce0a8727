import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { addToGroup, createGroup, createOrganisation, createUser } from '../../helpers/factories';
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

it('e-mails a lead’s invitation with its group, and keeps the link from the lead once sent', async () => {
  const lead = await createUser(server.app, { name: 'Sophie Bernard' });
  const group = createGroup(server.app, lead.id, { name: 'Lombalgie chronique' });
  addToGroup(server.app, group.id, lead.id, 'lead');
  const res = await (await signIn(server.url, lead)).post(`/api/invitations/groups/${group.id}`, {
    email: 'thomas.roux@example.org', groupRole: 'member', platformRole: 'member', organisation: 'lead',
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ emailSent: true, link: null });
  const mail = (await smtp.waitFor(2)).find((m) => m.to.includes('thomas.roux@example.org'))!;
  expect(mail.subject).toBe('Invitation au groupe « Lombalgie chronique » sur Maillage');
  expect(mail.text).toContain('Sophie Bernard vous invite à rejoindre le groupe de travail « Lombalgie chronique » (comme membre)');
  expect(mail.text).toMatch(/https?:\/\/\S+\/invitation\/\S+/);
});
