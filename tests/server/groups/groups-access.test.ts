import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';

// Who may see and do what, over REST, for every groups route: one server, one cast, one set of groups.
let server: TestServer;
const people = {} as Record<'coordinator' | 'lead' | 'member' | 'observer' | 'outsider' | 'association', TestUser>;
const as = {} as Record<keyof typeof people, HttpClient>;
const groups = {} as Record<'open' | 'public' | 'platform' | 'private', string>;

beforeAll(async () => {
  server = await startServer();
  const { app } = server;
  people.coordinator = await createUser(app, { role: 'coordinator' });
  for (const key of ['lead', 'member', 'observer', 'outsider'] as const) people[key] = await createUser(app, { role: 'member', name: `Personne ${key}` });
  people.association = await createUser(app, { role: 'association' });
  const values = {
    open: { visibility: 'public', openToAssociations: true }, public: { visibility: 'public' }, platform: { visibility: 'platform' }, private: { visibility: 'private' },
  } as const;
  for (const key of Object.keys(values) as Array<keyof typeof values>) {
    groups[key] = createGroup(app, people.lead.id, { name: `Groupe ${key}`, ...values[key] }).id;
    addToGroup(app, groups[key], people.lead.id, 'lead');
    addToGroup(app, groups[key], people.member.id, 'member');
    addToGroup(app, groups[key], people.observer.id, 'observer');
  }
  for (const key of Object.keys(people) as Array<keyof typeof people>) as[key] = await signIn(server.url, people[key]);
});
afterAll(async () => { await server?.close(); });

