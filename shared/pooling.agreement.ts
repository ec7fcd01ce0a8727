import { POOLING_OPTIONS, type OptionId, type Party, type SharedThing, type ArsStep } from './pooling.guide';

/**
 * The partnership agreement for pooling a programme: ONE text, blank (documents' template of kind
 * partnership_agreement) or filled when a partnership is started from the guide (parties, option
 * ticked, responsibilities written out). In shared/ because the demo seed writes the same text as
 * the server (db/ imports nothing of the server). Returns ProseMirror JSON of the editor's schema.
 * The document is French, as the agreements people sign are.
 */
export interface AgreementNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AgreementNode[];
  marks?: Array<{ type: string }>;
  text?: string;
}

export interface AgreementFill {
  option: OptionId;
  /** The one who starts the partnership from the guide (their organisation). */
  initiator: { name: string; kind: string };
  partners: Array<{ name: string; kind: string }>;
  /** Disease or health condition of the programme, in words. */
  condition: string;
  /** Programmes of the directory through which partners were found (title, holder). */
  programmes?: Array<{ title: string; holder: string }>;
}

const OPTIONS: Array<[string, Array<[OptionId[], string]>]> = [
  ['Coordonnateur d’un programme déclaré, en établissement de santé ou en réseau', [
    [['1.1'], '1.1. Mutualiser gracieusement le programme avec une équipe de professionnels libéraux : un seul détenteur de la déclaration à l’ARS, garant de la mise en œuvre délocalisée en ville ; démarche qualité commune.'],
    [['1.2'], '1.2. Mettre son expérience et ses outils au service d’une équipe libérale, qui déclare elle-même son programme ou son action éducative ciblée et en répond devant l’ARS.'],
  ]],
  ['Coordonnateur d’un programme déclaré, en ville', [
    [['2.1'], '2.1. Se coordonner avec un établissement ayant déjà un programme sur le même thème (contenus, outils, parcours) ; chacun garde sa déclaration, ses financements et ses évaluations.'],
    [['2.2'], '2.2. Étendre le programme à un établissement qui n’en a pas encore, par mutualisation : une seule déclaration, dont la modification est déclarée à l’ARS, indicateurs d’activité partagés.'],
    [['2.3'], '2.3. Concevoir avec un établissement un programme complémentaire, qu’il déclare en son nom propre.'],
    [['2.4'], '2.4. Mettre son expérience, ses contenus et ses outils à disposition d’un autre regroupement de libéraux.'],
  ]],
  ['Coordonnateur d’actions éducatives ciblées', [
    [['3.1'], '3.1. Mettre son expérience, ses contenus et ses outils à disposition d’un autre regroupement de libéraux.'],
  ]],
  ['Mettre en place des activités d’ETP (établissement de santé ou ville)', [
    [['4.1', '5.1'], '4.1 / 5.1. Si le besoin n’est pas couvert sur le territoire : concevoir un programme conforme aux recommandations, le déclarer à l’ARS, rechercher des financements.'],
    [['4.2', '5.2'], '4.2 / 5.2. Se rapprocher d’équipes déjà déclarées pour envisager une mutualisation.'],
    [['4.3', '5.3'], '4.3 / 5.3. Concevoir d’emblée, avec des équipes sans activité d’ETP, un programme ou des actions éducatives ciblées communs.'],
  ]],
];

const SHARED_WORDS: Record<SharedThing, string> = {
  contents: 'les contenus éducatifs', tools: 'les outils pédagogiques', evaluation: 'les travaux d’évaluation',
  quality: 'la démarche qualité', experience: 'l’expérience et l’expertise (observation des séances possible)',
  pathway: 'les modalités du parcours du patient entre ville et hôpital', indicators: 'les indicateurs d’activité, transmis au détenteur de la déclaration',
};

const ARS_WORDS: Record<ArsStep, string> = {
  modification: 'Le détenteur de la déclaration déclare à l’ARS la modification du programme (nouveau lieu et nouvelle équipe de mise en œuvre) ; le partenaire qui ouvre une nouvelle activité adresse sa propre demande de financement à l’ARS.',
  partnerDeclares: 'Le partenaire déclare lui-même son programme à l’ARS et en répond seul ; rien ne change pour la déclaration du programme existant.',
  nothingNew: 'Rien de nouveau à déclarer : chacun garde sa déclaration et rend compte de la coopération dans ses évaluations (auto-évaluation annuelle, évaluation quadriennale).',
  newDeclaration: 'Le nouveau programme est déclaré à l’ARS avant sa mise en œuvre, par le détenteur désigné ; les demandes de financement sont adressées à l’ARS.',
  depends: 'Selon l’option de mutualisation retenue avec les équipes déjà déclarées (options 1.1 à 2.4) : à préciser dans un avenant.',
};

