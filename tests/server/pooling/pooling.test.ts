import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { neighboursOf } from '../../../shared/departements.neighbours';
import { programmeInput } from '../programmes/fixture';

let server: TestServer;
let coordinator: HttpClient;
let starter: HttpClient;
let starterUser: TestUser;
const orgs = {} as Record<'msp' | 'chLyon' | 'chLoire' | 'mspAnnecy' | 'chNoProgramme' | 'chGrenobleDiabete' | 'asso', string>;
const people = {} as Record<'chLyonNurse' | 'chNoProgrammeDoctor' | 'mspAnnecyGp' | 'other' | 'association', TestUser>;
const programmes = {} as Record<'chLyon' | 'chLoire' | 'mspAnnecy' | 'mspOwn' | 'chGrenobleDiabete', string>;

/** Declared by the coordination for the holder, then validated: in the public directory. */
async function publish(holder: string, overrides: Parameters<typeof programmeInput>[0]) {
  const { body, status } = await coordinator.post('/api/programmes', programmeInput({ holderOrganisationId: holder, ...overrides }));
  expect(status).toBe(201);
  await coordinator.post(`/api/programmes/${body.programme.id}/review`, { decision: 'accept' });
  return body.programme.id as string;
}

const lombalgie = (commune: string, departement: string, setting: 'hopital' | 'ville') =>
  ({ title: `Lombalgie à ${commune}`, conditions: ['lombalgie_chronique'], sites: [{ commune, departement }], setting });

beforeAll(async () => {
  server = await startServer();
  const { app } = server;
  // Factories' default organisations are hospitals of the Rhône: these people work elsewhere.
  const platform = createOrganisation(app, { name: 'Plateforme ETP', type: 'plateforme_etp' }).id;
  coordinator = await signIn(server.url, await createUser(app, { role: 'coordinator', organisationId: platform }));
  orgs.msp = createOrganisation(app, { name: 'MSP des Canuts', type: 'msp_pole_sante', departement: '69' }).id;
  orgs.chLyon = createOrganisation(app, { name: 'Hôpital de Fourvière', type: 'etablissement_sante', departement: '69' }).id;
  orgs.chLoire = createOrganisation(app, { name: 'Centre hospitalier du Forez', type: 'etablissement_sante', departement: '42' }).id;
  orgs.mspAnnecy = createOrganisation(app, { name: 'MSP du lac d’Annecy', type: 'msp_pole_sante', departement: '74' }).id;
  orgs.chNoProgramme = createOrganisation(app, { name: 'Hôpital de la Croix-Rousse', type: 'etablissement_sante', departement: '69' }).id;
  orgs.chGrenobleDiabete = createOrganisation(app, { name: 'Clinique du Vercors', type: 'etablissement_sante', departement: '38' }).id;
  orgs.asso = createOrganisation(app, { name: 'Association Dos et Vie', type: 'association_patients', departement: '69' }).id;
  starterUser = await createUser(app, { organisationId: orgs.msp, name: 'Léa Coordinatrice' });
  starter = await signIn(server.url, starterUser);
  people.chLyonNurse = await createUser(app, { organisationId: orgs.chLyon, name: 'Nadia Infirmière' });
  people.chNoProgrammeDoctor = await createUser(app, { organisationId: orgs.chNoProgramme, name: 'Paul Médecin' });
  people.mspAnnecyGp = await createUser(app, { organisationId: orgs.mspAnnecy, name: 'Jeanne Généraliste' });
  people.other = await createUser(app, { name: 'Autre Membre', organisationId: createOrganisation(app, { name: 'Université', type: 'universite_recherche' }).id });
  people.association = await createUser(app, { organisationId: orgs.asso, role: 'association', name: 'Marie Association' });

  programmes.chLyon = await publish(orgs.chLyon, lombalgie('Lyon 5e', '69', 'hopital'));
  programmes.chLoire = await publish(orgs.chLoire, lombalgie('Saint-Étienne', '42', 'hopital'));
  programmes.mspAnnecy = await publish(orgs.mspAnnecy, lombalgie('Annecy', '74', 'ville'));
  programmes.mspOwn = await publish(orgs.msp, lombalgie('Lyon 1er', '69', 'ville'));
  programmes.chGrenobleDiabete = await publish(orgs.chGrenobleDiabete, { title: 'Diabète à Grenoble', conditions: ['diabete_type_2'], sites: [{ commune: 'Grenoble', departement: '38' }], setting: 'hopital' });
  // Declared but not validated: not in the public directory, so not a partner to find.
  await coordinator.post('/api/programmes', programmeInput({ holderOrganisationId: orgs.chGrenobleDiabete, ...lombalgie('Vienne', '38', 'hopital'), submit: true }));
});
afterAll(async () => { await server.close(); });

