import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

it('are created and edited by coordinators, with official département codes', async () => {
  const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  const created = await coordinator.post('/api/organisations', { name: 'Association Lombalgie & Mouvement', type: 'association_patients', departement: '2a' });
  expect(created.status).toBe(201);
  expect(created.body.organisation).toMatchObject({ type: 'association_patients', departement: '2A', memberCount: 0 });
  const id = created.body.organisation.id;

  const updated = await coordinator.put(`/api/organisations/${id}`, { name: 'Association Lombalgie et Mouvement', type: 'association_patients', departement: '974' });
  expect(updated.body.organisation).toMatchObject({ name: 'Association Lombalgie et Mouvement', departement: '974' });

  const bad = await coordinator.post('/api/organisations', { name: 'X', type: 'clinique', departement: '20' });
  expect(bad.status).toBe(400);
  expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.departement', 'body.name', 'body.type']);
  expect(bad.body.details.find((d: { path: string }) => d.path === 'body.departement').message).toBe('Code de département inconnu (ex. 69, 2A, 974).');
  expect((await coordinator.put('/api/organisations/unknown', { name: 'Nouvelle', type: 'ars', departement: '69' })).status).toBe(404);
});

it('are listed for every signed-in person but changed only by coordinators', async () => {
  for (const role of ['member', 'association'] as const) {
    const user = await createUser(server.app, { role });
    const client = await signIn(server.url, user);
    const list = await client.get('/api/organisations');
    expect(list.status).toBe(200);
    expect(list.body.organisations.find((o: { id: string }) => o.id === user.organisationId).memberCount).toBe(1);
    expect((await client.post('/api/organisations', { name: 'MSP du Plateau', type: 'msp_pole_sante', departement: '69' })).status).toBe(403);
    expect((await client.put(`/api/organisations/${user.organisationId}`, { name: 'Renommée', type: 'ars', departement: '69' })).status).toBe(403);
  }
});
