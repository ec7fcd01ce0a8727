import { doc, h1, h2, p, strongP, ul, type PmNode } from '../content/prose';

/** A teaching tool ("outil pédagogique"): what it is for and how a session uses it. */
export function toolSheet(title: string): PmNode {
  return doc(
    h1(title),
    strongP('Type d’outil :', 'photolangage, carte conceptuelle, jeu de plateau, vidéo, mise en situation…'),
    h2('Objectifs pédagogiques'),
    p('Ce que la personne saura dire, faire ou décider à l’issue de la séance.'),
    h2('Public et contexte d’utilisation'),
    ul('Séance individuelle ou collective', 'ETP initiale, de renforcement ou de reprise', 'Nombre de participants conseillé'),
    h2('Matériel et préparation'),
    p(''),
    h2('Déroulé de la séance'),
    p('Accueil, consigne, temps d’échange, synthèse : durée de chaque temps.'),
    h2('Compétences travaillées'),
    ul('Compétences d’autosoins :', 'Compétences d’adaptation :'),
    h2('Évaluation'),
    p('Comment vérifier avec la personne ce qui a été acquis.'),
    h2('Sources et droits d’utilisation'),
    p(''),
  );
}
