import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { signIn, type HttpClient } from '../../helpers/http';
import { parisYear } from '../../../shared/structure-needs.schema';
import { cast, smallQuestionnaire } from './fixture';

// One questionnaire per year, frozen once answered; answers checked against their own year's questions.
let server: TestServer;
const as: Record<string, HttpClient> = {};
const base = '/api/structure-needs';
const thisYear = parisYear();
const A = thisYear + 1;
const B = thisYear + 2;

beforeAll(async () => {
  server = await startServer();
  const world = await cast(server.app);
  for (const key of ['coordinator', 'member', 'colleague', 'other'] as const) as[key] = await signIn(server.url, world.people[key]);
});
afterAll(async () => server?.close());

describe('questionnaire versions', () => {
  it('starts with this year’s default built on the axes of seed 004', async () => {
    const q = (await as.member.get(`${base}/questionnaires/${thisYear}`)).body.questionnaire;
    expect(q.content.sections.map((s: any) => s.axis)).toEqual(['screening', 'etp', 'complex_cases', 'training', 'territorial', 'support', 'research', 'communication']);
    expect(q.frozen).toBe(false);
  });

  it('lets only the coordination prepare and edit a year, and refuses a malformed questionnaire with words', async () => {
    expect((await as.member.post(`${base}/questionnaires`, { year: A })).status).toBe(403);
    expect((await as.coordinator.post(`${base}/questionnaires`, { year: A })).status).toBe(201);
    expect((await as.coordinator.post(`${base}/questionnaires`, { year: A })).body.code).toBe('needs_year_exists');
    expect((await as.member.put(`${base}/questionnaires/${A}`, { content: smallQuestionnaire() })).status).toBe(403);

    const twice = smallQuestionnaire();
    twice.sections[0].questions[1].id = 'programme';
    const repeated = await as.coordinator.put(`${base}/questionnaires/${A}`, { content: twice });
    expect(repeated.status).toBe(400);
    expect(repeated.body.message).toContain('Deux questions ont le même identifiant');
    const lonely = smallQuestionnaire();
    lonely.sections[0].questions[0].choices = [{ id: 'oui', label: 'Oui' }];
    expect((await as.coordinator.put(`${base}/questionnaires/${A}`, { content: lonely })).body.message).toContain('au moins deux choix');
    const tooMany = { sections: Array.from({ length: 6 }, (_, s) => ({ id: `s${s}`, title: `Section ${s}`, questions: Array.from({ length: 30 }, (_, i) => ({ id: `q${s}_${i}`, kind: 'short_text', label: `Question ${i}` })) })) };
    expect((await as.coordinator.put(`${base}/questionnaires/${A}`, { content: tooMany })).body.message).toContain('Au plus 150 questions');

    const saved = await as.coordinator.put(`${base}/questionnaires/${A}`, { content: smallQuestionnaire() });
    expect(saved.status).toBe(200);
    expect(saved.body.questionnaire.content.sections[0].questions.map((q: any) => q.kind)).toEqual(['single', 'multiple', 'scale', 'short_text', 'long_text']);
  });

  it('freezes a year once a structure has answered: its questions stay, the next year is prepared from it', async () => {
    expect((await as.member.put(`${base}/answers/${A}/mine`, { answers: { besoin: 3 } })).status).toBe(200);
    const edit = smallQuestionnaire();
    edit.sections[0].questions[0].label = 'Autre libellé';
    const refused = await as.coordinator.put(`${base}/questionnaires/${A}`, { content: edit });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(`Des structures ont déjà répondu au questionnaire ${A} : ses questions ne peuvent plus changer. Préparez le questionnaire ${B} à partir de celui-ci.`);
    expect((await as.coordinator.get(`${base}/questionnaires/${A}`)).body.questionnaire.frozen).toBe(true);

    expect((await as.coordinator.post(`${base}/questionnaires`, { year: B, copyFrom: A })).status).toBe(201);
    // Next year: "besoin" becomes a text question; "appui" loses "outils".
    const next = smallQuestionnaire();
    next.sections[0].questions[2] = { id: 'besoin', kind: 'short_text', label: 'Votre besoin, en quelques mots' };
    next.sections[0].questions[1].choices = [{ id: 'methode', label: 'Méthode' }, { id: 'formation', label: 'Formation' }];
    expect((await as.coordinator.put(`${base}/questionnaires/${B}`, { content: next })).status).toBe(200);
  });
});

