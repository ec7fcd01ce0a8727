import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { createProgramme, recordAnnual } from './needs.fixture';

let server: TestServer;
let asCoordination: HttpClient;
let asMember: HttpClient;
let asAssociation: HttpClient;

type Row = { code: string; programmes: number; capacity: number | null; capacityKnown: number; capacityHidden: boolean; need: number | null; offerPer10000: number | null };
const row = (body: { rows: Row[] }, code: string) => body.rows.find((r) => r.code === code)!;

beforeAll(async () => {
  server = await startServer();
  const holder = createOrganisation(server.app, { departement: '69' });
  const p = (values: Partial<Parameters<typeof createProgramme>[1]>) => createProgramme(server.app, { holderOrganisationId: holder.id, declaredAt: '2021-05-01', ...values });
  // Rhône: three running diabetes programmes with figures, one suspended, one not yet public.
  for (const sessions of [10, 20, 30]) recordAnnual(server.app, p({ departements: ['69'] }).id, 2, { groupSessions: sessions, individualSessions: 100 });
  p({ departements: ['69'], state: 'suspendu' });
  p({ departements: ['69'], published: false });
  // A programme running in two départements counts in each; a heart-failure programme in Isère.
  recordAnnual(server.app, p({ departements: ['38', '73'] }).id, 2, { groupSessions: 12, individualSessions: 8 });
  p({ departements: ['38'], conditions: ['insuffisance_cardiaque'] });

  asCoordination = await signIn(server.url, await createUser(server.app, { role: 'coordinator', organisationId: holder.id }));
  asMember = await signIn(server.url, await createUser(server.app, { organisationId: holder.id }));
  asAssociation = await signIn(server.url, await createUser(server.app, { role: 'association', organisationId: holder.id }));
  const csv = ['departement,maladie,indicateur,valeur,annee,source',
    '69,diabete_type_2,Personnes concernées,94500,2023,Assurance Maladie (démo)',
    '38,diabete_type_2,Personnes concernées,63000,2023,Assurance Maladie (démo)',
    '73,diabete_type_2,Personnes concernées,20000,2022,Assurance Maladie (démo)',
    '69,diabete_type_2,Personnes concernées,90000,2022,Assurance Maladie (démo)',
    '74,diabete_type_2,Prévalence (%),4.2,2023,Observatoire régional'].join('\n');
  const imported = await asCoordination.post('/api/programmes/needs/indicators/import', { csv });
  expect(imported.status).toBe(200);
});
afterAll(async () => server?.close());

describe('offer versus need by département', () => {
  it('counts running public programmes in each of their départements, and the offer per 10,000 people concerned', async () => {
    const res = await asCoordination.get('/api/programmes/needs/map?condition=diabete_type_2');
    expect(res.status).toBe(200);
    // The region: départements of organisations, sites and indicators.
    expect(res.body.rows.map((r: Row) => r.code)).toEqual(['38', '69', '73', '74']);
    expect(row(res.body, '69')).toMatchObject({ programmes: 3, need: 94500, offerPer10000: 0.32 });
    expect(row(res.body, '38')).toMatchObject({ programmes: 1, need: 63000, offerPer10000: 0.16 });
    // Savoie's figure is from 2022 only: the map shows one year (the latest), so no value there.
    expect(row(res.body, '73')).toMatchObject({ programmes: 1, need: null, offerPer10000: null });
    expect(row(res.body, '74')).toMatchObject({ programmes: 0, need: null });
    expect(res.body.indicator).toMatchObject({ code: 'personnes_concernees', label: 'Personnes concernées', year: 2023, sources: ['Assurance Maladie (démo)'], demo: false });
    expect(res.body.indicators.map((i: { code: string }) => i.code)).toEqual(['personnes_concernees', 'prevalence']);
    expect(res.body.canImport).toBe(true);

    const prevalence = await asCoordination.get('/api/programmes/needs/map?condition=diabete_type_2&indicator=prevalence');
    expect(row(prevalence.body, '74').need).toBe(4.2);
    expect(prevalence.body.indicator.sources).toEqual(['Observatoire régional']);

    const all = await asCoordination.get('/api/programmes/needs/map');
    expect(row(all.body, '38').programmes).toBe(2);
    expect(all.body.indicator).toBeNull();
  });

  it('sums sessions for the coordination, and hides a sum over fewer than three programmes from others', async () => {
    const coordination = await asCoordination.get('/api/programmes/needs/map?condition=diabete_type_2');
    expect(row(coordination.body, '69')).toMatchObject({ capacity: 360, capacityKnown: 3, capacityHidden: false });
    expect(row(coordination.body, '38')).toMatchObject({ capacity: 20, capacityKnown: 1, capacityHidden: false });

    const member = await asMember.get('/api/programmes/needs/map?condition=diabete_type_2');
    expect(row(member.body, '69')).toMatchObject({ capacity: 360, capacityHidden: false });
    // One programme's sessions would be that programme's figures: not shown.
    expect(row(member.body, '38')).toMatchObject({ capacity: null, capacityKnown: 1, capacityHidden: true });
    expect(member.body.canImport).toBe(false);
  });

  it('is read by every signed-in person, associations included, not by visitors', async () => {
    expect((await asAssociation.get('/api/programmes/needs/map?condition=diabete_type_2')).status).toBe(200);
    expect((await new HttpClient(server.url).get('/api/programmes/needs/map')).status).toBe(401);
    const unknown = await asMember.get('/api/programmes/needs/map?condition=grippe');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Cette maladie est introuvable.');
  });
});
