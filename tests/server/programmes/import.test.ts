import { count } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { organisations, programmes } from '../../../db/schema/index';

let server: TestServer;
let coordinator: HttpClient;
const counts = () => ({
  programmes: server.app.db.select({ n: count() }).from(programmes).get()!.n,
  organisations: server.app.db.select({ n: count() }).from(organisations).get()!.n,
});

beforeAll(async () => {
  server = await startServer();
  createOrganisation(server.app, { name: 'Centre hospitalier de Valence', departement: '26' });
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
});
afterAll(async () => { await server.close(); });

// An ARS list as a French spreadsheet saves it: `;`, labels rather than codes, French dates,
// a département that lost its leading zero, a quoted cell holding the separator.
const header = 'Titre;Structure porteuse;Type structure;Maladies;Commune;Département;Lieu;Format;État;Date déclaration;Populations;Adaptations;Contact email';
const good = [
  'Diabète et vous;Centre hospitalier de Valence;;Diabète de type 2;Valence;26;Hôpital;Collectif;En cours;15/03/2021;Adultes;;etp@ch-valence.example',
  '"Cœur; souffle et vie";Réseau Cardio Ain;établissement de santé;Insuffisance cardiaque, BPCO;Bourg-en-Bresse;1;Ville et hôpital;Mixte;;2023-01-10;Personnes âgées | Précarité;FALC;',
];
const wrong = [
  'Asthme de l’enfant;Centre hospitalier de Valence;;Asthme;Romans-sur-Isère;26;Hôpital;Collectif;En cours;31/02/2022;Enfants et familles;;',
  'Programme mystère;Association Inconnue;;Maladie imaginaire;Lyon;99;Partout;Collectif;En cours;2022-05-05;;;pas-un-email',
];

it('previews a file: every row is read, what is wrong is said per line, and nothing is written', async () => {
  const before = counts();
  const res = await coordinator.post('/api/programmes/import/preview', { csv: `\uFEFF${[header, ...good, ...wrong].join('\r\n')}\r\n` });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ separator: ';', total: 4, valid: 2, invalid: 2 });
  const byLine = Object.fromEntries(res.body.rows.map((r: { line: number }) => [r.line, r]));
  expect(byLine[2]).toMatchObject({ title: 'Diabète et vous', errors: [], newHolder: false, departements: ['26'] });
  expect(byLine[3]).toMatchObject({ title: 'Cœur; souffle et vie', errors: [], newHolder: true, departements: ['01'] });
  expect(byLine[4].errors.join(' ')).toMatch(/date_declaration : Cette date n’existe pas/);
  const mystery = byLine[5].errors.join(' ');
  expect(mystery).toContain('« Association Inconnue » n’est pas encore dans Maillage');
  expect(mystery).toContain('maladies : « Maladie imaginaire » n’est pas reconnu');
  expect(mystery).toContain('departement : « 99 » n’est pas reconnu');
  expect(mystery).toContain('lieu : « Partout » n’est pas reconnu');
  expect(mystery).toMatch(/contact_email/);
  // Rows to correct come first.
  expect(res.body.rows.slice(0, 2).map((r: { line: number }) => r.line).sort()).toEqual([4, 5]);
  expect(counts()).toEqual(before);
});

it('writes nothing at all while one row is wrong, then everything once the file is corrected', async () => {
  const before = counts();
  const refused = await coordinator.post('/api/programmes/import', { csv: [header, ...good, ...wrong].join('\n') });
  expect(refused.status).toBe(400);
  expect(refused.body.code).toBe('import_invalid');
  expect(refused.body.message).toContain('rien n’a été importé');
  expect(refused.body.details.map((d: { path: string }) => d.path)).toEqual(['ligne 4', 'ligne 5']);
  // Not even the new holder of a valid row was created.
  expect(counts()).toEqual(before);

  const done = await coordinator.post('/api/programmes/import', { csv: [header, ...good].join('\n') });
  expect(done.status).toBe(201);
  expect(done.body).toEqual({ created: 2, organisationsCreated: 1 });
  expect(counts()).toEqual({ programmes: before.programmes + 2, organisations: before.organisations + 1 });

  // Imported by the coordination, they are public at once, as read from the file.
  const list = (await new HttpClient(server.url).get('/api/programmes/public?departement=01')).body.programmes;
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({
    title: 'Cœur; souffle et vie', holderName: 'Réseau Cardio Ain', conditions: ['bpco', 'insuffisance_cardiaque'],
    setting: 'mixte', format: 'mixte', state: 'en_cours', declaredAt: '2023-01-10', populations: ['personnes_agees', 'precarite'], adaptations: ['falc'],
    sites: [{ commune: 'Bourg-en-Bresse', departement: '01' }],
  });

  // The same file again: already there, said per row, nothing doubled.
  const again = await coordinator.post('/api/programmes/import/preview', { csv: [header, ...good].join('\n') });
  expect(again.body.invalid).toBe(2);
  expect(again.body.rows[0].errors).toEqual(['Ce programme est déjà dans l’annuaire (même titre, même structure porteuse).']);
});

it('reads back its own open-data file, and says which columns a file lacks', async () => {
  const csv = (await new HttpClient(server.url).get('/programmes.csv')).body as string;
  const preview = await coordinator.post('/api/programmes/import/preview', { csv });
  // Every row is read; the only complaint is that they are already in the directory.
  expect(preview.body.total).toBeGreaterThan(0);
  expect(preview.body.rows.flatMap((r: { errors: string[] }) => r.errors).filter((e: string) => !e.includes('déjà dans l’annuaire'))).toEqual([]);

  const res = await coordinator.post('/api/programmes/import/preview', { csv: 'titre,commune\nUn programme,Lyon\n' });
  expect(res.status).toBe(400);
  expect(res.body.message).toContain('Colonnes manquantes');
  expect(res.body.message).toContain('structure_porteuse');
});

it('is for coordinators only, and bounds the file', async () => {
  const member = await signIn(server.url, await createUser(server.app));
  expect((await member.post('/api/programmes/import/preview', { csv: header })).status).toBe(403);
  expect((await member.post('/api/programmes/import', { csv: header })).status).toBe(403);
  const huge = [header, ...Array.from({ length: 2001 }, (_, i) => `P${i};X;;Asthme;Lyon;69;Hôpital;Collectif;;2022-01-01;;;`)].join('\n');
  const res = await coordinator.post('/api/programmes/import/preview', { csv: huge });
  expect(res.status).toBe(400);
  expect(res.body.message).toMatch(/plus de 2000 programmes/);
});
