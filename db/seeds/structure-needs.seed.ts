import { organisations, structureNeedAnswers, structureNeedQuestionnaires, users } from '../schema/index';
import { defaultQuestionnaire } from '../../shared/structure-needs.default';
import { parisYear } from '../../shared/structure-needs.schema';
import type { Answers } from '../../shared/structure-needs.answers';
import type { SeedContext } from '../seed';
import type { DemoWorld } from './foundation.seed';

/** Three more structures beside the demo MSP, each in its own département, with the person who answered. */
const STRUCTURES = [
  { key: 'pole', name: 'Pôle de santé du Haut-Forez', type: 'msp_pole_sante', departement: '42', person: 'Luc Ferrand', email: 'luc.ferrand@demo.maillage.fr', profession: 'Médecin généraliste, coordinateur du pôle' },
  { key: 'centre', name: 'Centre de santé Mistral', type: 'centre_sante', departement: '38', person: 'Awa Diallo', email: 'awa.diallo@demo.maillage.fr', profession: 'Infirmière de coordination' },
  { key: 'drome', name: 'MSP des Collines', type: 'msp_pole_sante', departement: '26', person: 'Paul Girard', email: 'paul.girard@demo.maillage.fr', profession: 'Pharmacien' },
] as const;

/** Four structures' answers to the default questionnaire: varied, so the synthesis has something to say. */
const ANSWERS: Record<'msp' | (typeof STRUCTURES)[number]['key'], Answers> = {
  msp: {
    depistage_besoin: 3, depistage_themes: ['diabete', 'cardio'], etp_programme: 'oui', etp_appui: ['evaluation', 'mutualisation'], etp_besoin: 4,
    complexes_besoin: 3, formation_besoins: ['patient_partenaire'], territoire_cpts: 'oui', territoire_besoin: 2,
    support_fonctions: ['si', 'portail'], recherche_qualite: 'en_projet', communication_besoin: 3,
    communication_idees: 'Partager nos outils d’ateliers sur la lombalgie avec les autres MSP du Rhône.',
  },
  pole: {
    depistage_besoin: 4, depistage_themes: ['diabete', 'obesite'], etp_programme: 'en_projet', etp_appui: ['methode', 'declaration'], etp_besoin: 5,
    complexes_besoin: 4, complexes_description: 'Peu de lien avec les SSIAD du secteur pour les sorties d’hospitalisation.',
    formation_besoins: ['etp40', 'coordination'], formation_effectif: '8 professionnels', territoire_cpts: 'en_projet', territoire_besoin: 4,
    support_fonctions: ['formation'], recherche_qualite: 'non', communication_besoin: 2,
  },
  centre: {
    depistage_besoin: 2, depistage_themes: ['respiratoire'], etp_programme: 'non', etp_appui: ['methode', 'outils'], etp_besoin: 4,
    complexes_besoin: 5, complexes_description: 'Besoin d’un interlocuteur pour les situations à domicile associant plusieurs intervenants.',
    formation_besoins: ['etp40', 'entretien'], territoire_cpts: 'oui', territoire_besoin: 3, support_fonctions: ['si', 'secretariat'],
    recherche_qualite: 'oui', recherche_projets: 'Analyse des événements indésirables en équipe, base possible d’un projet de recherche.', communication_besoin: 4,
  },
  drome: {
    depistage_besoin: 3, etp_programme: 'en_projet', etp_appui: ['mutualisation'], etp_besoin: 3, complexes_besoin: 2,
    formation_besoins: ['etp40'], territoire_cpts: 'non', territoire_besoin: 5, support_fonctions: ['portail'], recherche_qualite: 'en_projet', communication_besoin: 5,
  },
};

/** The default questionnaire of this year and four structures' submitted answers (issue 11). */
export async function seedStructureNeeds({ db, hashPassword }: SeedContext, world: DemoWorld, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(`demo-${Math.random().toString(36).slice(2)}-${Date.now()}`);
  db.transaction((tx) => {
    const questionnaireId = tx.insert(structureNeedQuestionnaires).values({ year: parisYear(now), content: defaultQuestionnaire(), updatedBy: world.people.coordinatrice })
      .returning({ id: structureNeedQuestionnaires.id }).get().id;
    const submit = (organisationId: string, userId: string, answers: Answers, daysAgo: number) => {
      const at = new Date(now.getTime() - daysAgo * 86_400_000);
      tx.insert(structureNeedAnswers).values({
        questionnaireId, organisationId, answers, updatedBy: userId, updatedAt: at, submittedAnswers: answers, submittedBy: userId, submittedAt: at,
      }).run();
    };
    submit(world.orgs.msp, world.people.animatrice, ANSWERS.msp, 12);
    STRUCTURES.forEach((s, i) => {
      const organisationId = tx.insert(organisations).values({ name: s.name, type: s.type, departement: s.departement }).returning({ id: organisations.id }).get().id;
      // People of the demo who answered; they cannot sign in (their password is never shown).
      const userId = tx.insert(users).values({ email: s.email, name: s.person, role: 'member', organisationId, profession: s.profession, departement: s.departement, passwordHash })
        .returning({ id: users.id }).get().id;
      submit(organisationId, userId, ANSWERS[s.key], 20 - i * 3);
    });
  });
}
