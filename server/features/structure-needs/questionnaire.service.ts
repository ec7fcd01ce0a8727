import { and, count, desc, eq, isNotNull, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groups, structureNeedAnswers, structureNeedQuestionnaires, structureNeedReaders } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { defaultQuestionnaire } from '../../../shared/structure-needs.default';
import { parisYear, type Questionnaire, type QuestionnaireContent, type YearsReply } from '../../../shared/structure-needs.schema';
import { badRequest, conflict, notFound } from '../../core/errors';
import type { StructureNeedsPolicy } from './structure-needs.policy';

type Row = typeof structureNeedQuestionnaires.$inferSelect;


/** A year's questionnaire: its versions, who may read its answers, and its freezing once answered. */
export function questionnaireService(app: FastifyInstance, policy: StructureNeedsPolicy) {
  const { db } = app;

  const row = (year: number): Row => {
    const found = db.select().from(structureNeedQuestionnaires).where(eq(structureNeedQuestionnaires.year, year)).get();
    if (!found) throw notFound(`Le questionnaire des besoins ${year}`);
    return found;
  };
  const answered = (questionnaireId: string): boolean =>
    !!db.select({ id: structureNeedAnswers.id }).from(structureNeedAnswers).where(eq(structureNeedAnswers.questionnaireId, questionnaireId)).get();
  const readers = (questionnaireId: string) => db.select({ id: groups.id, name: groups.name }).from(structureNeedReaders)
    .innerJoin(groups, eq(groups.id, structureNeedReaders.groupId)).where(eq(structureNeedReaders.questionnaireId, questionnaireId))
    .orderBy(groups.name).all();
  const present = (r: Row): Questionnaire => ({
    year: r.year, content: r.content, frozen: answered(r.id), readers: readers(r.id), updatedAt: r.updatedAt.toISOString(),
  });

  return {
    row,
    get: (year: number): Questionnaire => present(row(year)),
    /** The latest questionnaire before `year`, to carry a structure's answers over. */
    previous: (year: number): Row | undefined => db.select().from(structureNeedQuestionnaires)
      .where(lt(structureNeedQuestionnaires.year, year)).orderBy(desc(structureNeedQuestionnaires.year)).get(),

    years(user: SessionUser, organisation: { id: string; name: string }): YearsReply {
      const rows = db.select().from(structureNeedQuestionnaires).orderBy(desc(structureNeedQuestionnaires.year)).all();
      return {
        years: rows.map((r) => ({
          year: r.year,
          frozen: answered(r.id),
          submitted: db.select({ n: count() }).from(structureNeedAnswers)
            .where(and(eq(structureNeedAnswers.questionnaireId, r.id), isNotNull(structureNeedAnswers.submittedAt))).get()?.n ?? 0,
          rights: policy.rights(user, r.id),
        })),
        organisation,
        canCreate: policy.editQuestionnaire(user),
      };
    },

    /** A new year, from another year's questions or from the default built on seed 004's axes. */
    create(user: SessionUser, year: number, copyFrom: number | null): Questionnaire {
      policy.requireEdit(user);
      if (db.select({ id: structureNeedQuestionnaires.id }).from(structureNeedQuestionnaires).where(eq(structureNeedQuestionnaires.year, year)).get()) {
        throw conflict(`Le questionnaire ${year} existe déjà : modifiez-le plutôt.`, 'needs_year_exists');
      }
      const content = copyFrom === null ? defaultQuestionnaire() : row(copyFrom).content;
      db.insert(structureNeedQuestionnaires).values({ year, content, updatedBy: user.id }).run();
      return this.get(year);
    },

    /**
     * Once a structure has answered (even a draft), a year's questions no longer change: answers
     * would lose their meaning. The coordination prepares the next year instead.
     */
    save(user: SessionUser, year: number, content: QuestionnaireContent): Questionnaire {
      policy.requireEdit(user);
      const r = row(year);
      if (answered(r.id)) {
        throw conflict(`Des structures ont déjà répondu au questionnaire ${year} : ses questions ne peuvent plus changer. Préparez le questionnaire ${year + 1} à partir de celui-ci.`, 'needs_frozen');
      }
      db.update(structureNeedQuestionnaires).set({ content, updatedBy: user.id, updatedAt: new Date() })
        .where(eq(structureNeedQuestionnaires.id, r.id)).run();
      return this.get(year);
    },

    /** Opening a year's answers to groups stays possible after answers came in. */
    saveReaders(user: SessionUser, year: number, groupIds: string[]): Questionnaire {
      policy.requireEdit(user);
      const r = row(year);
      const unique = [...new Set(groupIds)];
      for (const id of unique) {
        if (!db.select({ id: groups.id }).from(groups).where(eq(groups.id, id)).get()) throw badRequest('Un des groupes choisis n’existe plus.', 'needs_unknown_group');
      }
      db.transaction((tx) => {
        tx.delete(structureNeedReaders).where(eq(structureNeedReaders.questionnaireId, r.id)).run();
        if (unique.length) tx.insert(structureNeedReaders).values(unique.map((groupId) => ({ questionnaireId: r.id, groupId }))).run();
      });
      return this.get(year);
    },

    /** At first start (demo or not), the coordination finds a questionnaire ready for this year. */
    ensureDefault(now = new Date()): void {
      if (db.select({ id: structureNeedQuestionnaires.id }).from(structureNeedQuestionnaires).get()) return;
      db.insert(structureNeedQuestionnaires).values({ year: parisYear(now), content: defaultQuestionnaire() }).onConflictDoNothing().run();
    },
  };
}
export type QuestionnaireService = ReturnType<typeof questionnaireService>;
