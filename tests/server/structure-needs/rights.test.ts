import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { HttpClient, signIn } from '../../helpers/http';
import { parisYear } from '../../../shared/structure-needs.schema';
import { cast } from './fixture';

// Who fills, who reads: the structure itself, the coordination, the groups it opens a year to.
let server: TestServer;
let world: Awaited<ReturnType<typeof cast>>;
const as: Record<string, HttpClient> = {};
const year = parisYear();
const base = '/api/structure-needs';

beforeAll(async () => {
  server = await startServer();
  world = await cast(server.app);
  for (const [key, user] of Object.entries(world.people)) as[key] = await signIn(server.url, user);
  const submitted = await as.member.post(`${base}/answers/${year}/mine/submit`, { answers: { etp_programme: 'oui', etp_besoin: 4, depistage_besoin: 2, communication_idees: 'Partager nos ateliers.' } });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
});
afterAll(async () => server?.close());

describe('the needs of structures', () => {
  it('keeps everything from visitors', async () => {
    const visitor = new HttpClient(server.url);
    for (const path of ['', `/questionnaires/${year}`, `/answers/${year}`, `/answers/${year}/mine`, `/answers/${year}/${world.msp.id}`, `/synthesis/${year}`, `/synthesis/${year}/csv`]) {
      expect((await visitor.get(`${base}${path}`)).status, path).toBe(401);
    }
    expect((await visitor.put(`${base}/answers/${year}/mine`, { answers: {} })).status).toBe(401);
  });

  it('lets anyone of the structure read and edit its answers, and shows who submitted', async () => {
    const mine = (await as.colleague.get(`${base}/answers/${year}/mine`)).body.answerSet;
    expect(mine.organisation.name).toBe('MSP des Pentes');
    expect(mine.status).toBe('submitted');
    expect(mine.submittedBy.name).toBe('Sophie Bernard');
    expect(mine.answers.etp_besoin).toBe(4);
    const edited = await as.colleague.put(`${base}/answers/${year}/mine`, { answers: { ...mine.answers, etp_besoin: 5 } });
    expect(edited.body.answerSet.status).toBe('changed');
    expect(edited.body.answerSet.updatedBy.name).toBe('Hugo Petit');
    // Others still read what was sent, not the colleague's unsent change.
    expect((await as.coordinator.get(`${base}/answers/${year}/${world.msp.id}`)).body.answerSet.answers.etp_besoin).toBe(4);
    expect((await as.member.get(`${base}/answers/${year}/${world.msp.id}`)).body.answerSet.answers.etp_besoin).toBe(5);
  });

  it('keeps a structure’s answers from another structure, and from a group not opened', async () => {
    for (const who of ['other', 'reader']) {
      const res = await as[who].get(`${base}/answers/${year}/${world.msp.id}`);
      expect(res.status, who).toBe(403);
      expect(res.body.message).toContain('ne vous sont pas ouvertes');
      expect((await as[who].get(`${base}/answers/${year}`)).status, who).toBe(403);
      expect((await as[who].get(`${base}/synthesis/${year}`)).status, who).toBe(403);
    }
    // Another structure fills its own answers, never the MSP's.
    const own = (await as.other.get(`${base}/answers/${year}/mine`)).body.answerSet;
    expect(own.organisation.name).toBe('Centre de santé Mistral');
    expect(own.status).toBe('new');
  });

  it('opens a year to the members of the groups the coordination chooses, never to associations', async () => {
    expect((await as.member.put(`${base}/questionnaires/${year}/readers`, { groupIds: [world.group.id] })).status).toBe(403);
    const opened = await as.coordinator.put(`${base}/questionnaires/${year}/readers`, { groupIds: [world.group.id] });
    expect(opened.body.questionnaire.readers).toEqual([{ id: world.group.id, name: 'Coopérations MSP' }]);
    const list = await as.reader.get(`${base}/answers/${year}`);
    expect(list.status).toBe(200);
    expect(list.body.answerSets.map((a: any) => a.organisation.name)).toEqual(['MSP des Pentes']);
    expect((await as.reader.get(`${base}/synthesis/${year}`)).body.synthesis.respondents).toBe(1);
    expect((await as.reader.get(`${base}/answers/${year}/${world.msp.id}`)).body.answerSet.answers.etp_programme).toBe('oui');
    // The reader's right is a reading one: the questionnaire stays the coordination's.
    expect((await as.reader.put(`${base}/questionnaires/${year}`, { content: (await as.reader.get(`${base}/questionnaires/${year}`)).body.questionnaire.content })).status).toBe(403);
    // An association account in the same group reads none of it, and does not fill the form.
    expect((await as.association.get(`${base}/answers/${year}`)).status).toBe(403);
    expect((await as.association.get(`${base}/answers/${year}/${world.msp.id}`)).status).toBe(403);
    const fill = await as.association.put(`${base}/answers/${year}/mine`, { answers: {} });
    expect(fill.status).toBe(403);
    expect(fill.body.message).toContain('comptes d’association');
    const years = (await as.association.get(base)).body.years[0];
    expect(years.rights).toEqual({ editQuestionnaire: false, fill: false, readAll: false });

    await as.coordinator.put(`${base}/questionnaires/${year}/readers`, { groupIds: [] });
    expect((await as.reader.get(`${base}/answers/${year}`)).status).toBe(403);
  });

  it('gives the coordination every submitted answer set, never another structure’s draft', async () => {
    await as.other.put(`${base}/answers/${year}/mine`, { answers: { etp_besoin: 2 } });
    const list = (await as.coordinator.get(`${base}/answers/${year}`)).body.answerSets;
    expect(list.map((a: any) => a.organisation.name)).toEqual(['MSP des Pentes']);
    expect((await as.coordinator.get(`${base}/answers/${year}/${world.centre.id}`)).status).toBe(404);
    const rights = (await as.coordinator.get(base)).body;
    expect(rights.canCreate).toBe(true);
    expect(rights.years[0].rights).toEqual({ editQuestionnaire: true, fill: true, readAll: true });
  });
});
