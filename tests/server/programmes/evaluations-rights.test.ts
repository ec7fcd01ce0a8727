import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { documents } from '../../../db/schema/index';
import { createProgramme } from './needs.fixture';

let server: TestServer;
let holderMember: TestUser;
let programmeCoordinator: TestUser;
let otherMember: TestUser;
let association: TestUser;
let coordinator: TestUser;
let programmeId: string;
let groupId: string;

const asPerson: Record<string, HttpClient> = {};

beforeAll(async () => {
  server = await startServer();
  const hospital = createOrganisation(server.app, { name: 'CH de Vienne', departement: '38' });
  holderMember = await createUser(server.app, { organisationId: hospital.id, name: 'Nadia Benali' });
  programmeCoordinator = await createUser(server.app, { name: 'Dr Roux' });
  otherMember = await createUser(server.app, { name: 'Inès Garcia' });
  // An association account of the holder organisation is still not part of the programme's team.
  association = await createUser(server.app, { role: 'association', organisationId: hospital.id, name: 'Marie Dupont' });
  coordinator = await createUser(server.app, { role: 'coordinator', name: 'Claire Martin' });
  const group = createGroup(server.app, coordinator.id, { name: 'Diabète Isère' });
  groupId = group.id;
  addToGroup(server.app, groupId, holderMember.id, 'member');
  programmeId = createProgramme(server.app, {
    title: 'Diabète et vie quotidienne', holderOrganisationId: hospital.id, coordinatorUserId: programmeCoordinator.id,
    declaredAt: '2021-04-01', departements: ['38'], groupId,
  }).id;
  for (const [key, user] of Object.entries({ holderMember, programmeCoordinator, otherMember, association, coordinator })) {
    asPerson[key] = await signIn(server.url, user);
  }
});
afterAll(async () => server?.close());

describe('who reads and keeps a programme’s evaluations', () => {
  it('its holder organisation’s members, its coordinator and the coordination read them; nobody else', async () => {
    for (const who of ['holderMember', 'programmeCoordinator', 'coordinator']) {
      const res = await asPerson[who].get(`/api/programmes/evaluations/${programmeId}`);
      expect(res.status, who).toBe(200);
      expect(res.body.programme.title).toBe('Diabète et vie quotidienne');
      expect(res.body.evaluations.find((e: { kind: string; rank: number }) => e.kind === 'annuelle' && e.rank === 1).dueOn).toBe('2022-04-01');
    }
    for (const who of ['otherMember', 'association']) {
      const res = await asPerson[who].get(`/api/programmes/evaluations/${programmeId}`);
      expect(res.status, who).toBe(403);
      expect(res.body.message).toContain('équipe du programme');
      expect((await asPerson[who].get(`/api/programmes/evaluations/${programmeId}/benchmark`)).status, who).toBe(403);
      expect((await asPerson[who].put(`/api/programmes/evaluations/${programmeId}/annuelle/1`, { state: 'en_cours' })).status, who).toBe(403);
    }
    const visitor = new HttpClient(server.url);
    expect((await visitor.get(`/api/programmes/evaluations/${programmeId}`)).status).toBe(401);
    expect((await visitor.put(`/api/programmes/evaluations/${programmeId}/annuelle/1`, { state: 'en_cours' })).status).toBe(401);
    expect((await asPerson.coordinator.get('/api/programmes/evaluations/inconnu')).status).toBe(404);
  });

  it('lists a person’s own programmes, every programme for the coordination', async () => {
    const mine = await asPerson.holderMember.get('/api/programmes/evaluations');
    expect(mine.body.programmes.map((p: { title: string }) => p.title)).toEqual(['Diabète et vie quotidienne']);
    expect((await asPerson.otherMember.get('/api/programmes/evaluations')).body.programmes).toEqual([]);
    expect((await asPerson.association.get('/api/programmes/evaluations')).body.programmes).toEqual([]);
    expect((await asPerson.coordinator.get('/api/programmes/evaluations')).body.programmes).toHaveLength(1);
  });

  it('the regional view is the coordination’s', async () => {
    expect((await asPerson.coordinator.get('/api/programmes/evaluations/regional')).status).toBe(200);
    for (const who of ['holderMember', 'otherMember', 'association']) {
      expect((await asPerson[who].get('/api/programmes/evaluations/regional')).status, who).toBe(403);
    }
  });
});