describe('a structure’s answers', () => {
  it('refuses what that year’s questionnaire does not ask, in words', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ inconnue: 'oui' }, 'La question « inconnue » n’existe pas dans ce questionnaire.'],
      [{ programme: 'peut-etre' }, '« Portez-vous un programme ? » : le choix « peut-etre » n’est pas proposé.'],
      [{ appui: ['methode', 'voyage'] }, '« Appui souhaité » : le choix « voyage » n’est pas proposé.'],
      [{ besoin: 6 }, '« Votre besoin » : une note de 1 à 5 est attendue.'],
      [{ effectif: 'x'.repeat(301) }, '« Professionnels concernés » : au plus 300 caractères (301 saisis).'],
      [{ remarques: ['oui'] }, '« Remarques » : un texte est attendu.'],
    ];
    for (const [answers, message] of cases) {
      const res = await as.member.put(`${base}/answers/${A}/mine`, { answers });
      expect(res.status, message).toBe(400);
      expect(res.body.message).toBe(message);
      expect(res.body.details[0].path).toBe(`answers.${Object.keys(answers)[0]}`);
    }
    // Bounded before anything is read: counts and lengths of the body itself.
    const many = Object.fromEntries(Array.from({ length: 151 }, (_, i) => [`q${i}`, 'x']));
    expect((await as.member.put(`${base}/answers/${A}/mine`, { answers: many })).body.message).toContain('Au plus 150 réponses');
    expect((await as.member.put(`${base}/answers/${A}/mine`, { answers: { remarques: 'x'.repeat(4001) } })).status).toBe(400);
    expect((await as.member.put(`${base}/answers/${A}/mine`, { answers: { [`${'q'.repeat(41)}`]: 'x' } })).status).toBe(400);
    expect((await as.coordinator.put(`${base}/questionnaires/${A}/readers`, { groupIds: ['inconnu'] })).body.message).toBe('Un des groupes choisis n’existe plus.');
    const missing = await as.member.post(`${base}/answers/${A}/mine/submit`, { answers: { besoin: 3 } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('« Portez-vous un programme ? » : une réponse est obligatoire.');
    // A draft may leave it empty; what was refused changed nothing.
    expect((await as.colleague.get(`${base}/answers/${A}/mine`)).body.answerSet).toMatchObject({ status: 'draft', answers: { besoin: 3 } });
  });

  it('keeps one answer set per structure and year, and prefills next year where the questions are the same', async () => {
    const sent = await as.colleague.post(`${base}/answers/${A}/mine/submit`, {
      answers: { programme: 'oui', appui: ['methode', 'outils'], besoin: 4, effectif: '  6 personnes ', remarques: '' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.answerSet).toMatchObject({ status: 'submitted', submittedBy: { name: 'Hugo Petit' }, answers: { effectif: '6 personnes' } });
    expect(sent.body.answerSet.answers).not.toHaveProperty('remarques');

    const next = (await as.member.get(`${base}/answers/${B}/mine`)).body.answerSet;
    expect(next.status).toBe('new');
    expect(next.prefilledFrom).toBe(A);
    // Same question, same kind: kept; a choice no longer offered dropped; a question that changed kind left empty.
    expect(next.answers).toEqual({ programme: 'oui', appui: ['methode'], effectif: '6 personnes' });
    await as.member.post(`${base}/answers/${B}/mine/submit`, { answers: { ...next.answers, programme: 'non', besoin: 'Un appui pour la déclaration' } });

    // Each year keeps its own answers.
    expect((await as.coordinator.get(`${base}/answers/${A}/${(await as.member.get(`${base}/answers/${A}/mine`)).body.answerSet.organisation.id}`)).body.answerSet.answers.programme).toBe('oui');
    const listB = (await as.coordinator.get(`${base}/answers/${B}`)).body.answerSets;
    expect(listB).toHaveLength(1);
    const syntheses = await Promise.all([A, B].map(async (y) => (await as.coordinator.get(`${base}/synthesis/${y}`)).body.synthesis.questions[0].counts.map((c: any) => [c.value, c.total])));
    expect(syntheses).toEqual([[['oui', 1], ['non', 0]], [['oui', 0], ['non', 1]]]);
  });
});
