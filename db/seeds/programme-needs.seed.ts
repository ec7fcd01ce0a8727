import { asc } from 'drizzle-orm';
import { conditions, documentUpdates, documents, needIndicators, programmeEvaluations, programmes } from '../schema/index';
import { evaluationsDue, parisDay } from '../../shared/programmes.evaluations.schema';
import type { SeedContext } from '../seed';
import type { DemoWorld } from './foundation.seed';
import { h1, h2, p, seedState, seedText, table, type SeedNode } from './documents.yjs';

/**
 * Need indicators for Auvergne-Rhône-Alpes, and evaluations of the demo programmes in every
 * state. The indicators are demonstration figures, of the order of magnitude of the Assurance
 * Maladie's "cartographie des pathologies", and say so wherever they are shown.
 */
const SOURCE = 'Chiffres de démonstration (ordre de grandeur de la cartographie des pathologies de l’Assurance Maladie)';
const YEAR = 2023;

/** Population (thousands) and treated prevalence (%) of type 2 diabetes and of heart failure. */
const REGION: Array<[code: string, population: number, diabetes: number, heartFailure: number]> = [
  ['01', 662, 5.1, 0.9], ['03', 335, 6.6, 1.5], ['07', 330, 5.8, 1.3], ['15', 144, 6.2, 1.6],
  ['26', 520, 5.6, 1.1], ['38', 1285, 4.9, 0.9], ['42', 765, 6.1, 1.2], ['43', 228, 5.9, 1.4],
  ['63', 665, 5.4, 1.1], ['69', 1890, 5.0, 0.8], ['73', 438, 4.6, 1.0], ['74', 833, 4.2, 0.8],
];
const DISEASES = [
  { code: 'diabete_type_2', labelFr: 'Diabète de type 2', labelEn: 'Type 2 diabetes', column: 2 },
  { code: 'insuffisance_cardiaque', labelFr: 'Insuffisance cardiaque', labelEn: 'Heart failure', column: 3 },
] as const;

const SELF_EVALUATION: SeedNode = {
  type: 'doc',
  content: [
    h1('Auto-évaluation annuelle'),
    p('Auto-évaluation annuelle du programme, conduite par l’équipe avec les patients partenaires. Elle prépare l’évaluation quadriennale.'),
    h2('Activité de l’année'),
    table(['Indicateur', 'Valeur', 'Commentaire'], ['File active', '42', ''], ['Séances collectives', '36', ''], ['Séances individuelles', '', 'À compléter']),
    h2('Processus : ce qui a fonctionné, ce qui a freiné'),
    p('À rédiger en réunion d’équipe.'),
  ],
};

/** Plausible figures of a year, varying with the programme and the year (no randomness: the demo is the same each time). */
function figuresFor(index: number, rank: number) {
  const started = 20 + ((index * 7 + rank * 5) % 45);
  return {
    patientsStarted: started,
    patientsCompleted: Math.round(started * (0.6 + ((index + rank) % 4) * 0.08)),
    groupSessions: 12 + ((index * 5 + rank * 3) % 30),
    individualSessions: 30 + ((index * 11 + rank * 7) % 70),
    patientPartners: (index + rank) % 4,
  };
}

export function seedProgrammeNeeds({ db, sqlite }: SeedContext, world: DemoWorld, now = new Date()): void {
  const today = parisDay(now);
  db.transaction((tx) => {
    tx.insert(conditions).values(DISEASES.map(({ code, labelFr, labelEn }) => ({ code, labelFr, labelEn }))).onConflictDoNothing().run();
    for (const [departement, population, ...rates] of REGION) {
      for (const disease of DISEASES) {
        const rate = rates[disease.column - 2];
        const values = { departement, conditionCode: disease.code, year: YEAR, source: SOURCE, demo: true };
        tx.insert(needIndicators).values([
          { ...values, indicator: 'personnes_concernees', label: 'Personnes concernées', value: Math.round(population * 10 * rate) },
          { ...values, indicator: 'prevalence', label: 'Prévalence (%)', value: rate },
        ]).run();
      }
    }
  });

  // Evaluations of the directory's demo programmes: most years done with figures, one late, one
  // in progress with its document in the programme's group, the next ones to do.
  const list = db.select().from(programmes).orderBy(asc(programmes.title)).all();
  const put = sqlite.prepare('INSERT INTO documents_fts (document_id, title, body) VALUES (?, ?, ?)');
  // The first programme of a working group shows the whole path: in progress, with its document in that group.
  const firstWithGroup = list.findIndex((p) => p.groupId);
  db.transaction((tx) => {
    list.forEach((programme, index) => {
      const due = evaluationsDue(programme.declaredAt, today, { ended: programme.state === 'arrete' });
      const late = index % 6 === 1;
      const inProgress = index % 5 === 0 || index === firstWithGroup;
      due.forEach((e, position) => {
        const past = e.dueOn <= today;
        const lastPast = past && !due.slice(position + 1).some((n) => n.kind === e.kind && n.dueOn <= today);
        if (!past) {
          if (!inProgress || e.kind !== 'annuelle') return;
          let documentId: string | null = null;
          if (programme.groupId) {
            const title = `Auto-évaluation annuelle ${e.dueOn.slice(0, 4)} – ${programme.title}`.slice(0, 200);
            documentId = tx.insert(documents).values({ groupId: programme.groupId, title, kind: 'annual_self_evaluation', createdBy: world.people.coordinatrice })
              .returning({ id: documents.id }).get().id;
            const content = { ...SELF_EVALUATION, content: [h1(title), ...SELF_EVALUATION.content!.slice(1)] };
            tx.insert(documentUpdates).values({ documentId, data: Buffer.from(seedState(content)), userId: world.people.coordinatrice }).run();
            put.run(documentId, title, seedText(content));
          }
          tx.insert(programmeEvaluations).values({ programmeId: programme.id, kind: e.kind, rank: e.rank, state: 'en_cours', documentId }).run();
          return;
        }
        if (late && lastPast) return;
        const doneOn = new Date(Date.parse(`${e.dueOn}T00:00:00Z`) - ((index + e.rank) % 40) * 86_400_000).toISOString().slice(0, 10);
        tx.insert(programmeEvaluations).values({
          programmeId: programme.id, kind: e.kind, rank: e.rank, state: 'faite', doneOn,
          ...(e.kind === 'annuelle' ? figuresFor(index, e.rank) : {}),
        }).run();
      });
    });
  });
}