describe('seeing groups', () => {
  it('lists my groups and the ones my platform role lets me see', async () => {
    const names = async (who: keyof typeof people) => {
      const { body } = await as[who].get('/api/groups');
      return { mine: body.mine.map((g: any) => g.name).sort(), others: body.others.map((g: any) => g.name).sort() };
    };
    expect(await names('outsider')).toEqual({ mine: [], others: ['Groupe open', 'Groupe platform', 'Groupe public'] });
    expect(await names('association')).toEqual({ mine: [], others: ['Groupe open'] });
    expect((await names('member')).mine).toHaveLength(4);
    expect((await names('coordinator')).others).toHaveLength(4);
    const { body } = await as.outsider.get('/api/groups');
    expect(body.others.find((g: any) => g.name === 'Groupe open')).toMatchObject({ canRequest: true, myRole: null, memberCount: 3 });
  });

  it.each([
    ['coordinator', ['open', 'public', 'platform', 'private'], []],
    ['member', ['open', 'public', 'platform', 'private'], []],
    ['outsider', ['open', 'public', 'platform'], ['private']],
    ['association', ['open'], ['public', 'platform', 'private']],
  ] as const)('%s sees the home and members of exactly the visible groups (404 otherwise)', async (who, visible, hidden) => {
    for (const g of visible) {
      expect((await as[who].get(`/api/groups/${groups[g]}`)).status).toBe(200);
      expect((await as[who].get(`/api/groups/${groups[g]}/members`)).body.members).toHaveLength(3);
    }
    for (const g of hidden) {
      const res = await as[who].get(`/api/groups/${groups[g]}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Ce groupe est introuvable.');
      expect((await as[who].get(`/api/groups/${groups[g]}/members`)).status).toBe(404);
    }
  });

  it('tells each person their rights in the group', async () => {
    const access = async (who: keyof typeof people) => (await as[who].get(`/api/groups/${groups.platform}`)).body.access;
    expect(await access('lead')).toEqual({ role: 'lead', canSee: true, canRead: true, canWrite: true, canLead: true });
    expect(await access('observer')).toEqual({ role: 'observer', canSee: true, canRead: true, canWrite: false, canLead: false });
    expect(await access('outsider')).toEqual({ role: null, canSee: true, canRead: false, canWrite: false, canLead: false });
    expect(await access('coordinator')).toMatchObject({ role: null, canRead: true, canLead: true });
  });

  it('shows the activity to readers only', async () => {
    for (const who of ['member', 'observer', 'coordinator'] as const) expect((await as[who].get(`/api/groups/${groups.open}/activity`)).status).toBe(200);
    expect((await as.outsider.get(`/api/groups/${groups.open}/activity`)).status).toBe(403);
    expect((await as.association.get(`/api/groups/${groups.open}/activity`)).status).toBe(403);
    expect((await as.outsider.get(`/api/groups/${groups.private}/activity`)).status).toBe(404);
  });

  it('answers 404 on every route of a group the person may not see, and changes nothing', async () => {
    const g = `/api/groups/${groups.private}`;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', g], ['PATCH', g, { name: 'Piraté' }], ['GET', `${g}/activity`], ['GET', `${g}/members`], ['GET', `${g}/candidates?q=Personne`],
      ['POST', `${g}/members`, { userId: people.outsider.id }], ['PATCH', `${g}/members/${people.member.id}`, { role: 'lead' }],
      ['DELETE', `${g}/members/${people.member.id}`], ['GET', `${g}/join-requests`], ['POST', `${g}/join-requests`, {}],
      ['DELETE', `${g}/join-requests/mine`], ['POST', `${g}/join-requests/x/decision`, { decision: 'accept' }],
    ];
    for (const [method, path, body] of calls) {
      expect.soft((await as.outsider.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    expect((await as.member.get(`${g}/members`)).body.members.map((m: any) => m.role).sort()).toEqual(['lead', 'member', 'observer']);
  });

  it('refuses visitors without a session', async () => {
    const anonymous = new HttpClient(server.url);
    expect((await anonymous.get('/api/groups')).status).toBe(401);
    expect((await anonymous.get(`/api/groups/${groups.open}`)).status).toBe(401);
  });
});

describe('creating and editing', () => {
  it('lets coordinators and members create a group and makes them its lead; not association accounts', async () => {
    const body = { name: 'Diabète de type 2', description: 'Programme type', themes: ['Diabète', 'diabète', 'Adultes'], visibility: 'platform' };
    const created = await as.outsider.post('/api/groups', body);
    expect(created.status).toBe(201);
    expect(created.body.group).toMatchObject({ name: 'Diabète de type 2', themes: ['Diabète', 'Adultes'], myRole: 'lead', openToAssociations: false });
    expect((await as.coordinator.post('/api/groups', { ...body, name: 'Coordination' })).status).toBe(201);
    const refused = await as.association.post('/api/groups', body);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/association/);
  });

  it('validates the form with a readable message', async () => {
    const res = await as.member.post('/api/groups', { name: 'x', visibility: 'secret' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['body.name', 'body.visibility']));
  });

  it('lets leads and coordinators edit a group; members, observers and outsiders may not', async () => {
    expect((await as.lead.patch(`/api/groups/${groups.public}`, { description: 'Nouvelle description' })).body.group.description).toBe('Nouvelle description');
    const themed = await as.coordinator.patch(`/api/groups/${groups.public}`, { themes: ['Asthme'] });
    expect(themed.body.group).toMatchObject({ themes: ['Asthme'], description: 'Nouvelle description', visibility: 'public' });
    for (const who of ['member', 'observer', 'outsider'] as const) expect((await as[who].patch(`/api/groups/${groups.public}`, { name: 'Piraté' })).status).toBe(403);
    expect((await as.association.patch(`/api/groups/${groups.public}`, { name: 'Piraté' })).status).toBe(404);
    expect((await as.member.get(`/api/groups/${groups.public}`)).body.group.name).toBe('Groupe public');
  });
});

describe('managing members', () => {
  it('lets only leads (and coordinators) search people, add, change roles and remove', async () => {
    const g = groups.platform;
    const target = people.outsider.id;
    for (const who of ['member', 'observer', 'outsider'] as const) {
      expect((await as[who].get(`/api/groups/${g}/candidates?q=Personne`)).status).toBe(403);
      expect((await as[who].post(`/api/groups/${g}/members`, { userId: target })).status).toBe(403);
      expect((await as[who].patch(`/api/groups/${g}/members/${people.observer.id}`, { role: 'lead' })).status).toBe(403);
      expect((await as[who].delete(`/api/groups/${g}/members/${people.lead.id}`)).status).toBe(403);
      expect((await as[who].get(`/api/groups/${g}/join-requests`)).status).toBe(403);
    }
    const found = (await as.lead.get(`/api/groups/${g}/candidates?q=Personne`)).body.candidates.map((c: any) => c.id);
    expect(found).toContain(target);
    expect(found).not.toContain(people.member.id);
    expect((await as.lead.post(`/api/groups/${g}/members`, { userId: target, role: 'observer' })).status).toBe(201);
    expect((await as.coordinator.patch(`/api/groups/${g}/members/${target}`, { role: 'member' })).status).toBe(200);
    expect((await as.lead.delete(`/api/groups/${g}/members/${target}`)).status).toBe(200);
    expect((await as.lead.post(`/api/groups/${g}/members`, { userId: people.member.id })).status).toBe(409);
  });

  it('keeps association accounts out of platform groups and out of the lead role', async () => {
    expect((await as.lead.get(`/api/groups/${groups.platform}/candidates?q=Personne`)).body.candidates.map((c: any) => c.platformRole)).not.toContain('association');
    const platform = await as.lead.post(`/api/groups/${groups.platform}/members`, { userId: people.association.id });
    expect(platform.status).toBe(400);
    expect(platform.body.message).toMatch(/réservé aux membres de la plateforme/);
    expect((await as.lead.post(`/api/groups/${groups.private}/members`, { userId: people.association.id, role: 'lead' })).status).toBe(400);
    expect((await as.lead.post(`/api/groups/${groups.private}/members`, { userId: people.association.id, role: 'member' })).status).toBe(201);
    expect((await as.association.get(`/api/groups/${groups.private}`)).status).toBe(200);
    const closing = await as.lead.patch(`/api/groups/${groups.private}`, { visibility: 'platform' });
    expect(closing.status).toBe(409);
  });
});

describe('asking to join', () => {
  it('is open on public and platform groups as the visibility allows, never on private ones', async () => {
    expect((await as.association.post(`/api/groups/${groups.platform}/join-requests`, {})).status).toBe(404);
    expect((await as.association.post(`/api/groups/${groups.public}/join-requests`, {})).status).toBe(404);
    expect((await as.outsider.post(`/api/groups/${groups.private}/join-requests`, {})).status).toBe(404);
    const invitationOnly = await as.coordinator.post(`/api/groups/${groups.private}/join-requests`, {});
    expect(invitationOnly.status).toBe(400);
    expect(invitationOnly.body.code).toBe('invitation_only');
    expect((await as.member.post(`/api/groups/${groups.public}/join-requests`, {})).status).toBe(409);
    expect((await as.outsider.post(`/api/groups/${groups.public}/join-requests`, { message: 'Je coordonne un programme.' })).status).toBe(201);
    expect((await as.outsider.post(`/api/groups/${groups.public}/join-requests`, {})).status).toBe(409);
    const requestId = (await as.lead.get(`/api/groups/${groups.public}/join-requests`)).body.requests[0].id;
    expect((await as.member.post(`/api/groups/${groups.public}/join-requests/${requestId}/decision`, { decision: 'accept' })).status).toBe(403);
    expect((await as.outsider.delete(`/api/groups/${groups.public}/join-requests/mine`)).status).toBe(200);
    expect((await as.lead.get(`/api/groups/${groups.public}/join-requests`)).body.requests).toEqual([]);
  });
});
