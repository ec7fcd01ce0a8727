import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { HttpClient, signIn } from '../../helpers/http';
import { createUser } from '../../helpers/factories';
import { ACTION_RATES } from '../../../shared/limits';
import { runDigest } from '../../../server/features/threads/digest.service';
import { collect, connectSocket } from '../threads/fixtures';
import { actionsWorld } from './fixture';

let smtp: TestSmtp;
let server: TestServer;
let world: Awaited<ReturnType<typeof actionsWorld>>;
const HOUR = 3600_000;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url, digestIntervalMs: 3 * HOUR });
  world = await actionsWorld(server.app, server.url);
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

type Summary = { id: string; title: string; state: string };
const titles = async (who: string, query = '') => ((await world.http[who].get(`/api/actions${query}`)).body.actions as Summary[]).map((a) => a.title);
const actionNotices = async (who: string) => ((await world.http[who].get('/api/threads/notifications')).body.notifications as Array<{ kind: string; action?: { title: string; change: string; state: string } }>)
  .filter((n) => n.kind === 'action').map((n) => n.action);

async function createAction(body: Record<string, unknown>) {
  const res = await world.http.coordinator.post('/api/actions', body);
  expect(res.status).toBe(201);
  return res.body.action as { id: string; title: string; state: string };
}