const partners = (client: HttpClient, option: string, departement = '69', condition = 'lombalgie_chronique') =>
  client.get(`/api/pooling/partners?option=${option}&condition=${condition}&departement=${departement}`);

describe('finding partners', () => {
  it('lists published programmes on the disease in the département and its neighbours, hospital apart from ville, the nearest first', async () => {
    const { status, body } = await partners(starter, '2.1');
    expect(status).toBe(200);
    expect(body.departements).toEqual(['69', '01', '38', '42', '71']);
    expect(body.programmes.hopital.map((p: any) => [p.holderName, p.sameDepartement])).toEqual([['Hôpital de Fourvière', true], ['Centre hospitalier du Forez', false]]);
    // Annecy (74) is not next to the Rhône; the person's own MSP is not its own partner; the Vercors clinic's
    // validated programme is on diabetes and its low-back-pain one is not validated yet.
    expect(body.programmes.ville).toEqual([]);
    const fourviere = body.programmes.hopital[0];
    expect(fourviere).toMatchObject({ programmeId: programmes.chLyon, title: 'Lombalgie à Lyon 5e', contactEmail: 'etp@example.org', contactPhone: '04 72 00 00 00' });
    expect(fourviere.people.map((p: any) => p.name)).toEqual(['Nadia Infirmière']);
    // 2.1 is about partners who already have a programme: no list of structures without one.
    expect(body.structures).toEqual({ hopital: [], ville: [] });
  });

  it('finds the ville programme of Haute-Savoie from Savoie, its neighbour', async () => {
    const { body } = await partners(starter, '1.1', '73');
    expect(body.programmes.ville.map((p: any) => p.holderName)).toEqual(['MSP du lac d’Annecy']);
    expect(body.programmes.hopital).toEqual([]);
  });

  it('for 2.2, also lists the hospitals around with people on Maillage and no programme on the disease yet', async () => {
    const { body } = await partners(starter, '2.2');
    expect(body.structures.hopital.map((s: any) => [s.name, s.people.map((p: any) => p.name)])).toEqual([['Hôpital de la Croix-Rousse', ['Paul Médecin']]]);
  });

  it('shows association accounts the programmes and their public contacts, never who works where', async () => {
    const association = await signIn(server.url, people.association);
    const { body } = await partners(association, '2.2');
    expect(body.programmes.hopital.map((p: any) => [p.holderName, p.contactEmail, p.people])).toEqual([
      ['Hôpital de Fourvière', 'etp@example.org', []], ['Centre hospitalier du Forez', 'etp@example.org', []],
    ]);
    expect(body.structures).toEqual({ hopital: [], ville: [] });
  });

  it('refuses an unknown option or département in words, and visitors', async () => {
    const wrongOption = await partners(starter, '6.1');
    expect(wrongOption.status).toBe(400);
    expect(wrongOption.body.message).toMatch(/Option de mutualisation inconnue/);
    expect((await partners(starter, '2.1', '999')).body.message).toMatch(/Code de département inconnu/);
    expect((await partners(new HttpClient(server.url), '2.1')).status).toBe(401);
  });

  it('knows the neighbours both ways, inside and at the edge of the region', () => {
    expect(neighboursOf('69')).toEqual(['01', '38', '42', '71']);
    expect(neighboursOf('71')).toEqual(['01', '03', '42', '69']);
    for (const code of ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74']) {
      for (const near of neighboursOf(code)) expect(neighboursOf(near)).toContain(code);
    }
  });
});

