import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { FastifyInstance } from 'fastify';
import { organisations, structureNeedAnswers, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import {
  carryOver, checkAnswers, normaliseAnswers, type AnswerIssue, type AnswerListReply, type Answers, type AnswerSet,
} from '../../../shared/structure-needs.answers';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { StructureNeedsPolicy } from './structure-needs.policy';
import type { QuestionnaireService } from './questionnaire.service';

const updater = alias(users, 'updater');
const submitter = alias(users, 'submitter');

/** The answers refused, each with its question, so the form can point at the field. */
const refused = (issues: AnswerIssue[]) => new AppError(400, 'needs_invalid_answers',
  issues.length === 1 ? issues[0].message : `${issues.length} réponses sont à revoir : ${issues.map((i) => i.message).join(' ; ')}`,
  issues.map((i) => ({ path: `answers.${i.questionId}`, message: i.message })));

/** One answer set per structure and year: drafts saved as people type, then submitted. */
export function answersService(app: FastifyInstance, policy: StructureNeedsPolicy, questionnaires: QuestionnaireService) {
  const { db } = app;
  const select = () => db.select({
    a: structureNeedAnswers, org: { id: organisations.id, name: organisations.name, type: organisations.type, departement: organisations.departement },
    updaterName: updater.name, submitterName: submitter.name,
  }).from(structureNeedAnswers)
    .innerJoin(organisations, eq(organisations.id, structureNeedAnswers.organisationId))
    .leftJoin(updater, eq(updater.id, structureNeedAnswers.updatedBy))
    .leftJoin(submitter, eq(submitter.id, structureNeedAnswers.submittedBy));
  type Joined = NonNullable<ReturnType<ReturnType<typeof select>['get']>>;

  const organisationOf = (id: string) => {
    const org = db.select({ id: organisations.id, name: organisations.name, type: organisations.type, departement: organisations.departement })
      .from(organisations).where(eq(organisations.id, id)).get();
    if (!org) throw notFound('Cette structure');
    return org;
  };

  /** `own`: the structure reads its working copy; anyone else reads only what it submitted. */
  const present = (year: number, j: Joined, own: boolean): AnswerSet => {
    const { a } = j;
    const changed = a.submittedAt !== null && JSON.stringify(a.answers) !== JSON.stringify(a.submittedAnswers);
    return {
      year, organisation: j.org,
      answers: own ? a.answers : (a.submittedAnswers ?? {}),
      status: a.submittedAt === null ? 'draft' : changed && own ? 'changed' : 'submitted',
      prefilledFrom: null,
      updatedAt: a.updatedAt.toISOString(), updatedBy: a.updatedBy ? { id: a.updatedBy, name: j.updaterName ?? '' } : null,
      submittedAt: a.submittedAt?.toISOString() ?? null, submittedBy: a.submittedBy ? { id: a.submittedBy, name: j.submitterName ?? '' } : null,
    };
  };
  const find = (questionnaireId: string, organisationId: string) => select()
    .where(and(eq(structureNeedAnswers.questionnaireId, questionnaireId), eq(structureNeedAnswers.organisationId, organisationId))).get();

  /** Writes the working copy (and the submitted copy on submission) in one statement. */
  function write(user: SessionUser, year: number, answers: Answers, mode: 'draft' | 'submit'): AnswerSet {
    policy.requireFill(user);
    const q = questionnaires.row(year);
    const issues = checkAnswers(q.content, answers, mode);
    if (issues.length) throw refused(issues);
    const clean = normaliseAnswers(answers);
    const now = new Date();
    const submitted = mode === 'submit' ? { submittedAnswers: clean, submittedBy: user.id, submittedAt: now } : {};
    db.insert(structureNeedAnswers)
      .values({ questionnaireId: q.id, organisationId: user.organisationId, answers: clean, updatedBy: user.id, updatedAt: now, ...submitted })
      .onConflictDoUpdate({ target: [structureNeedAnswers.questionnaireId, structureNeedAnswers.organisationId], set: { answers: clean, updatedBy: user.id, updatedAt: now, ...submitted } })
      .run();
    return present(year, find(q.id, user.organisationId)!, true);
  }

  return {
    /** The person's structure's answers; a year never saved is prefilled from the latest earlier one. */
    mine(user: SessionUser, year: number): AnswerSet {
      policy.requireFill(user);
      const q = questionnaires.row(year);
      const found = find(q.id, user.organisationId);
      if (found) return present(year, found, true);
      const empty: AnswerSet = {
        year, organisation: organisationOf(user.organisationId), answers: {}, status: 'new', prefilledFrom: null,
        updatedAt: null, updatedBy: null, submittedAt: null, submittedBy: null,
      };
      const before = questionnaires.previous(year);
      const last = before && find(before.id, user.organisationId);
      if (!before || !last) return empty;
      const carried = carryOver(before.content, q.content, last.a.submittedAnswers ?? last.a.answers);
      return Object.keys(carried).length ? { ...empty, answers: carried, prefilledFrom: before.year } : empty;
    },
    save: (user: SessionUser, year: number, answers: Answers) => write(user, year, answers, 'draft'),
    submit: (user: SessionUser, year: number, answers: Answers) => write(user, year, answers, 'submit'),

    one(user: SessionUser, year: number, organisationId: string): AnswerSet {
      const q = questionnaires.row(year);
      if (!policy.readStructure(user, q.id, organisationId)) throw forbidden('Les réponses de cette structure ne vous sont pas ouvertes.');
      const own = policy.fill(user) && user.organisationId === organisationId;
      const found = find(q.id, organisationId);
      if (!found || (!own && found.a.submittedAt === null)) throw notFound(`La réponse de cette structure pour ${year}`);
      return present(year, found, own);
    },

    /** Submitted answer sets of the year (drafts stay the structure's own). */
    list(user: SessionUser, year: number): AnswerListReply {
      const q = questionnaires.row(year);
      policy.requireReadAll(user, q.id);
      const rows = select().where(and(eq(structureNeedAnswers.questionnaireId, q.id), isNotNull(structureNeedAnswers.submittedAt)))
        .orderBy(asc(organisations.departement), asc(organisations.name)).all();
      return { year, answerSets: rows.map((j) => { const { answers: _a, prefilledFrom: _p, ...rest } = present(year, j, false); return rest; }) };
    },

    /** What the synthesis counts: each structure's submitted answers with its département and kind. */
    submitted(questionnaireId: string) {
      return select().where(and(eq(structureNeedAnswers.questionnaireId, questionnaireId), isNotNull(structureNeedAnswers.submittedAt)))
        .orderBy(asc(organisations.name)).all()
        .map((j) => ({ organisation: j.org, answers: j.a.submittedAnswers ?? {} }));
    },
  };
}