describe('keeping an evaluation', () => {
  it('the team marks one in progress with a document of the programme’s group, then done with its figures', async () => {
    const created = await asPerson.holderMember.post('/api/documents', { groupId, kind: 'annual_self_evaluation', title: 'Auto-évaluation 2022' });
    expect(created.status).toBe(201);
    const documentId = created.body.document.id;
    const progress = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/annuelle/1`, { state: 'en_cours', documentId });
    expect(progress.status).toBe(200);
    const first = progress.body.evaluations.find((e: { kind: string; rank: number }) => e.kind === 'annuelle' && e.rank === 1);
    expect(first).toMatchObject({ state: 'en_cours', document: { id: documentId, title: 'Auto-évaluation 2022' }, status: 'en_retard' });

    const figures = { patientsStarted: 40, patientsCompleted: 31, groupSessions: 24, individualSessions: 80, patientPartners: 2 };
    const done = await asPerson.programmeCoordinator.put(`/api/programmes/evaluations/${programmeId}/annuelle/1`, { state: 'faite', doneOn: '2022-03-20', figures });
    expect(done.status).toBe(200);
    const read = await asPerson.coordinator.get(`/api/programmes/evaluations/${programmeId}`);
    const stored = read.body.evaluations.find((e: { kind: string; rank: number }) => e.kind === 'annuelle' && e.rank === 1);
    // The document stays linked when a later change does not name it.
    expect(stored).toMatchObject({ state: 'faite', status: 'faite', doneOn: '2022-03-20', figures, document: { id: documentId } });
  });

  it('refuses a document from another group or made from another template, and future or unexpected values', async () => {
    const elsewhere = createGroup(server.app, coordinator.id, { name: 'Autre groupe' });
    addToGroup(server.app, elsewhere.id, holderMember.id, 'member');
    const foreign = await asPerson.holderMember.post('/api/documents', { groupId: elsewhere.id, kind: 'annual_self_evaluation', title: 'Ailleurs' });
    const wrongGroup = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/annuelle/2`, { state: 'en_cours', documentId: foreign.body.document.id });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.code).toBe('document_elsewhere');

    const quadrennialDoc = await asPerson.holderMember.post('/api/documents', { groupId, kind: 'quadrennial_evaluation', title: 'Quadriennale' });
    const wrongKind = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/annuelle/2`, { state: 'en_cours', documentId: quadrennialDoc.body.document.id });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.message).toContain('auto-évaluation annuelle');
    const rightKind = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/quadriennale/1`, { state: 'en_cours', documentId: quadrennialDoc.body.document.id });
    expect(rightKind.status).toBe(200);

    // A document of a group the person cannot read is not revealed.
    const closed = createGroup(server.app, coordinator.id, { name: 'Groupe fermé', visibility: 'private' });
    const hidden = server.app.db.insert(documents).values({ groupId: closed.id, title: 'Secret', kind: 'annual_self_evaluation', createdBy: coordinator.id }).returning().get();
    const unreadable = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/annuelle/2`, { state: 'en_cours', documentId: hidden.id });
    expect(unreadable.status).toBe(404);
    expect(JSON.stringify(unreadable.body)).not.toContain('Secret');

    const future = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/annuelle/2`, { state: 'faite', doneOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('done_in_future');
    const farAhead = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/annuelle/40`, { state: 'en_cours' });
    expect(farAhead.status).toBe(400);
    expect(farAhead.body.code).toBe('evaluation_not_due');
    const quadrennialFigures = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/quadriennale/1`, {
      state: 'en_cours', figures: { patientsStarted: 1, patientsCompleted: 1, groupSessions: 1, individualSessions: 1, patientPartners: 1 },
    });
    expect(quadrennialFigures.status).toBe(400);
    const negative = await asPerson.holderMember.put(`/api/programmes/evaluations/${programmeId}/annuelle/2`, {
      state: 'en_cours', figures: { patientsStarted: -3, patientsCompleted: null, groupSessions: null, individualSessions: null, patientPartners: null },
    });
    expect(negative.status).toBe(400);
    expect(negative.body.details[0].path).toBe('body.figures.patientsStarted');
  });
});
