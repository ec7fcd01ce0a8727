import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser } from '../../helpers/factories';
import { rawGet, signIn, type HttpClient } from '../../helpers/http';
import { parisYear } from '../../../shared/structure-needs.schema';
import { smallQuestionnaire } from './fixture';
import type { OrganisationType } from '../../../shared/organisations.schema';

// The synthesis counts what structures sent, by département and by kind of structure.
let server: TestServer;
let coordinator: HttpClient;
const base = '/api/structure-needs';
const year = parisYear() + 1;

/** A structure, one of its members, and what that member sends (or only saves). */
async function answer(name: string, type: OrganisationType, departement: string, answers: Record<string, unknown>, send = true) {
  const org = createOrganisation(server.app, { name, type, departement });
  const client = await signIn(server.url, await createUser(server.app, { organisationId: org.id }));
  const res = await client.request(send ? 'POST' : 'PUT', `${base}/answers/${year}/mine${send ? '/submit' : ''}`, { answers });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  await coordinator.post(`${base}/questionnaires`, { year });
  await coordinator.put(`${base}/questionnaires/${year}`, { content: smallQuestionnaire() });
  await answer('MSP des Pentes', 'msp_pole_sante', '69', { programme: 'oui', appui: ['methode', 'outils'], besoin: 4, remarques: 'Partager nos outils ; vite.' });
  await answer('MSP de Vaise', 'msp_pole_sante', '69', { programme: 'non', appui: ['methode'], besoin: 5 });
  await answer('Pôle de santé du Forez', 'msp_pole_sante', '42', { programme: 'non', appui: ['formation', 'methode'], besoin: 2, effectif: '8' });
  await answer('Centre de santé Mistral', 'centre_sante', '38', { programme: 'oui', besoin: 3, remarques: 'Un interlocuteur pour le domicile.' });
  // A draft is the structure's own work in progress: not counted.
  await answer('MSP brouillon', 'msp_pole_sante', '42', { programme: 'oui', besoin: 1 }, false);
});
afterAll(async () => server?.close());

it('counts each answer by département and by kind of structure, with scale averages and the free texts', async () => {
  const s = (await coordinator.get(`${base}/synthesis/${year}`)).body.synthesis;
  expect(s.respondents).toBe(4);
  expect(s.respondentsByDepartement).toEqual({ 69: 2, 42: 1, 38: 1 });
  expect(s.respondentsByKind).toEqual({ msp_pole_sante: 3, centre_sante: 1 });
  const q = (id: string) => s.questions.find((x: any) => x.id === id);

  expect(q('programme').counts.map((c: any) => [c.label, c.total, c.byDepartement, c.byKind])).toEqual([
    ['Oui', 2, { 69: 1, 38: 1 }, { msp_pole_sante: 1, centre_sante: 1 }],
    ['Non', 2, { 69: 1, 42: 1 }, { msp_pole_sante: 2 }],
  ]);
  // Several choices each count once per structure.
  expect(q('appui').answered).toBe(3);
  expect(q('appui').counts.map((c: any) => [c.value, c.total, c.byDepartement])).toEqual([
    ['methode', 3, { 69: 2, 42: 1 }], ['outils', 1, { 69: 1 }], ['formation', 1, { 42: 1 }],
  ]);
  const besoin = q('besoin');
  expect(besoin.counts.map((c: any) => c.total)).toEqual([0, 1, 1, 1, 1]);
  expect(besoin.counts[0].label).toBe('1 – Aucun');
  expect(besoin.average).toBe(3.5);
  expect(besoin.averageByDepartement).toEqual({ 69: 4.5, 42: 2, 38: 3 });
  expect(besoin.averageByKind).toEqual({ msp_pole_sante: 3.67, centre_sante: 3 });
  expect(q('remarques').texts.map((t: any) => [t.organisationName, t.text])).toEqual([
    ['Centre de santé Mistral', 'Un interlocuteur pour le domicile.'], ['MSP des Pentes', 'Partager nos outils ; vite.'],
  ]);
  expect(q('effectif').answered).toBe(1);
});

it('exports the synthesis as a French spreadsheet reads it', async () => {
  // Raw bytes: fetch would drop the BOM the spreadsheet needs to see.
  const res = await rawGet(`${server.url}${base}/synthesis/${year}/csv`, { cookie: coordinator.cookie });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toContain(`besoins-structures-${year}.csv`);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.body);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = text.slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
  expect(rows[0]).toEqual(['Section', 'Question', 'Réponse', 'Ensemble', 'Département 38', 'Département 42', 'Département 69', 'Centre de santé', 'MSP / pôle de santé', 'Structure']);
  expect(rows[1]).toEqual(['Structures répondantes', '', '', '4', '1', '1', '2', '1', '3', '']);
  expect(rows).toContainEqual(['Éducation thérapeutique', 'Appui souhaité', 'Méthode', '3', '0', '1', '2', '0', '3', '']);
  // Decimal commas, quoted since the writer quotes any comma.
  expect(rows).toContainEqual(['Éducation thérapeutique', 'Votre besoin', 'Moyenne', '"3,5"', '3', '2', '"4,5"', '3', '"3,67"', '']);
  // A text holding the separator stays one cell, quoted.
  expect(text).toContain('Éducation thérapeutique;Remarques;"Partager nos outils ; vite.";;;;;;;MSP des Pentes');
});
