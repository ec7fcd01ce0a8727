import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { HttpClient, signIn } from '../../helpers/http';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';
import { VULNERABLE_POPULATIONS } from '../../../shared/programmes.schema';

let server: TestServer;
beforeAll(async () => { server = await startServer({ demo: true }); });
afterAll(() => server?.close());

const REGION = ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'];

it('opens on a directory of the region: every département, several diseases, one adapted for vulnerable people, one suspended', async () => {
  const json = (await new HttpClient(server.url).get('/programmes.json')).body;
  const all: any[] = json.programmes;
  expect(all.length).toBeGreaterThanOrEqual(20);
  expect(new Set(all.flatMap((p) => p.sites.map((s: any) => s.departement)))).toEqual(new Set(REGION));
  expect(new Set(all.flatMap((p) => p.conditions)).size).toBeGreaterThanOrEqual(8);
  expect(all.filter((p) => p.state === 'suspendu')).toHaveLength(1);
  const adapted = all.filter((p) => p.populations.some((x: string) => (VULNERABLE_POPULATIONS as readonly string[]).includes(x)) && p.adaptations.includes('falc'));
  expect(adapted.map((p) => p.title)).toContain('Diabète et précarité : des ateliers près de chez vous');
  // Every entry the public reads is a valid one (the seed goes through the public schema).
  for (const p of all) expect(p.contactEmail).toMatch(/@demo\.maillage\.fr$/);
});

it('gives the coordinator a review queue, and the hospital nurse her organisation’s programmes', async () => {
  const coordinator = await signIn(server.url, { email: 'claire.martin@demo.maillage.fr', password: DEMO_PASSWORD });
  const queue = (await coordinator.get('/api/programmes?review=a_valider')).body.programmes;
  expect(queue.map((p: any) => p.title).sort()).toEqual(['Lombalgie chronique : reprendre le mouvement', 'Vivre avec le VIH']);
  // The pending change of a published programme is not public yet.
  const lombalgie = (await coordinator.get(`/api/programmes/${queue.find((p: any) => p.published).id}`)).body.programme;
  expect(lombalgie.contactPhone).not.toBe(lombalgie.publicVersion.contactPhone);

  const nurse = await signIn(server.url, { email: 'nadia.benali@demo.maillage.fr', password: DEMO_PASSWORD });
  const mine = (await nurse.get('/api/programmes')).body.programmes;
  expect(mine.length).toBeGreaterThanOrEqual(3);
  expect(new Set(mine.map((p: any) => p.holderName))).toEqual(new Set(['Centre hospitalier Saint-Roch']));
});
