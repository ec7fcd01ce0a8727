import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../db/client';
import { documents, groups, programmeEvaluations, programmes } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import {
  dueStatus, evaluationsDue, parisDay, type Evaluation, type EvaluationKind, type EvaluationUpdate,
  type ProgrammeEvaluationsReply,
} from '../../../../shared/programmes.evaluations.schema';
import { badRequest } from '../../../core/errors';
import { requireDocument } from '../../documents/documents.policy';
import { figuresOf } from './figures';
import { isProgrammeTeam, requireProgrammeTeam, type ProgrammeRow } from './evaluations.policy';

/** The document kind each evaluation is written in (server/features/documents/templates/evaluations.ts). */
const DOCUMENT_KIND: Record<EvaluationKind, string> = { annuelle: 'annual_self_evaluation', quadriennale: 'quadrennial_evaluation' };

type Recorded = typeof programmeEvaluations.$inferSelect;

/** A programme's evaluations as due today, with what its team recorded about each. */
export function programmeEvaluationList(db: Db, programme: ProgrammeRow, today: string): Evaluation[] {
  const recorded = db.select().from(programmeEvaluations).where(eq(programmeEvaluations.programmeId, programme.id)).all();
  const byKey = new Map(recorded.map((r) => [`${r.kind}|${r.rank}`, r]));
  const docIds = recorded.map((r) => r.documentId).filter((id): id is string => Boolean(id));
  const titles = new Map(docIds.length === 0 ? [] : db.select({ id: documents.id, title: documents.title }).from(documents)
    .where(and(inArray(documents.id, docIds), isNull(documents.deletedAt))).all().map((d) => [d.id, d.title]));
  return evaluationsDue(programme.declaredAt, today, { ended: programme.state === 'arrete' }).map((due) => {
    const row: Recorded | undefined = byKey.get(`${due.kind}|${due.rank}`);
    const state = row?.state ?? 'a_faire';
    const documentId = row?.documentId && titles.has(row.documentId) ? row.documentId : null;
    return {
      ...due,
      state,
      status: dueStatus(due.dueOn, state, today),
      doneOn: row?.doneOn ?? null,
      document: documentId ? { id: documentId, title: titles.get(documentId)! } : null,
      figures: due.kind === 'annuelle' && row ? figuresOf(row) : null,
    };
  });
}

export function evaluationsService(app: FastifyInstance) {
  const { db } = app;

  function reply(programme: ProgrammeRow, today: string): ProgrammeEvaluationsReply {
    const group = programme.groupId ? db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, programme.groupId)).get() ?? null : null;
    return {
      programme: { id: programme.id, title: programme.title, declaredAt: programme.declaredAt, state: programme.state, setting: programme.setting, group },
      today,
      evaluations: programmeEvaluationList(db, programme, today),
    };
  }

  /** The document must be of the evaluation's kind, in the programme's group, and readable by the person. */
  function checkDocument(user: SessionUser, programme: ProgrammeRow, kind: EvaluationKind, documentId: string): void {
    const { document } = requireDocument(db, user, documentId, 'read');
    if (document.groupId !== programme.groupId) throw badRequest('Ce document n’est pas dans le groupe de travail du programme.', 'document_elsewhere');
    if (document.kind !== DOCUMENT_KIND[kind]) {
      throw badRequest(kind === 'annuelle' ? 'Choisissez un document fait du modèle « auto-évaluation annuelle ».' : 'Choisissez un document fait du modèle « évaluation quadriennale ».', 'document_kind');
    }
  }

  return {
    get(user: SessionUser, programmeId: string, now = new Date()): ProgrammeEvaluationsReply {
      return reply(requireProgrammeTeam(db, user, programmeId), parisDay(now));
    },

    update(user: SessionUser, programmeId: string, kind: EvaluationKind, rank: number, input: EvaluationUpdate, now = new Date()): ProgrammeEvaluationsReply {
      const programme = requireProgrammeTeam(db, user, programmeId);
      const today = parisDay(now);
      if (!evaluationsDue(programme.declaredAt, today).some((e) => e.kind === kind && e.rank === rank)) {
        throw badRequest('Cette évaluation n’est pas encore due : seules les évaluations passées et la prochaine de chaque sorte se renseignent.', 'evaluation_not_due');
      }
      if (input.doneOn && input.doneOn > today) throw badRequest('La date de réalisation ne peut pas être dans le futur.', 'done_in_future');
      if (input.figures && kind !== 'annuelle') throw badRequest('Les chiffres d’activité se renseignent dans l’auto-évaluation annuelle.', 'figures_annual_only');
      if (input.documentId) {
        if (!programme.groupId) throw badRequest('Ce programme n’est rattaché à aucun groupe de travail : rattachez-le à un groupe pour y rédiger son évaluation.', 'no_group');
        checkDocument(user, programme, kind, input.documentId);
      }
      const values = {
        state: input.state,
        doneOn: input.doneOn,
        ...(input.documentId !== undefined ? { documentId: input.documentId } : {}),
        ...(input.figures ?? {}),
        updatedBy: user.id,
        updatedAt: now,
      };
      db.insert(programmeEvaluations).values({ programmeId, kind, rank, ...values })
        .onConflictDoUpdate({ target: [programmeEvaluations.programmeId, programmeEvaluations.kind, programmeEvaluations.rank], set: values }).run();
      return reply(programme, today);
    },

    /** The programmes of the person's team (every programme for the coordination), with what comes next. */
    mine(user: SessionUser, now = new Date()) {
      const today = parisDay(now);
      const all = db.select().from(programmes).orderBy(asc(programmes.title)).all();
      const visible = user.role === 'coordinator' ? all : all.filter((p) => isProgrammeTeam(user, p));
      return {
        programmes: visible.map((p) => {
          const list = programmeEvaluationList(db, p, today);
          const open = list.filter((e) => e.status !== 'faite');
          const next = open.find((e) => e.status === 'a_echeance') ?? null;
          return {
            id: p.id, title: p.title, state: p.state,
            next: next ? { kind: next.kind, rank: next.rank, dueOn: next.dueOn, status: next.status } : null,
            late: open.filter((e) => e.status === 'en_retard').length,
          };
        }),
      };
    },
  };
}
