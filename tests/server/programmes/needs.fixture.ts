import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { conditions, programmeConditions, programmeEvaluations, programmeSites, programmes } from '../../../db/schema/index';
import type { Figures } from '../../../shared/programmes.evaluations.schema';

/**
 * Programmes as the directory stores them (h10-directory writes them through its own routes):
 * the map and the evaluations only read these tables, so tests write rows directly.
 */
export const CONDITIONS = [
  ['diabete_type_2', 'Diabète de type 2', 'Type 2 diabetes'],
  ['insuffisance_cardiaque', 'Insuffisance cardiaque', 'Heart failure'],
  ['bpco', 'BPCO', 'COPD'],
] as const;

export function ensureConditions(app: FastifyInstance) {
  app.db.insert(conditions).values(CONDITIONS.map(([code, labelFr, labelEn]) => ({ code, labelFr, labelEn }))).onConflictDoNothing().run();
}

export interface ProgrammeValues {
  title?: string;
  holderOrganisationId: string;
  coordinatorUserId?: string | null;
  setting?: 'hopital' | 'ville' | 'mixte' | 'distance';
  state?: 'en_cours' | 'suspendu' | 'arrete';
  declaredAt?: string;
  conditions?: string[];
  departements?: string[];
  published?: boolean;
  groupId?: string | null;
}

export function createProgramme(app: FastifyInstance, v: ProgrammeValues) {
  ensureConditions(app);
  const title = v.title ?? `Programme ${randomUUID().slice(0, 6)}`;
  const row = app.db.insert(programmes).values({
    title, holderOrganisationId: v.holderOrganisationId, coordinatorUserId: v.coordinatorUserId ?? null,
    setting: v.setting ?? 'hopital', format: 'mixte', state: v.state ?? 'en_cours', declaredAt: v.declaredAt ?? '2022-03-15',
    groupId: v.groupId ?? null, reviewState: v.published === false ? 'a_valider' : 'publie',
    publishedSnapshot: v.published === false ? null : { title },
  }).returning().get();
  for (const code of v.conditions ?? ['diabete_type_2']) app.db.insert(programmeConditions).values({ programmeId: row.id, conditionCode: code }).run();
  (v.departements ?? ['69']).forEach((departement, position) => {
    app.db.insert(programmeSites).values({ programmeId: row.id, commune: `Commune ${departement}`, departement, position }).run();
  });
  return row;
}

/** An annual self-evaluation recorded as done, with its figures. */
export function recordAnnual(app: FastifyInstance, programmeId: string, rank: number, figures: Partial<Figures>) {
  app.db.insert(programmeEvaluations).values({ programmeId, kind: 'annuelle', rank, state: 'faite', doneOn: '2024-01-10', ...figures }).run();
}
