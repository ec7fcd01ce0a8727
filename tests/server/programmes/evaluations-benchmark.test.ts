import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { createProgramme, recordAnnual } from './needs.fixture';

let server: TestServer;
let team: TestUser;
let coordinator: TestUser;
let asTeam: HttpClient;
let asCoordination: HttpClient;
let ownId: string;
const others: Array<{ id: string; title: string }> = [];

// Declared on 2021-05-01: annual n°2 covers 2023 (due 2023-05-01).
const DECLARED = '2021-05-01';

beforeAll(async () => {
  server = await startServer();
  const holder = createOrganisation(server.app, { name: 'MSP des Pentes' });
  team = await createUser(server.app, { organisationId: holder.id });
  coordinator = await createUser(server.app, { role: 'coordinator' });
  ownId = createProgramme(server.app, { title: 'Notre programme diabète', holderOrganisationId: holder.id, setting: 'ville', declaredAt: DECLARED, conditions: ['diabete_type_2'] }).id;
  recordAnnual(server.app, ownId, 2, { patientsStarted: 50, patientsCompleted: 40, groupSessions: 20, individualSessions: 60, patientPartners: 1 });

  // Four other diabetes programmes (hospital), each with its 2023 figures; one gave no patient partners figure.
  const figures = [
    { patientsStarted: 10, patientsCompleted: 8, groupSessions: 5, individualSessions: 30, patientPartners: 0 },
    { patientsStarted: 30, patientsCompleted: 20, groupSessions: 15, individualSessions: 50, patientPartners: 2 },
    { patientsStarted: 70, patientsCompleted: 60, groupSessions: 40, individualSessions: 90, patientPartners: 4 },
    { patientsStarted: 90, patientsCompleted: 81, groupSessions: 44, individualSessions: 100, patientPartners: null },
  ];
  const elsewhere = createOrganisation(server.app, { name: 'CH Saint-Roch' });
  figures.forEach((f, i) => {
    const title = `Programme voisin ${i + 1}`;
    const { id } = createProgramme(server.app, { title, holderOrganisationId: elsewhere.id, setting: 'hopital', declaredAt: DECLARED, conditions: ['diabete_type_2'] });
    recordAnnual(server.app, id, 2, f);
    others.push({ id, title });
  });
  // Two heart-failure programmes in town: too few to compare with.
  for (const f of [figures[0], figures[1]]) {
    const { id } = createProgramme(server.app, { holderOrganisationId: elsewhere.id, setting: 'ville', declaredAt: DECLARED, conditions: ['insuffisance_cardiaque'] });
    recordAnnual(server.app, id, 2, f);
  }
  asTeam = await signIn(server.url, team);
  asCoordination = await signIn(server.url, coordinator);
});
afterAll(async () => server?.close());

describe('the intra-regional benchmark', () => {
  it('shows a team its own figures beside the medians of comparable programmes, without naming any', async () => {
    const res = await asTeam.get(`/api/programmes/evaluations/${ownId}/benchmark`);
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2023);
    expect(res.body.own).toEqual({ patientsStarted: 50, patientsCompleted: 40, groupSessions: 20, individualSessions: 60, patientPartners: 1 });
    const disease = res.body.comparisons.find((c: { basis: string }) => c.basis === 'condition');
    // The four others, not the team's own programme: medians of 10, 30, 70, 90 …
    expect(disease).toMatchObject({ code: 'diabete_type_2', label: 'Diabète de type 2', programmes: 4 });
    expect(disease.medians).toEqual({ patientsStarted: 50, patientsCompleted: 40, groupSessions: 27.5, individualSessions: 70, patientPartners: 2 });
    const text = JSON.stringify(res.body);
    for (const other of others) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.title);
    }
  });

  it('says there are not enough comparable programmes below three, figure by figure too', async () => {
    const res = await asTeam.get(`/api/programmes/evaluations/${ownId}/benchmark`);
    // Same setting ("ville"): only the two heart-failure programmes.
    const setting = res.body.comparisons.find((c: { basis: string }) => c.basis === 'setting');
    expect(setting).toMatchObject({ code: 'ville', programmes: 2, medians: null });
    expect(res.body.minComparable).toBe(3);

    // Patient partners were given by three of the four diabetes programmes: still a median.
    const disease = res.body.comparisons.find((c: { basis: string }) => c.basis === 'condition');
    expect(disease.medians.patientPartners).toBe(2);

    // Another year with no figures anywhere: nothing to compare.
    const empty = await asTeam.get(`/api/programmes/evaluations/${ownId}/benchmark?year=2022`);
    expect(empty.body.own).toBeNull();
    expect(empty.body.comparisons.every((c: { medians: unknown }) => c.medians === null)).toBe(true);
  });

  it('gives the coordination the region’s medians by setting and disease, never a programme’s figures', async () => {
    const res = await asCoordination.get('/api/programmes/evaluations/regional?year=2023');
    expect(res.status).toBe(200);
    const region = res.body.comparisons.find((c: { basis: string }) => c.basis === 'region');
    // Seven programmes: 10, 10, 30, 30, 50, 70, 90.
    expect(region).toMatchObject({ programmes: 7, medians: { patientsStarted: 30 } });
    const hospital = res.body.comparisons.find((c: { basis: string; code: string }) => c.basis === 'setting' && c.code === 'hopital');
    expect(hospital).toMatchObject({ programmes: 4, medians: { patientsStarted: 50 } });
    const heart = res.body.comparisons.find((c: { basis: string; code: string }) => c.basis === 'condition' && c.code === 'insuffisance_cardiaque');
    expect(heart).toMatchObject({ programmes: 2, medians: null });
    expect(JSON.stringify(res.body.comparisons)).not.toContain('Programme voisin');
  });
});
