import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { groupMembers } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';

// A lead invites by e-mail into their group: the invitation creates the account and joins the
// group, within what coordinators allow (on or off, pending invitations per lead).

let server: TestServer;
let coordinator: HttpClient;
beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
});
afterAll(async () => { await server.close(); });

let counter = 0;
const nextEmail = () => `invitee-${++counter}@example.org`;
const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

/** A group with a lead (of an MSP) signed in, and a plain member. */
async function leadWorld(visibility: 'public' | 'platform' | 'private' = 'private') {
  const msp = createOrganisation(server.app, { name: `MSP des Pentes ${counter}`, type: 'msp_pole_sante' });
  const leadUser = await createUser(server.app, { name: 'Sophie Bernard', organisationId: msp.id });
  const memberUser = await createUser(server.app);
  const group = createGroup(server.app, leadUser.id, { name: 'Lombalgie chronique', visibility });
  addToGroup(server.app, group.id, leadUser.id, 'lead');
  addToGroup(server.app, group.id, memberUser.id, 'member');
  return { msp, group, leadUser, lead: await signIn(server.url, leadUser), member: await signIn(server.url, memberUser) };
}

const invite = (http: HttpClient, groupId: string, body: Partial<{ email: string; groupRole: string; platformRole: string; organisation: string }> = {}) =>
  http.post(`/api/invitations/groups/${groupId}`, { email: nextEmail(), groupRole: 'member', platformRole: 'member', organisation: 'lead', ...body });
const accept = (token: string, body: object = {}) =>
  new HttpClient(server.url).post(`/api/invitations/by-token/${token}/accept`, { name: 'Camille Petit', password: 'une phrase de passe', ...body });
const setSettings = (leadsMayInvite: boolean, pendingPerLead: number) =>
  coordinator.put('/api/invitations/settings', { leadsMayInvite, pendingPerLead });

describe('a lead invites into their group', () => {
  it('creates the account in the lead’s organisation and joins the group with the chosen role', async () => {
    const w = await leadWorld();
    const res = await invite(w.lead, w.group.id, { email: 'camille.petit@example.org', groupRole: 'observer' });
    expect(res.status).toBe(201);
    expect(res.body.invitation).toMatchObject({ groupId: w.group.id, groupName: 'Lombalgie chronique', groupRole: 'observer', organisationName: w.msp.name, status: 'pending' });
    // No SMTP: the lead copies the link.
    expect(res.body.emailSent).toBe(false);
    const token = tokenOf(res.body.link);

    const preview = await new HttpClient(server.url).get(`/api/invitations/by-token/${token}`);
    expect(preview.body).toMatchObject({ groupName: 'Lombalgie chronique', groupRole: 'observer', invitedByName: 'Sophie Bernard', organisationChoices: null });
    const joined = await accept(token);
    expect(joined.status).toBe(200);
    expect(joined.body.user).toMatchObject({ email: 'camille.petit@example.org', organisationId: w.msp.id, role: 'member' });

    const members = (await w.lead.get(`/api/groups/${w.group.id}/members`)).body.members as Array<{ name: string; role: string }>;
    expect(members.find((m) => m.name === 'Camille Petit')?.role).toBe('observer');
    const listed = (await w.lead.get(`/api/invitations/groups/${w.group.id}`)).body;
    expect(listed.invitations[0]).toMatchObject({ email: 'camille.petit@example.org', status: 'accepted' });
    expect(listed).toMatchObject({ allowed: true, pendingMine: 0 });
  });

  it('lets the invitee choose among existing organisations, never the platform’s own', async () => {
    const w = await leadWorld();
    const hospital = createOrganisation(server.app, { name: 'CH Saint-Roch' });
    const platform = createOrganisation(server.app, { name: 'Plateforme régionale ETP', type: 'plateforme_etp' });
    const token = tokenOf((await invite(w.lead, w.group.id, { organisation: 'invitee' })).body.link);
    const choices = (await new HttpClient(server.url).get(`/api/invitations/by-token/${token}`)).body.organisationChoices as Array<{ id: string }>;
    expect(choices.map((c) => c.id)).toContain(hospital.id);
    expect(choices.map((c) => c.id)).not.toContain(platform.id);

    const none = await accept(token);
    expect(none.status).toBe(400);
    expect(none.body.message).toBe('Choisissez votre organisation dans la liste.');
    expect((await accept(token, { organisationId: platform.id })).status).toBe(404);
    const ok = await accept(token, { organisationId: hospital.id });
    expect(ok.status).toBe(200);
    expect(ok.body.user.organisationId).toBe(hospital.id);
  });

  it('is for the group’s leads: a member, a lead of another group and a visitor are refused', async () => {
    const w = await leadWorld();
    const other = await leadWorld();
    expect((await invite(w.member, w.group.id)).status).toBe(403);
    expect((await invite(other.lead, w.group.id)).status).toBe(404);
    expect((await invite(new HttpClient(server.url), w.group.id)).status).toBe(401);
    expect((await w.member.get(`/api/invitations/groups/${w.group.id}`)).status).toBe(403);
    // A lead cannot hand out the coordinator's role.
    const coordinatorRole = await invite(w.lead, w.group.id, { platformRole: 'coordinator' });
    expect(coordinatorRole.status).toBe(400);
  });

  it('keeps the group’s rules: association accounts never lead, nor enter platform-only groups', async () => {
    const w = await leadWorld('public');
    const asLead = await invite(w.lead, w.group.id, { platformRole: 'association', groupRole: 'lead' });
    expect(asLead.status).toBe(400);
    expect(asLead.body.message).toBe('Un compte association ne peut pas animer un groupe.');
    const platformOnly = await leadWorld('platform');
    expect((await invite(platformOnly.lead, platformOnly.group.id, { platformRole: 'association' })).body.code).toBe('membership_refused');
    expect((await invite(w.lead, w.group.id, { platformRole: 'association', groupRole: 'member' })).status).toBe(201);
  });

  it('sends people with an account to the add-by-name form', async () => {
    const w = await leadWorld();
    const existing = await createUser(server.app);
    const res = await invite(w.lead, w.group.id, { email: existing.email });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('Cette personne a déjà un compte : ajoutez-la au groupe par son nom.');
  });

  it('ends with the inviter’s lead role, and can be revoked by the group’s leads', async () => {
    const w = await leadWorld();
    const stale = tokenOf((await invite(w.lead, w.group.id)).body.link);
    const revoked = await invite(w.lead, w.group.id);
    const other = await leadWorld();
    expect((await other.lead.delete(`/api/invitations/${revoked.body.invitation.id}`)).status).toBe(404);
    expect((await w.member.delete(`/api/invitations/${revoked.body.invitation.id}`)).status).toBe(403);
    expect((await w.lead.delete(`/api/invitations/${revoked.body.invitation.id}`)).status).toBe(200);
    expect((await accept(tokenOf(revoked.body.link))).status).toBe(410);

    server.app.db.update(groupMembers).set({ role: 'member' })
      .where(and(eq(groupMembers.groupId, w.group.id), eq(groupMembers.userId, w.leadUser.id))).run();
    const res = await new HttpClient(server.url).get(`/api/invitations/by-token/${stale}`);
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('invitation_stale');
    expect((await accept(stale)).status).toBe(410);
  });
});