describe('support requests', () => {
  it('turn into an action to qualify that every coordinator is told of, live, and the person follows', async () => {
    const socket = await connectSocket(server.url, world.http.coordinator);
    const notices = collect(socket, 'notification');
    const changes = collect(socket, 'actions:changed');
    const res = await world.http.structure.post('/api/actions/requests', {
      kind: 'method', situation: 2, option: '2.2', organisationId: world.organisations.msp.id,
      message: 'Nous voulons mutualiser notre programme diabète avec le centre hospitalier.',
    });
    expect(res.status).toBe(201);
    expect(res.body.action).toMatchObject({ state: 'to_qualify', request: { kind: 'method', situation: 2, option: '2.2' }, requester: { name: 'Sophie MSP' } });
    expect(res.body.action.title).toBe('Demande d’aide méthodologique (option 2.2) · MSP des Pentes');
    await expect.poll(() => notices.map((n) => n.action?.change)).toEqual(['request']);
    await expect.poll(() => changes.map((c) => c.actionId)).toContain(res.body.action.id);
    socket.close();

    expect(await actionNotices('coordinator')).toContainEqual(expect.objectContaining({ change: 'request', state: 'to_qualify' }));
    const mine = (await world.http.structure.get('/api/actions/requests/mine')).body.actions as Summary[];
    expect(mine.map((a) => [a.title, a.state])).toEqual([[res.body.action.title, 'to_qualify']]);
    expect(await titles('coordinator', '?state=to_qualify')).toContain(res.body.action.title);
    // A request is not the structure's to show to its colleagues before it is qualified, nor to others.
    expect((await world.http.other.get(`/api/actions/${res.body.action.id}`)).status).toBe(404);
  });

  it('are refused with a readable reason when the form is wrong, and to visitors', async () => {
    const visitor = new HttpClient(server.url);
    const anonymous = await visitor.post('/api/actions/requests', { kind: 'advice', message: 'Bonjour, une question de méthode.', organisationId: world.organisations.msp.id });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toBe('Connectez-vous pour continuer.');
    expect((await visitor.get('/api/actions')).status).toBe(401);

    const mismatch = await world.http.structure.post('/api/actions/requests', { kind: 'advice', situation: 3, option: '2.2', message: 'Une question de méthode.', organisationId: world.organisations.msp.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toBe('L’option 2.2 n’appartient pas à la situation 3.');
    const tooLong = await world.http.structure.post('/api/actions/requests', { kind: 'advice', message: 'x'.repeat(2001), organisationId: world.organisations.msp.id });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('validation');
    const unknown = await world.http.structure.post('/api/actions/requests', { kind: 'advice', message: 'Une question de méthode.', organisationId: 'nope' });
    expect(unknown.body.message).toBe('Choisissez une structure existante.');
  });
});

describe('who sees and changes an action', () => {
  let actionId: string;
  beforeAll(async () => {
    const { people, organisations } = world;
    actionId = (await createAction({
      title: 'Former les IDE de la MSP à l’ETP', description: 'Deux sessions de 40 h.', needs: ['etp', 'training'],
      organisationIds: [organisations.msp.id, organisations.patients.id], partnerOrganisationIds: [organisations.hospital.id],
      partnerIds: [people.partner.id], ownerId: people.owner.id, startDate: '2027-01-10', dueDate: '2027-06-30',
    })).id;
  });

  it('shows a planned action to its owner, partners and the organisations concerned, never to others', async () => {
    for (const who of ['coordinator', 'owner', 'partner', 'structure', 'association']) {
      expect(await titles(who), who).toContain('Former les IDE de la MSP à l’ETP');
    }
    for (const who of ['other', 'otherAssociation']) {
      expect(await titles(who), who).not.toContain('Former les IDE de la MSP à l’ETP');
      expect((await world.http[who].get(`/api/actions/${actionId}`)).status, who).toBe(404);
    }
    const seen = (await world.http.structure.get(`/api/actions/${actionId}`)).body.action;
    expect(seen).toMatchObject({ state: 'planned', owner: { name: 'Olivier Responsable' }, partners: [{ name: 'Paule Partenaire' }], can: { edit: false, manage: false } });
    expect(seen.partnerOrganisations.map((o: { name: string }) => o.name)).toEqual(['Centre hospitalier de Bourg']);
  });

  it('lets the coordination and the owner edit it, and no one else; only the coordination changes the owner', async () => {
    const body = { title: 'Former les IDE et les médecins de la MSP', needs: ['etp'], organisationIds: [world.organisations.msp.id, world.organisations.patients.id], partnerIds: [world.people.partner.id], ownerId: world.people.owner.id, startDate: '2027-01-10', dueDate: '2027-06-30' };
    expect((await world.http.owner.put(`/api/actions/${actionId}`, body)).body.action.title).toBe('Former les IDE et les médecins de la MSP');
    for (const who of ['structure', 'partner', 'association']) {
      const refused = await world.http[who].put(`/api/actions/${actionId}`, body);
      expect(refused.status, who).toBe(403);
      expect(refused.body.message).toBe('Seuls la coordination et le ou la responsable de l’action peuvent la modifier.');
    }
    expect((await world.http.other.put(`/api/actions/${actionId}`, body)).status).toBe(404);
    const takeOver = await world.http.owner.put(`/api/actions/${actionId}`, { ...body, ownerId: world.people.partner.id });
    expect(takeOver.status).toBe(403);
    expect((await world.http.owner.post('/api/actions', body)).status).toBe(403);
    const dates = await world.http.coordinator.put(`/api/actions/${actionId}`, { ...body, startDate: '2027-07-01' });
    expect(dates.status).toBe(400);
    expect(dates.body.message).toContain('L’échéance ne peut pas précéder le début.');
  });

  it('moves through its states, telling the people concerned, and leaves the structures’ view once done', async () => {
    const socket = await connectSocket(server.url, world.http.structure);
    const notices = collect(socket, 'notification');
    // Someone the action does not concern, with a page open: they must hear nothing of it.
    const bystander = await createUser(server.app, { organisationId: world.organisations.other.id });
    const bystanderHttp = await signIn(server.url, bystander);
    const bystanderSocket = await connectSocket(server.url, bystanderHttp);
    const bystanderHears = collect(bystanderSocket, 'actions:changed');
    const moved = await world.http.owner.put(`/api/actions/${actionId}/state`, { state: 'in_progress' });
    expect(moved.body.action.state).toBe('in_progress');
    await expect.poll(() => notices.map((n) => [n.action?.change, n.action?.state])).toEqual([['state', 'in_progress']]);
    socket.close();
    // A barrier: events reach one connection in order, so once their own request is heard, an earlier event would have been too.
    const own = (await bystanderHttp.post('/api/actions/requests', { kind: 'advice', message: 'Une question de méthode.', organisationId: world.organisations.coordination.id })).body.action;
    await expect.poll(() => bystanderHears.map((e) => e.actionId)).toContain(own.id);
    expect(bystanderHears.map((e) => e.actionId)).not.toContain(actionId);
    bystanderSocket.close();
    expect(await actionNotices('partner')).toContainEqual(expect.objectContaining({ change: 'state', state: 'in_progress' }));
    // Not the actor, not someone the action does not concern.
    expect((await actionNotices('owner')).filter((n) => n?.state === 'in_progress')).toEqual([]);
    expect(await actionNotices('other')).toEqual([]);

    expect((await world.http.structure.put(`/api/actions/${actionId}/state`, { state: 'done' })).status).toBe(403);
    expect((await world.http.owner.put(`/api/actions/${actionId}/state`, { state: 'to_qualify' })).body.message).toBe('Seule la coordination qualifie les demandes.');
    await world.http.owner.put(`/api/actions/${actionId}/state`, { state: 'done' });
    expect((await world.http.structure.get(`/api/actions/${actionId}`)).status).toBe(404);
    expect((await world.http.partner.get(`/api/actions/${actionId}`)).body.action.state).toBe('done');
  });

  it('keeps links only to what the person adding them may read, and shows each reader only theirs', async () => {
    const secret = await world.http.owner.post(`/api/actions/${actionId}/links`, { kind: 'document', targetId: world.secretDocument.id });
    expect(secret.status).toBe(400);
    expect(secret.body.message).toBe('Ce lien mène à un contenu introuvable ou que vous ne pouvez pas lire.');
    expect((await world.http.owner.post(`/api/actions/${actionId}/links`, { kind: 'thread', targetId: 'does-not-exist' })).status).toBe(400);
    const added = await world.http.owner.post(`/api/actions/${actionId}/links`, { kind: 'document', targetId: world.ownerDocument.id });
    expect(added.body.action.links.map((l: { title: string }) => l.title)).toEqual(['Convention de partenariat MSP – CH']);
    const partnerView = (await world.http.partner.get(`/api/actions/${actionId}`)).body.action;
    expect(partnerView.links).toEqual([]);
    expect(partnerView.hiddenLinks).toBe(1);
  });

  it('logs meetings with participants and minutes, telling those concerned', async () => {
    const first = await world.http.owner.post(`/api/actions/${actionId}/meetings`, {
      date: '2027-02-03', participantIds: [world.people.owner.id, world.people.partner.id], minutesDocumentId: world.ownerDocument.id, note: 'Lancement',
    });
    expect(first.status).toBe(200);
    const refused = await world.http.owner.post(`/api/actions/${actionId}/meetings`, { date: '2027-03-03', minutesDocumentId: world.secretDocument.id });
    expect(refused.body.message).toBe('Le compte rendu doit être un document que vous pouvez lire.');
    const second = await world.http.coordinator.post(`/api/actions/${actionId}/meetings`, { date: '2027-03-10', participantIds: [world.people.partner.id] });
    expect(second.body.action.meetings.map((m: { date: string; participants: Array<{ name: string }> }) => [m.date, m.participants.map((p) => p.name)]))
      .toEqual([['2027-02-03', ['Olivier Responsable', 'Paule Partenaire']], ['2027-03-10', ['Paule Partenaire']]]);
    // The partner sees the meeting, not the minutes of a group they are not in.
    const partnerView = (await world.http.partner.get(`/api/actions/${actionId}`)).body.action;
    expect(partnerView.meetings[0].minutes).toBeNull();
    expect((await world.http.owner.get(`/api/actions/${actionId}`)).body.action.meetings[0].minutes.title).toBe('Convention de partenariat MSP – CH');
    expect((await actionNotices('partner')).filter((n) => n?.change === 'meeting')).toHaveLength(2);
    expect((await world.http.structure.post(`/api/actions/${actionId}/meetings`, { date: '2027-03-11' })).status).toBe(404);
  });
});

describe('the board', () => {
  it('filters by département of the structures, by structure and by owner', async () => {
    const { organisations, people } = world;
    await createAction({ title: 'Dépistage rétinopathie dans la Loire', needs: ['screening'], organisationIds: [organisations.other.id], ownerId: people.partner.id, state: 'in_progress' });
    await createAction({ title: 'Annuaire des ressources du Rhône', needs: ['communication'], organisationIds: [organisations.msp.id], state: 'planned' });
    expect(await titles('coordinator', '?departement=42')).toEqual(['Dépistage rétinopathie dans la Loire']);
    expect(await titles('coordinator', `?organisationId=${organisations.msp.id}&state=planned`)).toEqual(['Annuaire des ressources du Rhône']);
    expect(await titles('coordinator', `?ownerId=${people.partner.id}`)).toEqual(['Dépistage rétinopathie dans la Loire']);
    expect(await titles('other')).toEqual(['Dépistage rétinopathie dans la Loire']);
    expect((await world.http.coordinator.get('/api/actions?departement=999')).status).toBe(400);
  });

  it('lets only the coordination qualify a request, and tells the person who asked', async () => {
    const request = (await world.http.other.post('/api/actions/requests', { kind: 'connection', message: 'Qui fait de l’ETP obésité près de chez nous ?', organisationId: world.organisations.other.id })).body.action;
    expect((await world.http.other.put(`/api/actions/${request.id}/state`, { state: 'planned' })).status).toBe(403);
    const qualified = await world.http.coordinator.put(`/api/actions/${request.id}/state`, { state: 'planned' });
    expect(qualified.body.action.state).toBe('planned');
    expect(await actionNotices('other')).toContainEqual(expect.objectContaining({ change: 'state', state: 'planned' }));
    expect(((await world.http.other.get('/api/actions/requests/mine')).body.actions as Summary[]).map((a) => a.state)).toEqual(['planned']);
  });
});

describe('write limits', () => {
  it('count requests per account: colleagues behind the same address keep theirs', async () => {
    const msp = world.organisations.msp.id;
    const [eager, colleague] = [await createUser(server.app, { organisationId: msp }), await createUser(server.app, { organisationId: msp })];
    const [eagerHttp, colleagueHttp] = [await signIn(server.url, eager), await signIn(server.url, colleague)];
    const body = { kind: 'advice', message: 'Une question sur la convention de partenariat.', organisationId: msp };
    for (let i = 0; i < ACTION_RATES.request.max; i += 1) expect((await eagerHttp.post('/api/actions/requests', body)).status).toBe(201);
    const refused = await eagerHttp.post('/api/actions/requests', body);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ minutes\.$/);
    expect((await colleagueHttp.post('/api/actions/requests', body)).status).toBe(201);
  });
});

describe('the e-mail digest', () => {
  it('includes what happened to the person’s actions, once', async () => {
    const before = smtp.mails.length;
    const sent = await runDigest(server.app, new Date(Date.now() + HOUR));
    const mails = (await smtp.waitFor(before + sent)).slice(before);
    const toPartner = mails.find((m) => m.to.includes(world.people.partner.email));
    expect(toPartner?.text).toContain('Claire Coordinatrice a consigné une réunion de « Former les IDE et les médecins de la MSP »');
    expect(toPartner?.text).toContain('a fait passer à l’état « en cours » l’action « Former les IDE et les médecins de la MSP »');
    const toCoordinator = mails.find((m) => m.to.includes(world.people.coordinator.email));
    expect(toCoordinator?.text).toContain('Sophie MSP a demandé l’appui de la plateforme');
    const again = await runDigest(server.app, new Date(Date.now() + 10 * HOUR));
    expect(again).toBe(0);
  });
});
