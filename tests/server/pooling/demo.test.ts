import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { signIn } from '../../helpers/http';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';
import { DEMO_PARTNERSHIP_GROUP } from '../../../db/seeds/pooling.seed';

let server: TestServer;
beforeAll(async () => { server = await startServer({ demo: true }); });
afterAll(() => server?.close());

it('opens with a partnership started from option 2.2 between the demo MSP and hospital, its agreement filled', async () => {
  const nurse = await signIn(server.url, { email: 'nadia.benali@demo.maillage.fr', password: DEMO_PASSWORD });
  const groups = (await nurse.get('/api/groups')).body.mine;
  const group = groups.find((g: any) => g.name === DEMO_PARTNERSHIP_GROUP);
  expect(group).toMatchObject({ visibility: 'private' });
  const documents = (await nurse.get(`/api/documents?groupId=${group.id}`)).body.documents;
  expect(documents.map((d: any) => d.kind)).toEqual(['partnership_agreement']);
  const html: string = (await nurse.get(`/api/documents/${documents[0].id}/content`)).body.html;
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(text).toContain('Partenaire 1 : MSP des Pentes');
  expect(text).toContain('Partenaire 2 : Centre hospitalier Saint-Roch');
  expect(text).toContain('Déclaration à l’ARS : MSP des Pentes');

  // From the MSP's side, the guide finds the demo's low-back-pain programmes around Lyon.
  const lead = await signIn(server.url, { email: 'sophie.bernard@demo.maillage.fr', password: DEMO_PASSWORD });
  const found = (await lead.get('/api/pooling/partners?option=2.1&condition=lombalgie_chronique&departement=69')).body;
  expect(found.programmes.hopital.map((p: any) => p.holderName)).toEqual(['Centre de rééducation Les Tilleuls']);
  const forNew = (await lead.get('/api/pooling/partners?option=2.2&condition=lombalgie_chronique&departement=69')).body;
  expect(forNew.structures.hopital.map((s: any) => s.name)).toContain('Centre hospitalier Saint-Roch');
});
