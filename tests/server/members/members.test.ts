import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { users } from '../../../db/schema/index';
import { eq } from 'drizzle-orm';

let server: TestServer;
let coordinatorUser: TestUser;
let coordinator: HttpClient;
let member: HttpClient;
let memberUser: TestUser;
let association: HttpClient;
let associationUser: TestUser;
beforeAll(async () => {
  server = await startServer();
  coordinatorUser = await createUser(server.app, { role: 'coordinator' });
  coordinator = await signIn(server.url, coordinatorUser);
  memberUser = await createUser(server.app, { name: 'Sophie Bernard' });
  member = await signIn(server.url, memberUser);
  associationUser = await createUser(server.app, { role: 'association' });
  association = await signIn(server.url, associationUser);
});
afterAll(async () => { await server.close(); });

const names = (res: { body: { members: Array<{ name: string }> } }) => res.body.members.map((m) => m.name);

describe('directory', () => {
  it('finds members by name, profession or organisation, accents and case as typed, by département', async () => {
    const org = createOrganisation(server.app, { name: 'Centre de rééducation Les Tilleuls', departement: '42' });
    const thomas = await createUser(server.app, { name: 'Dr Thomas Roux', organisationId: org.id });
    server.app.db.update(users).set({ profession: 'Médecin MPR', departement: '42' }).where(eq(users.id, thomas.id)).run();
    expect(names(await member.get('/api/members?q=Tilleuls'))).toEqual(['Dr Thomas Roux']);
    expect(names(await member.get('/api/members?q=m%C3%A9decin'))).toEqual(['Dr Thomas Roux']);
    expect(names(await member.get('/api/members?departement=42'))).toEqual(['Dr Thomas Roux']);
    // LIKE wildcards are searched as text.
    expect((await member.get('/api/members?q=%25')).body.total).toBe(0);
  });

  it('is for professionals: an association account gets 403, and only sees its own profile', async () => {
    expect((await association.get('/api/members')).status).toBe(403);
    expect((await association.get(`/api/members/${memberUser.id}`)).status).toBe(403);
    expect((await association.get(`/api/members/${associationUser.id}`)).status).toBe(200);
    expect((await member.get(`/api/members/${associationUser.id}`)).body.member.id).toBe(associationUser.id);
  });

  it('hides disabled accounts, except from coordinators who ask for them', async () => {
    const gone = await createUser(server.app, { name: 'Compte Désactivé' });
    expect((await coordinator.patch(`/api/members/${gone.id}`, { disabled: true })).body.member.disabled).toBe(true);
    expect(names(await member.get('/api/members?q=D%C3%A9sactiv%C3%A9'))).toEqual([]);
    expect(names(await coordinator.get('/api/members?q=D%C3%A9sactiv%C3%A9'))).toEqual([]);
    const all = await coordinator.get('/api/members?q=D%C3%A9sactiv%C3%A9&includeDisabled=true');
    expect(all.body.members).toEqual([expect.objectContaining({ name: 'Compte Désactivé', disabled: true })]);
    const refused = await member.get('/api/members?includeDisabled=true');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Seule la coordination voit les comptes désactivés.');
  });
});

describe('profile', () => {
  it('is edited by its owner, with readable errors', async () => {
    const body = { name: 'Sophie Bernard', profession: 'Masseur-kinésithérapeute', organisationId: memberUser.organisationId, departement: '2b', bio: 'Animatrice ETP.', locale: 'en' };
    const res = await member.put('/api/members/me', body);
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ organisationId: memberUser.organisationId, departement: '2B', bio: 'Animatrice ETP.' });
    expect((await member.get('/api/auth/me')).body.user.locale).toBe('en');

    const bad = await member.put('/api/members/me', { ...body, departement: '99', locale: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([
      { path: 'body.departement', message: expect.stringContaining('département') },
      { path: 'body.locale', message: 'Valeur non autorisée (valeurs possibles : fr, en).' },
    ]));
  });

  it('leaves the organisation to coordinators: nobody claims to speak for another organisation', async () => {
    const platform = createOrganisation(server.app, { name: 'Plateforme régionale ETP' });
    const body = { name: 'Sophie Bernard', profession: '', departement: '', bio: '', locale: 'fr' };
    const claimed = await member.put('/api/members/me', { ...body, organisationId: platform.id });
    expect(claimed.status).toBe(403);
    expect(claimed.body.message).toBe('Seule la coordination peut changer votre organisation : demandez-le-lui.');
    expect((await member.get('/api/members/me')).body.member.organisationId).toBe(memberUser.organisationId);
    // Leaving it out (or sending it unchanged) is the profile form of everyone else.
    expect((await member.put('/api/members/me', body)).status).toBe(200);

    // A coordinator moves the person, in account administration, to an organisation that exists.
    expect((await member.patch(`/api/members/${memberUser.id}`, { organisationId: platform.id })).status).toBe(403);
    expect((await coordinator.patch(`/api/members/${memberUser.id}`, { organisationId: 'nope' })).status).toBe(404);
    const moved = await coordinator.patch(`/api/members/${memberUser.id}`, { organisationId: platform.id });
    expect(moved.body.member).toMatchObject({ organisationId: platform.id, organisationName: 'Plateforme régionale ETP' });
    // …and may change their own in their profile.
    const own = await coordinator.put('/api/members/me', { ...body, name: coordinatorUser.name, organisationId: platform.id });
    expect(own.body.member.organisationName).toBe('Plateforme régionale ETP');
  });
});

describe('administration', () => {
  it('lets only coordinators change a role or disable an account', async () => {
    const target = await createUser(server.app);
    for (const client of [member, association]) {
      expect((await client.patch(`/api/members/${target.id}`, { role: 'coordinator' })).status).toBe(403);
    }
    const res = await coordinator.patch(`/api/members/${target.id}`, { role: 'association' });
    expect(res.body.member.role).toBe('association');
    const client = await signIn(server.url, target);
    expect((await client.get('/api/auth/me')).body.user.role).toBe('association');
  });

  it('re-enables a disabled account, which can then sign in again', async () => {
    const target = await createUser(server.app);
    await coordinator.patch(`/api/members/${target.id}`, { disabled: true });
    expect((await new HttpClient(server.url).post('/api/auth/login', { email: target.email, password: target.password })).status).toBe(403);
    expect((await coordinator.patch(`/api/members/${target.id}`, { disabled: false })).body.member.disabled).toBe(false);
    await signIn(server.url, target);
  });

  it('keeps a coordinator from removing their own rights', async () => {
    const res = await coordinator.patch(`/api/members/${coordinatorUser.id}`, { disabled: true });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Vous ne pouvez pas retirer vos propres droits de coordination.');
    expect((await coordinator.patch(`/api/members/${coordinatorUser.id}`, { role: 'member' })).status).toBe(403);
    expect((await coordinator.patch('/api/members/unknown-id', { disabled: true })).status).toBe(404);
  });
});
