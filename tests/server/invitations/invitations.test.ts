import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { invitations } from '../../../db/schema/index';

// No SMTP here: the coordinator gets the link to copy. (invitations.mail.test.ts covers the e-mail.)
let server: TestServer;
let coordinator: HttpClient;
let organisationId: string;
beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  organisationId = createOrganisation(server.app, { name: 'MSP des Pentes', type: 'msp_pole_sante' }).id;
});
afterAll(async () => { await server.close(); });

let counter = 0;
async function invite(role = 'member') {
  const email = `invitee-${++counter}@example.org`;
  const res = await coordinator.post('/api/invitations', { email, role, organisationId });
  expect(res.status).toBe(201);
  const token = new URL(res.body.link).pathname.split('/').pop()!;
  return { email, token, link: res.body.link as string, id: res.body.invitation.id as string, emailSent: res.body.emailSent as boolean };
}
const accept = (token: string, body: object = { name: 'Camille Petit', password: 'une phrase de passe' }) =>
  new HttpClient(server.url).post(`/api/invitations/by-token/${token}/accept`, body);

describe('invitations without SMTP', () => {
  it('gives the coordinator a link to copy, pointing at the public address', async () => {
    const inv = await invite();
    expect(inv.emailSent).toBe(false);
    expect(inv.link).toBe(`${server.url}/invitation/${inv.token}`);
    const list = await coordinator.get('/api/invitations');
    expect(list.body.invitations.find((i: { id: string }) => i.id === inv.id)).toMatchObject({ email: inv.email, status: 'pending', organisationName: 'MSP des Pentes' });
  });

  it('expires after 7 days', async () => {
    const inv = await invite();
    const row = server.app.db.select().from(invitations).where(eq(invitations.id, inv.id)).get()!;
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
  });

  it('lets the invitee preview, set name and password, and arrive signed in', async () => {
    const inv = await invite('association');
    const preview = await new HttpClient(server.url).get(`/api/invitations/by-token/${inv.token}`);
    expect(preview.body).toMatchObject({ email: inv.email, organisationName: 'MSP des Pentes', role: 'association' });
    const invitee = new HttpClient(server.url);
    const res = await invitee.post(`/api/invitations/by-token/${inv.token}/accept`, { name: 'Camille Petit', password: 'une phrase de passe', departement: '2a' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: 'Camille Petit', email: inv.email, role: 'association', organisationId });
    expect((await invitee.get('/api/members/me')).body.member).toMatchObject({ departement: '2A' });
    // The new password works for a later sign-in.
    await signIn(server.url, { email: inv.email, password: 'une phrase de passe' });
  });

  it('is single-use', async () => {
    const inv = await invite();
    expect((await accept(inv.token)).status).toBe(200);
    const again = await accept(inv.token, { name: 'Quelqu’un d’autre', password: 'autre phrase de passe' });
    expect(again.status).toBe(410);
    expect(again.body.message).toBe('Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.');
    expect((await new HttpClient(server.url).get(`/api/invitations/by-token/${inv.token}`)).status).toBe(410);
  });

  it('refuses an expired link', async () => {
    const inv = await invite();
    server.app.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, inv.id)).run();
    const res = await accept(inv.token);
    expect(res.status).toBe(410);
    expect(res.body.message).toBe('Cette invitation a expiré. Demandez-en une nouvelle à la coordination.');
    const list = await coordinator.get('/api/invitations');
    expect(list.body.invitations.find((i: { id: string }) => i.id === inv.id).status).toBe('expired');
  });

  it('can be revoked by the coordinator, and a new invitation replaces the pending one', async () => {
    const inv = await invite();
    expect((await coordinator.delete(`/api/invitations/${inv.id}`)).status).toBe(200);
    const res = await accept(inv.token);
    expect(res.status).toBe(410);
    expect(res.body.message).toBe('Cette invitation a été annulée. Demandez-en une nouvelle à la coordination.');

    const first = await invite();
    const second = await coordinator.post('/api/invitations', { email: first.email, role: 'member', organisationId });
    expect((await accept(first.token)).status).toBe(410);
    const list = await coordinator.get('/api/invitations');
    expect(list.body.invitations.find((i: { id: string }) => i.id === second.body.invitation.id).status).toBe('pending');
  });

  it('refuses an address that already has an account, and an unknown token', async () => {
    const existing = await createUser(server.app);
    const res = await coordinator.post('/api/invitations', { email: existing.email, role: 'member', organisationId });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('Un compte existe déjà avec cette adresse e-mail.');
    expect((await accept('x'.repeat(32))).status).toBe(404);
  });

  it('validates the new account: a short password is explained in French', async () => {
    const inv = await invite();
    const res = await accept(inv.token, { name: 'C', password: 'court' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([
      { path: 'body.name', message: 'Au moins 2 caractères.' },
      { path: 'body.password', message: 'Au moins 10 caractères.' },
    ]));
    expect((await accept(inv.token)).status).toBe(200);
  });

  it('is managed by coordinators only', async () => {
    const inv = await invite();
    for (const role of ['member', 'association'] as const) {
      const client = await signIn(server.url, await createUser(server.app, { role }));
      expect((await client.get('/api/invitations')).status).toBe(403);
      expect((await client.post('/api/invitations', { email: 'x@example.org', role: 'coordinator', organisationId })).status).toBe(403);
      expect((await client.delete(`/api/invitations/${inv.id}`)).status).toBe(403);
    }
    expect((await accept(inv.token)).status).toBe(200);
  });
});