describe('what coordinators allow', () => {
  it('caps each lead’s pending invitations; a revoked or accepted one frees a place', async () => {
    expect((await setSettings(true, 2)).status).toBe(200);
    try {
      const w = await leadWorld();
      const first = await invite(w.lead, w.group.id);
      expect((await invite(w.lead, w.group.id)).status).toBe(201);
      const third = await invite(w.lead, w.group.id);
      expect(third.status).toBe(409);
      expect(third.body).toMatchObject({ code: 'invitation_quota' });
      expect(third.body.message).toMatch(/^Vous avez 2 invitations en attente, le maximum fixé par la coordination/);
      expect((await w.lead.get(`/api/invitations/groups/${w.group.id}`)).body).toMatchObject({ pendingMax: 2, pendingMine: 2 });
      expect((await accept(tokenOf(first.body.link))).status).toBe(200);
      expect((await invite(w.lead, w.group.id)).status).toBe(201);
      // Coordinators are not counted.
      for (let i = 0; i < 3; i++) expect((await invite(coordinator, w.group.id)).status).toBe(201);
    } finally {
      await setSettings(true, 20);
    }
  });

  it('can close lead invitations, which coordinators still send', async () => {
    expect((await setSettings(false, 20)).body).toEqual({ leadsMayInvite: false, pendingPerLead: 20 });
    try {
      const w = await leadWorld();
      const refused = await invite(w.lead, w.group.id);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('La coordination n’a pas ouvert les invitations aux animateurs');
      expect((await w.lead.get(`/api/invitations/groups/${w.group.id}`)).body.allowed).toBe(false);
      expect((await invite(coordinator, w.group.id)).status).toBe(201);
    } finally {
      await setSettings(true, 20);
    }
  });

  it('are changed by coordinators only, within bounds', async () => {
    const lead = (await leadWorld()).lead;
    expect((await lead.put('/api/invitations/settings', { leadsMayInvite: true, pendingPerLead: 500 })).status).toBe(403);
    expect((await lead.get('/api/invitations/settings')).status).toBe(403);
    expect((await setSettings(true, 100_000)).status).toBe(400);
    expect((await coordinator.get('/api/invitations/settings')).body).toEqual({ leadsMayInvite: true, pendingPerLead: 20 });
  });
});
