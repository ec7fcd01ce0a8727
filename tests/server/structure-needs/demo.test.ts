import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { signIn } from '../../helpers/http';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';
import { parisYear } from '../../../shared/structure-needs.schema';

let server: TestServer;
beforeAll(async () => { server = await startServer({ demo: true }); });
afterAll(() => server?.close());

it('opens on this year’s default questionnaire answered by four structures in four départements', async () => {
  const year = parisYear();
  const coordinator = await signIn(server.url, { email: 'claire.martin@demo.maillage.fr', password: DEMO_PASSWORD });
  const list = (await coordinator.get(`/api/structure-needs/answers/${year}`)).body.answerSets;
  expect(list.map((a: any) => [a.organisation.name, a.organisation.departement, a.status])).toEqual([
    ['MSP des Collines', '26', 'submitted'], ['Centre de santé Mistral', '38', 'submitted'],
    ['Pôle de santé du Haut-Forez', '42', 'submitted'], ['MSP des Pentes', '69', 'submitted'],
  ]);
  const s = (await coordinator.get(`/api/structure-needs/synthesis/${year}`)).body.synthesis;
  expect(s.respondentsByKind).toEqual({ msp_pole_sante: 3, centre_sante: 1 });
  // The MSP's own member finds her structure's answers, sent by her.
  const sophie = await signIn(server.url, { email: 'sophie.bernard@demo.maillage.fr', password: DEMO_PASSWORD });
  const mine = (await sophie.get(`/api/structure-needs/answers/${year}/mine`)).body.answerSet;
  expect(mine).toMatchObject({ status: 'submitted', submittedBy: { name: 'Sophie Bernard' }, organisation: { name: 'MSP des Pentes' } });
});
