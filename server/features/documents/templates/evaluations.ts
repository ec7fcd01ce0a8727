import { doc, h1, h2, p, table, tasks, ul, type PmNode } from '../content/prose';

/** The yearly self-evaluation the team carries out and keeps for the four-yearly evaluation. */
export function annualSelfEvaluation(title: string): PmNode {
  return doc(
    h1(title),
    p('Auto-évaluation annuelle du programme, conduite par l’équipe avec les patients partenaires. Elle prépare l’évaluation quadriennale.'),
    h2('Activité de l’année'),
    table(['Indicateur', 'Valeur', 'Commentaire'], ['File active', '', ''], ['Bilans éducatifs partagés réalisés', '', ''], ['Séances individuelles', '', ''], ['Séances collectives', '', ''], ['Sorties de programme anticipées', '', '']),
    h2('Processus : ce qui a fonctionné, ce qui a freiné'),
    p(''),
    h2('Coordination et parcours'),
    p('Liens avec les médecins traitants, orientation des personnes, partenariats du territoire.'),
    h2('Points d’amélioration retenus'),
    tasks('Action 1 :', 'Action 2 :'),
  );
}

/** The four-yearly evaluation, sent to the ARS before the programme continues. */
export function quadrennialEvaluation(title: string): PmNode {
  return doc(
    h1(title),
    p('Évaluation quadriennale : synthèse des quatre auto-évaluations annuelles et décision sur la suite du programme.'),
    h2('1. Évolution de l’activité sur quatre ans'),
    table(['Indicateur', 'Année 1', 'Année 2', 'Année 3', 'Année 4'], ['File active', '', '', '', ''], ['Séances réalisées', '', '', '', ''], ['Intervenants formés', '', '', '', '']),
    h2('2. Atteinte des objectifs du programme'),
    p(''),
    h2('3. Effets pour les personnes'),
    p('Compétences acquises, qualité de vie, retours des personnes et des patients partenaires.'),
    h2('4. Évolution de l’organisation et des partenariats'),
    p(''),
    h2('5. Décisions pour les quatre années à venir'),
    ul('Poursuivre en l’état', 'Poursuivre avec des modifications', 'Arrêter ou mutualiser avec un autre programme'),
  );
}
