import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { programmeInput } from './fixture';

let server: TestServer;
let holderOrg: string;
let holder: HttpClient;
let colleague: TestUser;
let other: HttpClient;
let coordinator: HttpClient;
let association: HttpClient;
let visitor: HttpClient;

beforeAll(async () => {
  server = await startServer();
  holderOrg = createOrganisation(server.app, { name: 'CH de Vienne' }).id;
  holder = await signIn(server.url, await createUser(server.app, { organisationId: holderOrg }));
  colleague = await createUser(server.app, { organisationId: holderOrg, name: 'Dr Jeanne Coordonne' });
  other = await signIn(server.url, await createUser(server.app));
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  association = await signIn(server.url, await createUser(server.app, { role: 'association' }));
  visitor = new HttpClient(server.url);
});
afterAll(async () => { await server.close(); });

describe('who writes a programme', () => {
  it('a member of the holder organisation declares it, and a colleague of the same organisation edits it', async () => {
    const created = await holder.post('/api/programmes', programmeInput({ coordinatorUserId: colleague.id }));
    expect(created.status).toBe(201);
    expect(created.body.programme).toMatchObject({ holderName: 'CH de Vienne', coordinatorName: 'Dr Jeanne Coordonne', reviewState: 'a_valider', publicVersion: null });

    const sameOrg = await signIn(server.url, colleague);
    const edited = await sameOrg.put(`/api/programmes/${created.body.programme.id}`, programmeInput({ title: 'Diabète : mieux vivre au quotidien' }));
    expect(edited.status).toBe(200);
    expect(edited.body.programme.title).toBe('Diabète : mieux vivre au quotidien');
  });

  it('a member of another organisation can neither read the working copy nor change it, nor declare for that holder', async () => {
    const { body } = await holder.post('/api/programmes', programmeInput({ title: 'Insuffisance cardiaque : l’école du cœur', conditions: ['insuffisance_cardiaque'] }));
    const id = body.programme.id;
    expect((await other.get(`/api/programmes/${id}`)).status).toBe(403);
    const put = await other.put(`/api/programmes/${id}`, programmeInput({ title: 'Pris par un autre' }));
    expect(put.status).toBe(403);
    expect(put.body.message).toMatch(/structure porteuse/);
    expect((await other.post('/api/programmes', programmeInput({ holderOrganisationId: holderOrg }))).status).toBe(403);
    expect((await holder.get(`/api/programmes/${id}`)).body.programme.title).toBe('Insuffisance cardiaque : l’école du cœur');
    // Their own list does not show it either.
    const list = await other.get('/api/programmes');
    expect(list.body.programmes.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('a coordinator reads, edits and declares for any holder; only a coordinator reviews', async () => {
    const { body } = await holder.post('/api/programmes', programmeInput({ title: 'BPCO : souffler mieux', conditions: ['bpco'] }));
    const id = body.programme.id;
    expect((await coordinator.get(`/api/programmes/${id}`)).status).toBe(200);
    expect((await coordinator.put(`/api/programmes/${id}`, programmeInput({ title: 'BPCO : respirer mieux', conditions: ['bpco'] }))).status).toBe(200);
    const forOther = await coordinator.post('/api/programmes', programmeInput({ holderOrganisationId: holderOrg, title: 'Asthme de l’enfant', conditions: ['asthme'] }));
    expect(forOther.body.programme.holderName).toBe('CH de Vienne');
    expect((await holder.post(`/api/programmes/${id}/review`, { decision: 'accept' })).status).toBe(403);
    expect((await coordinator.post(`/api/programmes/${id}/review`, { decision: 'accept' })).status).toBe(200);
    const all = await coordinator.get('/api/programmes');
    expect(all.body.programmes.map((p: { title: string }) => p.title)).toEqual(expect.arrayContaining(['BPCO : respirer mieux', 'Asthme de l’enfant']));
  });

  it('an association account reads the public directory but writes no programme', async () => {
    const { body } = await holder.post('/api/programmes', programmeInput({ title: 'Obésité : bouger ensemble', conditions: ['obesite'] }));
    expect((await association.post('/api/programmes', programmeInput())).status).toBe(403);
    expect((await association.get(`/api/programmes/${body.programme.id}`)).status).toBe(403);
    expect((await association.get('/api/programmes')).status).toBe(403);
    expect((await association.get('/api/programmes/public')).status).toBe(200);
  });

  it('a visitor reads the directory and its files, and nothing else', async () => {
    const { body } = await holder.post('/api/programmes', programmeInput({ title: 'VIH : vivre avec', conditions: ['vih'] }));
    expect((await visitor.get('/api/programmes/public')).status).toBe(200);
    expect((await visitor.get('/programmes.csv')).status).toBe(200);
    expect((await visitor.get(`/api/programmes/${body.programme.id}`)).status).toBe(401);
    expect((await visitor.post('/api/programmes', programmeInput())).status).toBe(401);
    expect((await visitor.post('/api/programmes/import/preview', { csv: 'titre\nx' })).status).toBe(401);
    // Not yet validated: the visitor does not see it at all.
    expect((await visitor.get(`/api/programmes/public/${body.programme.id}`)).status).toBe(404);
  });

  it('refuses a coordinator of the programme who is not a member of the holder, and a group out of reach', async () => {
    const stranger = await createUser(server.app);
    const res = await holder.post('/api/programmes', programmeInput({ coordinatorUserId: stranger.id }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/membre actif de la structure porteuse/);
    const privateGroup = (await coordinator.post('/api/groups', { name: 'Groupe privé', visibility: 'private' })).body;
    const groupId = privateGroup.group?.id ?? privateGroup.id;
    const withGroup = await holder.post('/api/programmes', programmeInput({ groupId }));
    expect(withGroup.status).toBe(400);
    expect(withGroup.body.message).toMatch(/groupe de travail/);
  });

  it('answers invalid entries field by field, in French', async () => {
    const res = await holder.post('/api/programmes', programmeInput({ title: 'x', sites: [], declaredAt: '2031-01-01', conditions: ['pas_une_maladie'] }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.sites', 'body.declaredAt']));
    const unknown = await holder.post('/api/programmes', programmeInput({ conditions: ['pas_une_maladie'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/pas_une_maladie/);
  });
});
