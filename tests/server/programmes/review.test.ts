import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { programmeInput } from './fixture';

let server: TestServer;
let holder: HttpClient;
let coordinator: HttpClient;
const visitor = () => new HttpClient(server.url);
const publicTitles = async () => (await visitor().get('/api/programmes/public')).body.programmes.map((p: { title: string }) => p.title);

beforeAll(async () => {
  server = await startServer();
  const org = createOrganisation(server.app, { name: 'MSP des Monts du Lyonnais' }).id;
  holder = await signIn(server.url, await createUser(server.app, { organisationId: org }));
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
});
afterAll(async () => { await server.close(); });

it('a new entry is public only once a coordinator validates it', async () => {
  const draft = await holder.post('/api/programmes', programmeInput({ title: 'Lombalgie : bouger sans peur', conditions: ['lombalgie_chronique'], submit: false }));
  const id = draft.body.programme.id;
  expect(draft.body.programme.reviewState).toBe('brouillon');
  // A draft is not even in the coordinator's queue.
  expect((await coordinator.get('/api/programmes?review=a_valider')).body.programmes.map((p: { id: string }) => p.id)).not.toContain(id);
  expect((await coordinator.post(`/api/programmes/${id}/review`, { decision: 'accept' })).status).toBe(409);

  await holder.put(`/api/programmes/${id}`, programmeInput({ title: 'Lombalgie : bouger sans peur', conditions: ['lombalgie_chronique'], submit: true }));
  const queue = (await coordinator.get('/api/programmes?review=a_valider')).body.programmes;
  expect(queue.map((p: { id: string }) => p.id)).toContain(id);
  expect(await publicTitles()).not.toContain('Lombalgie : bouger sans peur');

  const accepted = await coordinator.post(`/api/programmes/${id}/review`, { decision: 'accept' });
  expect(accepted.body.programme.reviewState).toBe('publie');
  expect(await publicTitles()).toContain('Lombalgie : bouger sans peur');
  const page = await visitor().get(`/api/programmes/public/${id}`);
  expect(page.body.programme).toMatchObject({ title: 'Lombalgie : bouger sans peur', holderName: 'MSP des Monts du Lyonnais', contactEmail: 'etp@example.org' });
  // No account or working group is named to the public.
  expect(page.body.programme).not.toHaveProperty('coordinatorUserId');
  expect(page.body.programme).not.toHaveProperty('group');
});

it('an edit of a published programme stays out of public view until validated; a refusal keeps the public version', async () => {
  const created = await holder.post('/api/programmes', programmeInput({ title: 'Asthme : l’école du souffle', conditions: ['asthme'], contactPhone: '04 11 11 11 11' }));
  const id = created.body.programme.id;
  await coordinator.post(`/api/programmes/${id}/review`, { decision: 'accept' });

  await holder.put(`/api/programmes/${id}`, programmeInput({ title: 'Asthme : l’école du souffle', conditions: ['asthme'], contactPhone: '04 22 22 22 22' }));
  expect((await visitor().get(`/api/programmes/public/${id}`)).body.programme.contactPhone).toBe('04 11 11 11 11');
  // The coordinator sees both versions to compare them.
  const pending = (await coordinator.get(`/api/programmes/${id}`)).body.programme;
  expect(pending.reviewState).toBe('a_valider');
  expect(pending.contactPhone).toBe('04 22 22 22 22');
  expect(pending.publicVersion.contactPhone).toBe('04 11 11 11 11');

  expect((await coordinator.post(`/api/programmes/${id}/review`, { decision: 'refuse' })).status).toBe(400);
  const refused = await coordinator.post(`/api/programmes/${id}/review`, { decision: 'refuse', note: 'Ce numéro est celui d’un patient ? Merci de donner le secrétariat.' });
  expect(refused.body.programme).toMatchObject({ reviewState: 'refuse', reviewNote: 'Ce numéro est celui d’un patient ? Merci de donner le secrétariat.' });
  expect((await holder.get(`/api/programmes/${id}`)).body.programme.reviewNote).toMatch(/secrétariat/);
  expect((await visitor().get(`/api/programmes/public/${id}`)).body.programme.contactPhone).toBe('04 11 11 11 11');

  await holder.put(`/api/programmes/${id}`, programmeInput({ title: 'Asthme : l’école du souffle', conditions: ['asthme'], contactPhone: '04 33 33 33 33' }));
  await coordinator.post(`/api/programmes/${id}/review`, { decision: 'accept' });
  expect((await visitor().get(`/api/programmes/public/${id}`)).body.programme.contactPhone).toBe('04 33 33 33 33');
  expect((await visitor().get('/programmes.csv')).body).toContain('04 33 33 33 33');
});

it('does not accept a version the coordinator has not seen', async () => {
  const created = await holder.post('/api/programmes', programmeInput({ title: 'Cancer : après les traitements', conditions: ['cancer'] }));
  const seen = created.body.programme.updatedAt;
  await new Promise((resolve) => setTimeout(resolve, 5));
  await holder.put(`/api/programmes/${created.body.programme.id}`, programmeInput({ title: 'Cancer : après les traitements', conditions: ['cancer'], contactName: 'Nouveau contact' }));
  const res = await coordinator.post(`/api/programmes/${created.body.programme.id}/review`, { decision: 'accept', updatedAt: seen });
  expect(res.status).toBe(409);
  expect(res.body.message).toMatch(/modifié depuis/);
  expect((await visitor().get(`/api/programmes/public/${created.body.programme.id}`)).status).toBe(404);
});
