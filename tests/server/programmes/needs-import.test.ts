import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { needIndicators } from '../../../db/schema/index';
import { ensureConditions } from './needs.fixture';

let server: TestServer;
let asCoordination: HttpClient;

beforeAll(async () => {
  server = await startServer();
  ensureConditions(server.app);
  asCoordination = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
});
afterAll(async () => server?.close());
beforeEach(() => { server.app.db.delete(needIndicators).run(); });

const stored = () => server.app.db.select().from(needIndicators).all();

describe('importing need indicators', () => {
  it('reads a French spreadsheet export (BOM, semicolons, decimal commas, dropped leading zeros) without writing until confirmed', async () => {
    const csv = '\uFEFFDépartement;Maladie;Indicateur;Valeur;Année;Source\r\n'
      + '1;Diabète de type 2;Personnes concernées;33 762;2023;Assurance Maladie, cartographie des pathologies\r\n'
      + '69;diabete_type_2;Prévalence (%);5,0;2023;Assurance Maladie\r\n'
      + '"2a";toutes;Personnes concernées;"12 000";2022;"Source ""locale"", ARS"\r\n\r\n';
    const preview = await asCoordination.post('/api/programmes/needs/indicators/preview', { csv });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 3, valid: 3, problems: [], written: 0, replaces: 0 });
    expect(preview.body.preview.map((r: { line: number; departement: string; condition: string; indicator: string; value: number }) => [r.line, r.departement, r.condition, r.indicator, r.value])).toEqual([
      [2, '01', 'diabete_type_2', 'personnes_concernees', 33762],
      [3, '69', 'diabete_type_2', 'prevalence', 5],
      [4, '2A', '*', 'personnes_concernees', 12000],
    ]);
    expect(preview.body.preview[2].source).toBe('Source "locale", ARS');
    expect(stored()).toHaveLength(0);

    const written = await asCoordination.post('/api/programmes/needs/indicators/import', { csv });
    expect(written.status).toBe(200);
    expect(written.body.written).toBe(3);
    expect(stored().map((r) => [r.departement, r.label, r.value, r.year]).sort()).toEqual([
      ['01', 'Personnes concernées', 33762, 2023], ['2A', 'Personnes concernées', 12000, 2022], ['69', 'Prévalence (%)', 5, 2023],
    ]);

    // The same key again replaces the value, and the preview says so.
    const again = await asCoordination.post('/api/programmes/needs/indicators/preview', { csv: 'departement,maladie,indicateur,valeur,annee,source\n01,diabete_type_2,personnes concernees,34000,2023,AM' });
    expect(again.body).toMatchObject({ valid: 1, replaces: 1 });
    await asCoordination.post('/api/programmes/needs/indicators/import', { csv: 'departement,maladie,indicateur,valeur,annee,source\n01,diabete_type_2,personnes concernees,34000,2023,AM' });
    expect(stored().filter((r) => r.departement === '01').map((r) => r.value)).toEqual([34000]);
  });

  it('reports every wrong row with its line and column, and writes nothing at all when confirmed anyway', async () => {
    const csv = [
      'departement,maladie,indicateur,valeur,annee,source',
      '69,diabete_type_2,personnes_concernees,94500,2023,Assurance Maladie',
      '99,diabete_type_2,personnes_concernees,100,2023,AM',
      '38,grippe,personnes_concernees,100,2023,AM',
      '42,bpco,personnes_concernees,beaucoup,2023,AM',
      '43,bpco,personnes_concernees,-4,2023,AM',
      '63,bpco,personnes_concernees,10,23,AM',
      '73,bpco,personnes_concernees,10,2023,',
      '69,Diabète de type 2,Personnes concernées,1,2023,AM',
    ].join('\n');
    const preview = await asCoordination.post('/api/programmes/needs/indicators/preview', { csv });
    expect(preview.status).toBe(200);
    expect(preview.body.rows).toBe(8);
    expect(preview.body.valid).toBe(1);
    expect(preview.body.problems.map((p: { line: number; column: string | null }) => [p.line, p.column])).toEqual([
      [3, 'département'], [4, 'maladie'], [5, 'valeur'], [6, 'valeur'], [7, 'année'], [8, 'source'], [9, null],
    ]);
    expect(preview.body.problems[0].message).toContain('« 99 » n’est pas un code de département');
    expect(preview.body.problems[1].message).toContain('Maladie « grippe » inconnue');
    expect(preview.body.problems[6].message).toBe('Même département, maladie, indicateur et année qu’à la ligne 2.');

    const confirmed = await asCoordination.post('/api/programmes/needs/indicators/import', { csv });
    expect(confirmed.status).toBe(400);
    expect(confirmed.body).toMatchObject({ code: 'import_invalid', message: expect.stringContaining('7 erreurs : rien n’a été enregistré') });
    expect(stored()).toHaveLength(0);
  });

  it('names the missing columns, and refuses an empty or oversized file', async () => {
    const missing = await asCoordination.post('/api/programmes/needs/indicators/preview', { csv: 'departement;valeur\n69;12' });
    expect(missing.body.problems.map((p: { message: string }) => p.message)).toEqual([
      'Colonne « maladie » absente de la première ligne.', 'Colonne « indicateur » absente de la première ligne.',
      'Colonne « année » absente de la première ligne.', 'Colonne « source » absente de la première ligne.',
    ]);
    const empty = await asCoordination.post('/api/programmes/needs/indicators/import', { csv: 'departement,maladie,indicateur,valeur,annee,source\n' });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('import_empty');
    const huge = await asCoordination.post('/api/programmes/needs/indicators/preview', { csv: 'x'.repeat(950_000) });
    expect(huge.status).toBe(400);
    expect(huge.body.message).toContain('trop volumineux');
  });

  it('is for the coordination only', async () => {
    const csv = 'departement,maladie,indicateur,valeur,annee,source\n69,bpco,personnes,1,2023,AM';
    for (const role of ['member', 'association'] as const) {
      const client = await signIn(server.url, await createUser(server.app, { role }));
      expect((await client.post('/api/programmes/needs/indicators/preview', { csv })).status, role).toBe(403);
      expect((await client.post('/api/programmes/needs/indicators/import', { csv })).status, role).toBe(403);
    }
    expect((await new HttpClient(server.url).post('/api/programmes/needs/indicators/import', { csv })).status).toBe(401);
    expect(stored()).toHaveLength(0);
  });
});
