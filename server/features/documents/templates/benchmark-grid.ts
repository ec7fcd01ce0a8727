import { doc, h1, h2, p, table, type PmNode } from '../content/prose';

/** A benchmark grid ("grille de parangonnage"): practices of several teams, side by side. */
export function benchmarkGrid(title: string): PmNode {
  return doc(
    h1(title),
    p('Grille comparative des pratiques des équipes du groupe. Une colonne par programme ou par équipe, une ligne par critère.'),
    h2('Comparaison des pratiques'),
    table(
      ['Critère', 'Équipe A', 'Équipe B', 'Équipe C'],
      ['Structure porteuse (établissement, MSP, réseau…)', '', '', ''],
      ['Population et file active', '', '', ''],
      ['Déroulé du bilan éducatif partagé', '', '', ''],
      ['Séances individuelles / collectives', '', '', ''],
      ['Intervenants formés (40 heures)', '', '', ''],
      ['Place des patients partenaires', '', '', ''],
      ['Lien avec le médecin traitant', '', '', ''],
      ['Modalités d’évaluation', '', '', ''],
    ),
    h2('Points forts à partager'),
    p(''),
    h2('Pistes d’harmonisation'),
    p(''),
  );
}
