import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { programmeInput } from './fixture';

let server: TestServer;
let coordinator: HttpClient;
let member: HttpClient;
beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  member = await signIn(server.url, await createUser(server.app));
});
afterAll(async () => { await server.close(); });

it('starts with the field’s list, in French alphabetical order, for everyone to read', async () => {
  const { body } = await new HttpClient(server.url).get('/api/programmes/conditions');
  const labels = body.conditions.map((c: { labelFr: string }) => c.labelFr);
  expect(labels).toEqual(expect.arrayContaining(['Diabète de type 2', 'Lombalgie chronique', 'Insuffisance cardiaque', 'BPCO', 'Asthme', 'Obésité', 'VIH', 'Maladies rares', 'Cancer', 'Polyarthrite rhumatoïde']));
  expect(labels.indexOf('Épilepsie')).toBeLessThan(labels.indexOf('Insuffisance cardiaque'));
});

it('is managed by coordinators: a new entry is offered, a retired one is kept by the programmes that have it', async () => {
  expect((await member.post('/api/programmes/conditions', { code: 'endometriose', labelFr: 'Endométriose', labelEn: 'Endometriosis' })).status).toBe(403);
  const added = await coordinator.post('/api/programmes/conditions', { code: 'endometriose', labelFr: 'Endométriose', labelEn: 'Endometriosis' });
  expect(added.status).toBe(201);
  expect((await coordinator.post('/api/programmes/conditions', { code: 'endometriose', labelFr: 'Autre', labelEn: 'Other' })).status).toBe(409);

  const created = await member.post('/api/programmes', programmeInput({ conditions: ['endometriose'] }));
  expect(created.status).toBe(201);
  expect((await coordinator.put('/api/programmes/conditions/endometriose', { labelFr: 'Endométriose', labelEn: 'Endometriosis', active: false })).status).toBe(200);
  // The programme that has it can still be saved; a new one cannot choose it.
  expect((await member.put(`/api/programmes/${created.body.programme.id}`, programmeInput({ conditions: ['endometriose'], title: 'Endométriose : comprendre' }))).status).toBe(200);
  const fresh = await member.post('/api/programmes', programmeInput({ conditions: ['endometriose'], title: 'Un autre' }));
  expect(fresh.status).toBe(400);
  expect(fresh.body.message).toContain('retirée de la liste');
});