describe('starting a partnership', () => {
  const start = (client: HttpClient, body: Record<string, unknown>) => client.post('/api/pooling/partnerships', {
    option: '2.2', condition: 'lombalgie_chronique', group: { kind: 'new', name: 'Partenariat lombalgie Canuts – Fourvière' }, ...body,
  });

  it('creates a private group with the partners’ people and the agreement filled with the parties, the option and its responsibilities', async () => {
    const { status, body } = await start(starter, {
      partners: [{ organisationId: orgs.chLyon, programmeId: programmes.chLyon }, { organisationId: orgs.chLoire, programmeId: programmes.chLoire }],
      people: [people.chLyonNurse.id],
    });
    expect(status).toBe(201);
    expect(body.added).toEqual([{ id: people.chLyonNurse.id, name: 'Nadia Infirmière' }]);
    // The Forez hospital has nobody on Maillage: its public contact, to invite from the group.
    expect(body.toInvite).toEqual([{ name: 'Centre hospitalier du Forez', contactName: 'Secrétariat ETP', contactEmail: 'etp@example.org' }]);

    const group = (await starter.get(`/api/groups/${body.groupId}`)).body.group;
    expect(group).toMatchObject({ name: 'Partenariat lombalgie Canuts – Fourvière', visibility: 'private' });
    const members = (await starter.get(`/api/groups/${body.groupId}/members`)).body.members;
    expect(members.map((m: any) => [m.name, m.role]).sort()).toEqual([['Léa Coordinatrice', 'lead'], ['Nadia Infirmière', 'member']]);

    const nurse = await signIn(server.url, people.chLyonNurse);
    const document = (await nurse.get(`/api/documents/${body.documentId}`)).body.document;
    expect(document).toMatchObject({ kind: 'partnership_agreement', title: 'Convention de partenariat – Lombalgie chronique (option 2.2)', groupId: body.groupId });
    const html: string = (await nurse.get(`/api/documents/${body.documentId}/content`)).body.html;
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Partenaire 1 : MSP des Canuts (maison ou pôle de santé)');
    expect(text).toContain('Partenaire 2 : Hôpital de Fourvière (établissement de santé)');
    expect(text).toContain('Partenaire 3 : Centre hospitalier du Forez (établissement de santé)');
    expect(text).toContain('Déclaration à l’ARS : MSP des Canuts');
    expect(text).toContain('Financements : chaque partenaire pour sa part');
    expect(text).toContain('les indicateurs d’activité, transmis au détenteur de la déclaration');
    // Only option 2.2 is ticked.
    const checked = [...html.matchAll(/<li[^>]*data-checked="true"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').trim().slice(0, 4));
    expect(checked).toEqual(['2.2.']);

    // Someone outside the partnership does not even see it exists.
    const other = await signIn(server.url, people.other);
    expect((await other.get(`/api/documents/${body.documentId}`)).status).toBe(404);
  });

  it('refuses association accounts, pointing to the platform', async () => {
    const association = await signIn(server.url, people.association);
    const { status, body } = await start(association, { partners: [{ organisationId: orgs.chLyon, programmeId: null }] });
    expect(status).toBe(403);
    expect(body.code).toBe('pooling_not_allowed');
    expect(body.message).toContain('Demander à la plateforme');
  });

  it('refuses visitors', async () => {
    expect((await start(new HttpClient(server.url), { partners: [{ organisationId: orgs.chLyon, programmeId: null }] })).status).toBe(401);
  });

  it('starts in a group the person leads, not in one where they are a simple member', async () => {
    const led = createGroup(server.app, starterUser.id, { name: 'Groupe lombalgie du Rhône' });
    addToGroup(server.app, led.id, starterUser.id, 'lead');
    const notLed = createGroup(server.app, people.other.id, { name: 'Groupe d’un autre' });
    addToGroup(server.app, notLed.id, starterUser.id, 'member');
    const partnersOnly = { partners: [{ organisationId: orgs.chNoProgramme, programmeId: null }], people: [people.chNoProgrammeDoctor.id] };

    const refused = await start(starter, { ...partnersOnly, group: { kind: 'existing', groupId: notLed.id } });
    expect(refused.status).toBe(403);
    expect((await starter.get(`/api/groups/${notLed.id}/members`)).body.members.map((m: any) => m.name)).not.toContain('Paul Médecin');

    expect((await starter.get('/api/pooling/groups')).body.groups.map((g: any) => g.name)).toContain('Groupe lombalgie du Rhône');
    const { status, body } = await start(starter, { ...partnersOnly, group: { kind: 'existing', groupId: led.id } });
    expect(status).toBe(201);
    expect(body.groupId).toBe(led.id);
    expect(body.toInvite).toEqual([]);
    const documents = (await starter.get(`/api/documents?groupId=${led.id}`)).body.documents;
    expect(documents.map((d: any) => d.id)).toContain(body.documentId);
  });

  it('adds only people of the partner structures, never one’s own structure as a partner, only known partners', async () => {
    const stranger = await start(starter, { partners: [{ organisationId: orgs.chLyon, programmeId: null }], people: [people.other.id] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.code).toBe('person_not_partner');
    const own = await start(starter, { partners: [{ organisationId: orgs.msp, programmeId: null }] });
    expect(own.body.code).toBe('own_organisation');
    // A programme of someone else passed off as this partner's.
    const borrowed = await start(starter, { partners: [{ organisationId: orgs.chLyon, programmeId: programmes.chLoire }] });
    expect(borrowed.body.code).toBe('unknown_programme');
    const none = await start(starter, { partners: [] });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/au moins un partenaire/);
  });
});
