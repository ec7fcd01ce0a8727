import type { NeedAxis } from './structure-needs.axes';
import type { QuestionnaireContent, Question } from './structure-needs.schema';

/**
 * The questionnaire the coordination starts from: one section per axis of seed 004, in its order,
 * written as the shared form a network sends to its MSP. It is content, edited by the
 * coordination afterwards, so it is written in French here rather than in the client's i18n.
 */
const single = (id: string, label: string, choices: Array<[string, string]>, help = '', required = false): Question =>
  ({ id, kind: 'single', label, help, required, choices: choices.map(([cid, l]) => ({ id: cid, label: l })), scale: null });
const multiple = (id: string, label: string, choices: Array<[string, string]>, help = ''): Question =>
  ({ id, kind: 'multiple', label, help, required: false, choices: choices.map(([cid, l]) => ({ id: cid, label: l })), scale: null });
const scale = (id: string, label: string, low: string, high: string, required = false): Question =>
  ({ id, kind: 'scale', label, help: '', required, choices: [], scale: { low, high } });
const short = (id: string, label: string, help = ''): Question => ({ id, kind: 'short_text', label, help, required: false, choices: [], scale: null });
const long = (id: string, label: string, help = ''): Question => ({ id, kind: 'long_text', label, help, required: false, choices: [], scale: null });

const YES_NO_PLANNED: Array<[string, string]> = [['oui', 'Oui'], ['en_projet', 'En projet'], ['non', 'Non']];
const NEED = (id: string, label: string, required = false) => scale(id, label, 'Aucun besoin', 'Besoin prioritaire', required);
const FREE = 'Décrivez l’organisation et les besoins de la structure.';

const SECTIONS: Array<{ axis: NeedAxis; id: string; title: string; intro: string; questions: Question[] }> = [
  {
    axis: 'screening', id: 'depistage', title: 'Dépistage, détection et suivi des patients',
    intro: 'Que les actions de dépistage se traduisent par des effets concrets dans la prise en charge.',
    questions: [
      NEED('depistage_besoin', 'Votre besoin d’appui pour le dépistage et le suivi', true),
      multiple('depistage_themes', 'Sur quelles maladies ou quels risques ?', [
        ['diabete', 'Diabète'], ['cardio', 'Maladies cardio-vasculaires'], ['respiratoire', 'Maladies respiratoires'],
        ['cancers', 'Cancers'], ['obesite', 'Surpoids et obésité'], ['autre', 'Autre'],
      ]),
    ],
  },
  {
    axis: 'etp', id: 'etp', title: 'Éducation thérapeutique du patient',
    intro: 'L’accompagnement à la mise en œuvre des projets d’ETP, difficile pour des raisons d’organisation et de méthode.',
    questions: [
      single('etp_programme', 'Votre structure porte-t-elle un programme d’ETP déclaré à l’ARS ?', YES_NO_PLANNED, '', true),
      multiple('etp_appui', 'De quel appui auriez-vous besoin ?', [
        ['methode', 'Méthodologie de projet'], ['declaration', 'Dossier de déclaration à l’ARS'], ['outils', 'Outils pédagogiques'],
        ['evaluation', 'Auto-évaluation et évaluation quadriennale'], ['mutualisation', 'Mutualiser un programme avec un partenaire'],
      ]),
      NEED('etp_besoin', 'Votre besoin d’appui en ETP', true),
    ],
  },
  {
    axis: 'complex_cases', id: 'situations_complexes', title: 'Situations complexes et secteur médico-social',
    intro: 'Le réseau peut intervenir comme médiateur pour améliorer le suivi médico-social des personnes.',
    questions: [
      NEED('complexes_besoin', 'Votre besoin d’appui pour les situations complexes'),
      long('complexes_description', 'Quelles difficultés rencontrez-vous avec le secteur médico-social ?', FREE),
    ],
  },
  {
    axis: 'training', id: 'formation', title: 'Formation',
    intro: 'Les formations dont les professionnels de la structure ont besoin.',
    questions: [
      multiple('formation_besoins', 'Formations souhaitées', [
        ['etp40', 'Formation ETP de 40 heures'], ['coordination', 'Coordination de programme'], ['entretien', 'Entretien motivationnel'],
        ['patient_partenaire', 'Travailler avec des patients partenaires'],
      ]),
      short('formation_effectif', 'Combien de professionnels seraient concernés ?', 'Un nombre approximatif suffit.'),
    ],
  },
  {
    axis: 'territorial', id: 'coordination_territoriale', title: 'Coordination territoriale de proximité',
    intro: 'La place de la structure dans le réseau territorial et dans les projets de santé.',
    questions: [
      single('territoire_cpts', 'Votre structure participe-t-elle à une CPTS ?', YES_NO_PLANNED),
      NEED('territoire_besoin', 'Votre besoin d’appui pour la coordination territoriale'),
    ],
  },
  {
    axis: 'support', id: 'fonctions_support', title: 'Fonctions support mutualisées',
    intro: 'Système d’information, portail internet, formation : ce qui pourrait être partagé.',
    questions: [
      multiple('support_fonctions', 'Quelles fonctions support aimeriez-vous mutualiser ?', [
        ['si', 'Système d’information'], ['portail', 'Portail internet'], ['formation', 'Formation'], ['secretariat', 'Secrétariat de coordination'],
      ]),
    ],
  },
  {
    axis: 'research', id: 'recherche', title: 'Recherche clinique et démarche qualité',
    intro: 'La production de données en soins primaires est un enjeu majeur.',
    questions: [
      single('recherche_qualite', 'Votre structure est-elle engagée dans une démarche qualité ?', YES_NO_PLANNED),
      long('recherche_projets', 'Projets de recherche envisagés', FREE),
    ],
  },
  {
    axis: 'communication', id: 'communication', title: 'Communication',
    intro: 'Partager des expériences, des projets, des outils et la veille.',
    questions: [
      NEED('communication_besoin', 'Votre besoin en communication et partage d’expériences'),
      long('communication_idees', 'Vos idées ou remarques', FREE),
    ],
  },
];

export function defaultQuestionnaire(): QuestionnaireContent {
  return { sections: SECTIONS.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q })) })) };
}
