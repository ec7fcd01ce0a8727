import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { programmeInput } from './fixture';

let server: TestServer;
let holder: HttpClient;
let coordinator: HttpClient;
const visitor = () => new HttpClient(server.url);

/** Declares and validates a programme, as holder and coordinator would. */
async function publish(overrides: Parameters<typeof programmeInput>[0]) {
  const { body } = await holder.post('/api/programmes', programmeInput(overrides));
  await coordinator.post(`/api/programmes/${body.programme.id}/review`, { decision: 'accept' });
  return body.programme.id as string;
}

beforeAll(async () => {
  server = await startServer();
  const org = createOrganisation(server.app, { name: 'Hôpital Nord-Ouest' }).id;
  holder = await signIn(server.url, await createUser(server.app, { organisationId: org }));
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  await publish({ title: 'Épilepsie : comprendre et agir', conditions: ['epilepsie'], sites: [{ commune: 'Saint-Étienne', departement: '42' }], setting: 'hopital' });
  await publish({
    title: 'Diabète en ville', conditions: ['diabete_type_2'], setting: 'ville', populations: ['adultes', 'non_francophones'], adaptations: ['interpretariat'],
    sites: [{ commune: 'Annecy', departement: '74' }, { commune: 'Chambéry', departement: '73' }],
    publicDescription: 'Séances avec interprète ; "prévention" du pied diabétique.',
  });
  await publish({ title: '=HYPERLINK("http://x")', conditions: ['asthme'], sites: [{ commune: 'Aurillac', departement: '15' }] });
  await publish({ title: 'Ancien programme', conditions: ['asthme'], state: 'arrete', sites: [{ commune: 'Aurillac', departement: '15' }] });
  // Declared but never validated: in no public file.
  await holder.post('/api/programmes', programmeInput({ title: 'Pas encore validé', conditions: ['asthme'] }));
});
afterAll(async () => { await server.close(); });

describe('/programmes.csv', () => {
  it('is UTF-8 with a BOM, `;`-separated, one row a programme with its département code', async () => {
    const res = await fetch(`${server.url}/programmes.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trimEnd().split('\r\n');
    const columns = lines[0].split(';');
    expect(columns.slice(0, 4)).toEqual(['identifiant', 'titre', 'departement', 'departements']);
    expect(lines).toHaveLength(1 + 4);
    expect(text).not.toContain('Pas encore validé');
    const row = (title: string) => lines.find((l) => l.split(';')[1] === title)!.split(';');
    const epilepsie = row('Épilepsie : comprendre et agir');
    expect(epilepsie[columns.indexOf('departement')]).toBe('42');
    expect(epilepsie[columns.indexOf('maladies')]).toBe('Épilepsie');
    expect(epilepsie[columns.indexOf('structure_porteuse')]).toBe('Hôpital Nord-Ouest');
    const diabete = lines.find((l) => l.includes('Diabète en ville'))!;
    expect(diabete).toContain(';Diabète en ville;74;74 | 73;Annecy (74) | Chambéry (73);');
    // A cell with the separator or quotes is quoted, quotes doubled.
    expect(diabete).toContain('"Séances avec interprète ; ""prévention"" du pied diabétique."');
  });

  it('never hands a spreadsheet a formula', async () => {
    const text = (await visitor().get('/programmes.csv')).body as string;
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/;=HYPERLINK/);
  });

  it('follows a validated change at once', async () => {
    const before = (await visitor().get('/programmes.csv')).body as string;
    expect(before).not.toContain('Obésité : bouger ensemble');
    await publish({ title: 'Obésité : bouger ensemble', conditions: ['obesite'] });
    expect((await visitor().get('/programmes.csv')).body).toContain('Obésité : bouger ensemble');
  });
});

describe('/programmes.json', () => {
  it('lists the published versions with the labels of their conditions', async () => {
    const res = await visitor().get('/programmes.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const titles = res.body.programmes.map((p: { title: string }) => p.title);
    expect(titles).toContain('Épilepsie : comprendre et agir');
    expect(titles).not.toContain('Pas encore validé');
    expect(res.body.conditions).toContainEqual({ code: 'epilepsie', labelFr: 'Épilepsie', labelEn: 'Epilepsy' });
  });
});

describe('the public search', () => {
  const titles = async (query: string) => (await visitor().get(`/api/programmes/public${query}`)).body.programmes.map((p: { title: string }) => p.title);

  it('finds words whatever their accents and case', async () => {
    expect(await titles('?q=EPILEPSIE')).toEqual(['Épilepsie : comprendre et agir']);
    expect(await titles('?q=saint etienne')).toEqual(['Épilepsie : comprendre et agir']);
    // A département's name and a condition's label are words of the entry too.
    expect(await titles('?q=haute-savoie')).toEqual(['Diabète en ville']);
    expect(await titles('?q=diabete%20interprete')).toEqual(['Diabète en ville']);
  });

  it('filters by disease, département, population and setting, and leaves ended programmes out', async () => {
    expect(await titles('?departement=73')).toEqual(['Diabète en ville']);
    expect(await titles('?condition=asthme')).toEqual(['=HYPERLINK("http://x")']);
    expect(await titles('?population=non_francophones')).toEqual(['Diabète en ville']);
    expect(await titles('?setting=ville&condition=epilepsie')).toEqual([]);
    expect(await titles('?departement=15')).not.toContain('Ancien programme');
  });

  it('answers a readable error for a wrong filter', async () => {
    const res = await visitor().get('/api/programmes/public?setting=lune');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
  });
});

describe('caching of the public directory', () => {
  it('answers 304 to a current copy, and a new one once a coordinator validates a change', async () => {
    for (const path of ['/programmes.csv', '/programmes.json', '/api/programmes/public?departement=74']) {
      const first = await fetch(`${server.url}${path}`);
      const etag = first.headers.get('etag');
      expect(etag, path).toBeTruthy();
      expect(first.headers.get('cache-control'), path).toContain('no-cache');
      expect((await fetch(`${server.url}${path}`, { headers: { 'if-none-match': etag! } })).status, path).toBe(304);
    }
    const before = (await fetch(`${server.url}/api/programmes/public?departement=74`)).headers.get('etag');
    await publish({ title: 'Insuffisance cardiaque à Annecy', conditions: ['insuffisance_cardiaque'], sites: [{ commune: 'Annecy', departement: '74' }] });
    const after = await fetch(`${server.url}/api/programmes/public?departement=74`, { headers: { 'if-none-match': before! } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { programmes: Array<{ title: string }> }).programmes.map((p) => p.title)).toContain('Insuffisance cardiaque à Annecy');
    expect(await (await fetch(`${server.url}/programmes.csv`)).text()).toContain('Insuffisance cardiaque à Annecy');
  });
});
