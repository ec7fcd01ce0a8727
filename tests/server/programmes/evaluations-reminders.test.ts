import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { programmeEvaluationReminders, programmeEvaluations, programmes } from '../../../db/schema/index';
import { runEvaluationReminders } from '../../../server/features/programmes/evaluations/reminders';
import { createProgramme } from './needs.fixture';

let smtp: TestSmtp;
let server: TestServer;
let coordinatorOfProgramme: TestUser;
let holderId: string;

// Declared on 2024-05-10: annual self-evaluation n°3 is due on 2027-05-10 (quadrennial n°1 on 2028-05-10).
const DECLARED = '2024-05-10';
const at = (day: string) => new Date(`${day}T08:00:00Z`);

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url });
  holderId = createOrganisation(server.app, { name: 'CH Saint-Roch' }).id;
  coordinatorOfProgramme = await createUser(server.app, { organisationId: holderId, name: 'Nadia Benali', email: 'nadia@example.org' });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});
beforeEach(() => {
  server.app.db.delete(programmes).run();
  smtp.mails.length = 0;
});

const newProgramme = (values: { state?: 'en_cours' | 'suspendu' | 'arrete'; coordinatorUserId?: string | null } = {}) => createProgramme(server.app, {
  title: 'Vivre avec un diabète', holderOrganisationId: holderId, declaredAt: DECLARED,
  coordinatorUserId: values.coordinatorUserId === undefined ? coordinatorOfProgramme.id : values.coordinatorUserId, state: values.state,
});

it('reminds the programme’s coordinator 60 and 15 days before a due date, each once', async () => {
  const { id } = newProgramme();
  expect(await runEvaluationReminders(server.app, at('2027-03-10'))).toBe(0); // 61 days before
  expect(await runEvaluationReminders(server.app, at('2027-03-11'))).toBe(1); // 60 days before
  const [first] = await smtp.waitFor(1);
  expect(first.to).toEqual(['nadia@example.org']);
  expect(first.subject).toBe('Maillage : auto-évaluation annuelle de « Vivre avec un diabète » à faire d’ici le lundi 10 mai 2027');
  expect(first.text).toContain('dans 60 jours');
  expect(first.text).toContain(`${server.url}/programmes/evaluations/${id}`);
  expect(first.text).toContain('aucune donnée de patient');

  // The scheduler runs every hour: the same reminder never goes twice.
  expect(await runEvaluationReminders(server.app, at('2027-03-11'))).toBe(0);
  expect(await runEvaluationReminders(server.app, at('2027-04-01'))).toBe(0);
  expect(await runEvaluationReminders(server.app, at('2027-04-25'))).toBe(1); // 15 days before
  const mails = await smtp.waitFor(2);
  expect(mails[1].text).toContain('dans 15 jours');
  expect(await runEvaluationReminders(server.app, at('2027-05-01'))).toBe(0);
  expect(smtp.mails).toHaveLength(2);
});

it('sends only the nearer reminder when both thresholds have passed, and none for an evaluation already done', async () => {
  const { id } = newProgramme();
  expect(await runEvaluationReminders(server.app, at('2027-05-01'))).toBe(1); // 9 days before: the 15-day reminder only
  const [mail] = await smtp.waitFor(1);
  expect(mail.text).toContain('dans 9 jours');
  const rows = server.app.db.select().from(programmeEvaluationReminders).all();
  expect(rows.map((r) => [r.daysBefore, r.sentAt !== null]).sort()).toEqual([[15, true], [60, false]]);

  // Quadrennial n°1 (2028-05-10) is recorded as done early: no reminder for it.
  server.app.db.insert(programmeEvaluations).values({ programmeId: id, kind: 'quadriennale', rank: 1, state: 'faite', doneOn: '2027-06-01' }).run();
  expect(await runEvaluationReminders(server.app, at('2028-03-11'))).toBe(1);
  const mails = await smtp.waitFor(2);
  // Annual n°4 is due the same day and is reminded; the quadrennial one is not.
  expect(mails[1].subject).toContain('auto-évaluation annuelle');
  expect(mails[1].text).not.toContain('évaluation quadriennale');
});

it('reminds nobody for an ended or suspended programme, or one without a coordinator', async () => {
  newProgramme({ state: 'arrete' });
  newProgramme({ state: 'suspendu' });
  newProgramme({ coordinatorUserId: null });
  expect(await runEvaluationReminders(server.app, at('2027-03-11'))).toBe(0);
  expect(smtp.mails).toHaveLength(0);
});

it('gathers one coordinator’s programmes into one e-mail', async () => {
  newProgramme();
  createProgramme(server.app, { title: 'Insuffisance cardiaque : mieux vivre', holderOrganisationId: holderId, declaredAt: '2022-05-20', coordinatorUserId: coordinatorOfProgramme.id });
  expect(await runEvaluationReminders(server.app, at('2027-04-28'))).toBe(1);
  const [mail] = await smtp.waitFor(1);
  expect(mail.subject).toBe('Maillage : 2 évaluations de programme à venir');
  expect(mail.text).toContain('« Vivre avec un diabète » : à faire d’ici le lundi 10 mai 2027');
  expect(mail.text).toContain('« Insuffisance cardiaque : mieux vivre » : à faire d’ici le jeudi 20 mai 2027');
});
