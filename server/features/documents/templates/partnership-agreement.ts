import { doc, h1, h2, h3, p, strongP, tasks, ul, type PmNode } from '../content/prose';

/**
 * A partnership agreement for pooling ("mutualisation") a programme between partners. The options
 * are those of the regional ETP platform's guide (seeds/001): the partners tick the one they choose.
 */
const OPTIONS: Array<[string, string[]]> = [
  ['Coordonnateur d’un programme déclaré, en établissement de santé ou en réseau', [
    '1.1. Mutualiser gracieusement le programme avec une équipe de professionnels libéraux : un seul détenteur de la déclaration à l’ARS, garant de la mise en œuvre délocalisée en ville ; démarche qualité commune.',
    '1.2. Mettre son expérience et ses outils au service d’une équipe libérale, qui déclare elle-même son programme ou son action éducative ciblée et en répond devant l’ARS.',
  ]],
  ['Coordonnateur d’un programme déclaré, en ville', [
    '2.1. Se coordonner avec un établissement ayant déjà un programme sur le même thème (contenus, outils, parcours) ; chacun garde sa déclaration, ses financements et ses évaluations.',
    '2.2. Étendre le programme à un établissement qui n’en a pas encore, par mutualisation : une seule déclaration, dont la modification est déclarée à l’ARS, indicateurs d’activité partagés.',
    '2.3. Concevoir avec un établissement un programme complémentaire, qu’il déclare en son nom propre.',
    '2.4. Mettre son expérience, ses contenus et ses outils à disposition d’un autre regroupement de libéraux.',
  ]],
  ['Coordonnateur d’actions éducatives ciblées', [
    '3.1. Mettre son expérience, ses contenus et ses outils à disposition d’un autre regroupement de libéraux.',
  ]],
  ['Mettre en place des activités d’ETP (établissement de santé ou ville)', [
    '4.1 / 5.1. Si le besoin n’est pas couvert sur le territoire : concevoir un programme conforme aux recommandations, le déclarer à l’ARS, rechercher des financements.',
    '4.2 / 5.2. Se rapprocher d’équipes déjà déclarées pour envisager une mutualisation.',
    '4.3 / 5.3. Concevoir d’emblée, avec des équipes sans activité d’ETP, un programme ou des actions éducatives ciblées communs.',
  ]],
];

export function partnershipAgreement(title: string): PmNode {
  return doc(
    h1(title),
    p('Convention de partenariat pour la mutualisation d’un programme d’éducation thérapeutique du patient entre les partenaires ci-dessous. Dans tous les cas, les partenaires peuvent solliciter la plateforme ETP pour un conseil, une mise en relation ou un appui méthodologique.'),
    h2('Article 1 – Partenaires'),
    strongP('Partenaire 1 :', '(établissement de santé, MSP, réseau, professionnels libéraux…)'),
    strongP('Partenaire 2 :', ''),
    h2('Article 2 – Programme concerné'),
    p('Intitulé, thème, détenteur de la déclaration ARS, coordonnateur.'),
    h2('Article 3 – Option de mutualisation retenue'),
    p('Cocher l’option choisie selon la situation des partenaires.'),
    ...OPTIONS.flatMap(([situation, options]) => [h3(situation), tasks(...options)]),
    h2('Article 4 – Répartition des rôles'),
    ul('Coordination du programme et lien avec l’ARS', 'Mise en œuvre des séances et du bilan éducatif partagé', 'Partage des outils et contenus pédagogiques', 'Démarche qualité et évaluation'),
    h2('Article 5 – Parcours du patient ville-hôpital'),
    p('Orientation à la sortie d’hospitalisation, transmission du dossier ETP, retour d’information au médecin traitant.'),
    h2('Article 6 – Financements et indicateurs'),
    p('Chaque partenaire recherche et gère ses financements ; indicateurs d’activité transmis au détenteur de la déclaration.'),
    h2('Article 7 – Bénéfices attendus'),
    ul('Pour les patients : contenus homogènes en ville et à l’hôpital, offre lisible, continuité du parcours, pas de séances en double.', 'Pour les équipes : outils et évaluation mis en commun, coordination allégée, accès facilité à l’expertise médicale.'),
    h2('Article 8 – Durée, suivi et résiliation'),
    p(''),
    h2('Signatures'),
    p('Fait à …, le …'),
  );
}