const text = (t: string): AgreementNode[] => (t ? [{ type: 'text', text: t }] : []);
const p = (t = ''): AgreementNode => ({ type: 'paragraph', content: text(t) });
const heading = (level: number, t: string): AgreementNode => ({ type: 'heading', attrs: { level }, content: text(t) });
const strongP = (label: string, t: string): AgreementNode => ({ type: 'paragraph', content: [{ type: 'text', text: label, marks: [{ type: 'bold' }] }, ...text(t ? ` ${t}` : '')] });
const ul = (...items: string[]): AgreementNode => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [p(i)] })) });
const tasks = (items: Array<[string, boolean]>): AgreementNode => ({
  type: 'taskList', content: items.map(([t, checked]) => ({ type: 'taskItem', attrs: { checked }, content: [p(t)] })),
});

const names = (list: Array<{ name: string }>) => list.map((x) => x.name).join(', ');

/** "MSP des Pentes", "Centre hospitalier Saint-Roch", "chacun pour sa part"… for one responsibility. */
function who(party: Party, fill: AgreementFill): string {
  switch (party) {
    case 'initiator': return fill.initiator.name;
    case 'partner': return names(fill.partners);
    case 'each': return `chaque partenaire pour sa part (${names([fill.initiator, ...fill.partners])})`;
    case 'together': return `ensemble : ${names([fill.initiator, ...fill.partners])}`;
    default: return 'selon l’option de mutualisation retenue, à préciser';
  }
}

/** Article 4 of a filled agreement: the option's responsibilities with the parties' names. */
function responsibilities(fill: AgreementFill): AgreementNode[] {
  const option = POOLING_OPTIONS[fill.option];
  return [
    strongP('Déclaration à l’ARS :', who(option.declaration, fill)),
    strongP('Coordination du programme :', who(option.coordination, fill)),
    strongP('Financements :', who(option.funding, fill)),
    strongP('Mis en commun :', option.shared.length ? option.shared.map((s) => SHARED_WORDS[s]).join(' ; ') : 'rien à ce stade (programme propre)'),
    strongP('À déclarer à l’ARS :', ARS_WORDS[option.ars]),
  ];
}

/** The agreement: blank (the template) when `fill` is absent, else with the parties, the option ticked and its responsibilities. */
export function partnershipAgreementDoc(title: string, fill?: AgreementFill): AgreementNode {
  const parties = fill ? [fill.initiator, ...fill.partners] : [];
  return {
    type: 'doc',
    content: [
      heading(1, title),
      p('Convention de partenariat pour la mutualisation d’un programme d’éducation thérapeutique du patient entre les partenaires ci-dessous. Dans tous les cas, les partenaires peuvent solliciter la plateforme ETP pour un conseil, une mise en relation ou un appui méthodologique.'),
      heading(2, 'Article 1 – Partenaires'),
      ...(fill
        ? parties.map((party, i) => strongP(`Partenaire ${i + 1} :`, `${party.name} (${party.kind})`))
        : [strongP('Partenaire 1 :', '(établissement de santé, MSP, réseau, professionnels libéraux…)'), strongP('Partenaire 2 :', '')]),
      heading(2, 'Article 2 – Programme concerné'),
      ...(fill
        ? [
          strongP('Thème :', fill.condition),
          strongP('Intitulé du programme :', '(à compléter)'),
          ...(fill.programmes?.length ? [strongP('Programmes déclarés des partenaires :', fill.programmes.map((x) => `${x.title} (${x.holder})`).join(' ; '))] : []),
          p('Détenteur de la déclaration à l’ARS et coordination : voir l’article 4.'),
        ]
        : [p('Intitulé, thème, détenteur de la déclaration ARS, coordonnateur.')]),
      heading(2, 'Article 3 – Option de mutualisation retenue'),
      p(fill ? `Option ${fill.option} du guide de mutualisation de la plateforme, cochée ci-dessous.` : 'Cocher l’option choisie selon la situation des partenaires.'),
      ...OPTIONS.flatMap(([situation, options]) => [
        heading(3, situation),
        tasks(options.map(([ids, label]) => [label, fill ? ids.includes(fill.option) : false])),
      ]),
      heading(2, 'Article 4 – Répartition des rôles'),
      ...(fill ? responsibilities(fill) : []),
      ul('Coordination du programme et lien avec l’ARS', 'Mise en œuvre des séances et du bilan éducatif partagé', 'Partage des outils et contenus pédagogiques', 'Démarche qualité et évaluation'),
      heading(2, 'Article 5 – Parcours du patient ville-hôpital'),
      p('Orientation à la sortie d’hospitalisation, transmission du dossier ETP, retour d’information au médecin traitant.'),
      heading(2, 'Article 6 – Financements et indicateurs'),
      p('Chaque partenaire recherche et gère ses financements ; indicateurs d’activité transmis au détenteur de la déclaration.'),
      heading(2, 'Article 7 – Bénéfices attendus'),
      ul('Pour les patients : contenus homogènes en ville et à l’hôpital, offre lisible, continuité du parcours, pas de séances en double.', 'Pour les équipes : outils et évaluation mis en commun, coordination allégée, accès facilité à l’expertise médicale.'),
      heading(2, 'Article 8 – Durée, suivi et résiliation'),
      p(''),
      heading(2, 'Signatures'),
      p('Fait à …, le …'),
    ],
  };
}
