import { doc, h1, h2, p, tasks, ul, type PmNode } from '../content/prose';

/**
 * The HAS order of a reference programme ("programme type"), as the field writes it. Each
 * section opens with the questions the group has to answer, so a blank page never blocks anyone.
 */
export const REFERENCE_PROGRAMME_SECTIONS: Array<[string, string]> = [
  ['1. Contexte et population concernée', 'Maladie chronique visée, besoins repérés sur le territoire, file active attendue, personnes concernées (et leur entourage).'],
  ['2. Modalités d’inclusion', 'Critères d’inclusion et de non-inclusion, qui oriente vers le programme, comment la personne est informée et donne son accord.'],
  ['3. Bilan éducatif partagé (BEP)', 'Déroulé du BEP, professionnels qui le conduisent, outils utilisés, synthèse partagée avec la personne et transmise au médecin traitant.'],
  ['4. Compétences visées : autosoins et adaptation', 'Compétences d’autosoins et compétences d’adaptation (psychosociales) que la personne pourra acquérir ou mobiliser.'],
  ['5. Séances individuelles et collectives', 'Contenu, objectifs, durée, animateurs et outils pédagogiques de chaque séance ; ETP initiale, de renforcement et de reprise.'],
  ['6. Intervenants et leur formation', 'Composition de l’équipe pluriprofessionnelle, formation 40 heures en ETP, coordonnateur du programme.'],
  ['7. Patients partenaires', 'Place des patients partenaires dans la conception, l’animation et l’évaluation du programme ; associations de patients associées.'],
  ['8. Coordination avec le médecin traitant et le parcours de soins', 'Information du médecin traitant, liens ville-hôpital, orientation à la sortie du programme, continuité du parcours.'],
  ['9. Évaluation du patient et du programme', 'Évaluation individuelle des compétences acquises ; auto-évaluation annuelle et évaluation quadriennale du programme ; indicateurs suivis.'],
  ['10. Annexes', 'Outils pédagogiques, documents d’information, conventions de partenariat, charte d’engagement.'],
];

export function referenceProgramme(title: string): PmNode {
  return doc(
    h1(title),
    p('Programme type d’éducation thérapeutique du patient (ETP) co-construit par le groupe de travail. Les équipes l’adaptent à leur territoire avant de le déclarer à l’ARS.'),
    ...REFERENCE_PROGRAMME_SECTIONS.flatMap(([heading, prompt]) => [h2(heading), p(prompt)]),
    h2('Suivi de la rédaction'),
    tasks('Relire les sections 1 à 5', 'Faire relire par les patients partenaires', 'Soumettre à la validation de l’animateur·rice'),
    ul('Références : recommandations de la HAS sur l’ETP ; cahier des charges des programmes (arrêté de 2020).'),
  );
}
