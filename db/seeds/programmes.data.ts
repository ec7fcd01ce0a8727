import type { DemoWorld, PersonKey } from './foundation.seed';
import type { PROGRAMME_ADAPTATIONS, PROGRAMME_POPULATIONS } from '../../shared/programmes.schema';

/** Holders of the demo programmes beyond the foundation's organisations, one or two a département. */
export const HOLDERS = {
  dombes: { name: 'Centre hospitalier des Dombes', type: 'etablissement_sante', departement: '01' },
  bourbonnais: { name: 'Hôpital du Bourbonnais', type: 'etablissement_sante', departement: '03' },
  ardecheSud: { name: 'Centre hospitalier Ardèche Sud', type: 'etablissement_sante', departement: '07' },
  cantal: { name: 'MSP des Monts du Cantal', type: 'msp_pole_sante', departement: '15' },
  dromeProvencale: { name: 'Centre hospitalier de la Drôme provençale', type: 'etablissement_sante', departement: '26' },
  vercors: { name: 'Réseau Diabète Alpes', type: 'etablissement_sante', departement: '38' },
  velay: { name: 'Centre hospitalier du Velay', type: 'etablissement_sante', departement: '43' },
  volcans: { name: 'Hôpital des Volcans', type: 'etablissement_sante', departement: '63' },
  msp63: { name: 'MSP Livradois', type: 'msp_pole_sante', departement: '63' },
  maurienne: { name: 'Centre hospitalier de Maurienne', type: 'etablissement_sante', departement: '73' },
  genevois: { name: 'MSP du Genevois', type: 'msp_pole_sante', departement: '74' },
} as const;

type Holder = keyof typeof HOLDERS | keyof DemoWorld['orgs'];

export interface DemoProgramme {
  title: string;
  holder: Holder;
  conditions: string[];
  sites: Array<[commune: string, departement: string]>;
  setting: 'hopital' | 'ville' | 'mixte' | 'distance';
  format: 'individuel' | 'collectif' | 'mixte';
  state?: 'en_cours' | 'suspendu' | 'arrete';
  declaredAt: string;
  populations?: Array<(typeof PROGRAMME_POPULATIONS)[number]>;
  adaptations?: Array<(typeof PROGRAMME_ADAPTATIONS)[number]>;
  partners?: Array<[name: string, kind: 'hopital' | 'msp' | 'liberal' | 'association' | 'autre']>;
  description: string;
  /** Not yet (or no longer) in public view as written: the review queue of the demo. */
  review?: 'a_valider' | 'brouillon' | 'refuse';
  /** A published programme whose holder changed this since: the public still reads the old value. */
  pendingPhone?: string;
  coordinator?: PersonKey;
  fromLombalgieGroup?: boolean;
}

const asso = 'Association Lombalgie & Mouvement';

/** About 25 programmes of Auvergne-Rhône-Alpes, every département of the region represented. */
export const PROGRAMMES: Record<string, DemoProgramme> = {
  lombalgieLyon: { title: 'Lombalgie chronique : reprendre le mouvement', holder: 'msp', conditions: ['lombalgie_chronique'], sites: [['Lyon 1er', '69'], ['Villeurbanne', '69']], setting: 'mixte', format: 'mixte', declaredAt: '2023-02-14', populations: ['adultes'], partners: [['Centre de rééducation Les Tilleuls', 'hopital'], [asso, 'association']], description: 'Programme co-construit entre une MSP, un centre de rééducation et des patients partenaires : comprendre sa douleur, reprendre une activité physique adaptée, garder son travail.', coordinator: 'animatrice', fromLombalgieGroup: true, pendingPhone: '04 78 00 12 35' },
  lombalgieLoire: { title: 'École du dos', holder: 'readaptation', conditions: ['lombalgie_chronique'], sites: [['Saint-Étienne', '42']], setting: 'hopital', format: 'collectif', declaredAt: '2019-09-02', populations: ['adultes'], description: 'Cinq séances collectives en centre de rééducation, avec un bilan éducatif partagé à l’entrée et à six mois.', coordinator: 'medecin' },
  diabeteCh: { title: 'Diabète de type 2 : mieux vivre au quotidien', holder: 'ch', conditions: ['diabete_type_2'], sites: [['Lyon 4e', '69']], setting: 'hopital', format: 'mixte', declaredAt: '2021-06-21', populations: ['adultes', 'personnes_agees'], description: 'Alimentation, activité physique, traitement et surveillance des pieds, en séances individuelles et en ateliers.', coordinator: 'infirmiere' },
  insuffisanceCh: { title: 'L’école du cœur', holder: 'ch', conditions: ['insuffisance_cardiaque'], sites: [['Lyon 4e', '69']], setting: 'hopital', format: 'collectif', declaredAt: '2020-11-05', populations: ['adultes', 'personnes_agees'], description: 'Reconnaître les signes d’alerte, adapter son alimentation et son activité, vivre avec son traitement.' },
  precariteLyon: { title: 'Diabète et précarité : des ateliers près de chez vous', holder: 'ch', conditions: ['diabete_type_2', 'obesite'], sites: [['Vénissieux', '69'], ['Vaulx-en-Velin', '69']], setting: 'ville', format: 'collectif', declaredAt: '2022-04-11', populations: ['adultes', 'precarite', 'non_francophones', 'litteratie'], adaptations: ['falc', 'interpretariat'], partners: [['Centre social des Minguettes', 'autre'], ['MSP des Pentes', 'msp']], description: 'Ateliers en centre social avec interprètes professionnels et supports en FALC (facile à lire et à comprendre) ; aucune avance de frais.' },
  vihLyon: { title: 'Vivre avec le VIH', holder: 'ch', conditions: ['vih'], sites: [['Lyon 4e', '69']], setting: 'hopital', format: 'individuel', declaredAt: '2018-03-19', populations: ['adultes'], adaptations: ['interpretariat'], description: 'Entretiens individuels sur le traitement, la vie affective et le parcours de soins.', review: 'a_valider' },
  maladiesRares: { title: 'Maladies rares : un programme régional à distance', holder: 'plateforme', conditions: ['maladies_rares'], sites: [['Lyon 3e', '69']], setting: 'distance', format: 'mixte', declaredAt: '2024-01-15', populations: ['adultes', 'enfants_familles'], adaptations: ['distanciel'], description: 'Un programme mutualisé pour des maladies rares, en visioconférence, avec les centres de référence de la région.' },
  bpcoAin: { title: 'BPCO : mieux respirer', holder: 'dombes', conditions: ['bpco'], sites: [['Bourg-en-Bresse', '01']], setting: 'hopital', format: 'mixte', declaredAt: '2020-02-10', populations: ['adultes', 'personnes_agees'], description: 'Réhabilitation respiratoire et éducation thérapeutique en hôpital de jour.' },
  diabeteAin: { title: 'Diabète en pays de Gex', holder: 'dombes', conditions: ['diabete_type_2'], sites: [['Gex', '01']], setting: 'ville', format: 'collectif', declaredAt: '2023-05-30', populations: ['adultes'], partners: [['Infirmières libérales du pays de Gex', 'liberal']], description: 'Ateliers en maison de santé, animés par des infirmières libérales formées à l’ETP.' },
  cardioAllier: { title: 'Cœur et vie', holder: 'bourbonnais', conditions: ['insuffisance_cardiaque', 'maladies_cardiovasculaires'], sites: [['Montluçon', '03'], ['Moulins', '03']], setting: 'hopital', format: 'mixte', declaredAt: '2019-04-08', populations: ['adultes', 'personnes_agees'], description: 'Après une hospitalisation pour insuffisance cardiaque : séances collectives et suivi téléphonique.', state: 'suspendu' },
  obesiteAllier: { title: 'Obésité de l’enfant : bouger, manger, grandir', holder: 'bourbonnais', conditions: ['obesite'], sites: [['Vichy', '03']], setting: 'mixte', format: 'collectif', declaredAt: '2022-09-12', populations: ['enfants_familles'], description: 'Ateliers pour les enfants et leurs parents, le mercredi après-midi.' },
  diabeteArdeche: { title: 'Diabète en Ardèche méridionale', holder: 'ardecheSud', conditions: ['diabete_type_2', 'diabete_type_1'], sites: [['Aubenas', '07']], setting: 'mixte', format: 'mixte', declaredAt: '2021-10-04', populations: ['adultes', 'personnes_agees'], description: 'Éducation individuelle à l’hôpital puis ateliers de proximité dans trois MSP.' },
  cantalCardio: { title: 'Prévenir la récidive après un AVC', holder: 'cantal', conditions: ['avc', 'maladies_cardiovasculaires'], sites: [['Aurillac', '15'], ['Saint-Flour', '15']], setting: 'ville', format: 'individuel', declaredAt: '2024-06-03', populations: ['adultes', 'personnes_agees'], adaptations: ['distanciel'], description: 'Séances individuelles en MSP ou à distance pour les patients éloignés.' },
  asthmeDrome: { title: 'Asthme de l’enfant', holder: 'dromeProvencale', conditions: ['asthme'], sites: [['Montélimar', '26']], setting: 'hopital', format: 'mixte', declaredAt: '2020-05-18', populations: ['enfants_familles'], description: 'Comprendre l’asthme, utiliser ses inhalateurs, agir en cas de crise : pour l’enfant et ses parents.' },
  renalDrome: { title: 'Insuffisance rénale : préparer l’avenir', holder: 'dromeProvencale', conditions: ['insuffisance_renale'], sites: [['Valence', '26']], setting: 'hopital', format: 'individuel', declaredAt: '2022-01-24', populations: ['adultes'], description: 'Choisir son traitement de suppléance, protéger ses reins, adapter son alimentation.' },
  diabeteIsere: { title: 'Diabète de type 1 : adolescents et jeunes adultes', holder: 'vercors', conditions: ['diabete_type_1'], sites: [['Grenoble', '38'], ['Voiron', '38']], setting: 'mixte', format: 'collectif', declaredAt: '2021-03-01', populations: ['enfants_familles', 'adultes'], description: 'Week-ends éducatifs et ateliers du soir pour les 15–25 ans.' },
  polyarthriteIsere: { title: 'Polyarthrite : agir sur sa maladie', holder: 'vercors', conditions: ['polyarthrite'], sites: [['Grenoble', '38']], setting: 'hopital', format: 'collectif', declaredAt: '2017-11-20', populations: ['adultes'], partners: [['Association des polyarthritiques de l’Isère', 'association']], description: 'Programme animé avec des patients partenaires de l’association.', state: 'arrete' },
  epilepsieLoire: { title: 'Épilepsie : comprendre et vivre avec', holder: 'readaptation', conditions: ['epilepsie'], sites: [['Roanne', '42']], setting: 'hopital', format: 'individuel', declaredAt: '2023-09-11', populations: ['adultes', 'handicap'], adaptations: ['falc'], description: 'Séances individuelles, supports adaptés aux personnes en situation de handicap.', review: 'brouillon' },
  cancerVelay: { title: 'Après le cancer : reprendre pied', holder: 'velay', conditions: ['cancer'], sites: [['Le Puy-en-Velay', '43']], setting: 'mixte', format: 'collectif', declaredAt: '2022-11-07', populations: ['adultes'], description: 'Fatigue, activité physique, retour au travail : ateliers après les traitements.' },
  diabeteVolcans: { title: 'Diabète : ateliers du Livradois', holder: 'msp63', conditions: ['diabete_type_2'], sites: [['Ambert', '63']], setting: 'ville', format: 'collectif', declaredAt: '2024-03-25', populations: ['adultes', 'personnes_agees'], description: 'Ateliers en MSP rurale, à moins de trente minutes de chez vous.' },
  santeMentale: { title: 'Bipolarité : mieux connaître sa maladie', holder: 'volcans', conditions: ['sante_mentale'], sites: [['Clermont-Ferrand', '63']], setting: 'hopital', format: 'collectif', declaredAt: '2021-12-13', populations: ['adultes'], description: 'Psychoéducation en groupe, avec un proche si la personne le souhaite.' },
  bpcoVolcans: { title: 'Souffle et montagne', holder: 'volcans', conditions: ['bpco', 'asthme'], sites: [['Clermont-Ferrand', '63'], ['Issoire', '63']], setting: 'hopital', format: 'mixte', declaredAt: '2019-06-17', populations: ['adultes'], description: 'Réhabilitation respiratoire et éducation à l’autogestion des exacerbations.', review: 'refuse' },
  maurienneDiabete: { title: 'Diabète en vallée', holder: 'maurienne', conditions: ['diabete_type_2'], sites: [['Saint-Jean-de-Maurienne', '73']], setting: 'mixte', format: 'mixte', declaredAt: '2020-09-28', populations: ['adultes', 'precarite'], adaptations: ['distanciel'], description: 'Séances à l’hôpital l’hiver, à distance quand les routes sont fermées.' },
  genevoisObesite: { title: 'Obésité de l’adulte : un parcours en ville', holder: 'genevois', conditions: ['obesite'], sites: [['Annemasse', '74'], ['Saint-Julien-en-Genevois', '74']], setting: 'ville', format: 'mixte', declaredAt: '2023-11-20', populations: ['adultes', 'non_francophones'], adaptations: ['interpretariat'], description: 'Diététicienne, enseignant en activité physique adaptée et psychologue, en MSP.' },
  genevoisLombalgie: { title: 'Mal de dos : les ateliers du Léman', holder: 'genevois', conditions: ['lombalgie_chronique'], sites: [['Thonon-les-Bains', '74']], setting: 'ville', format: 'collectif', declaredAt: '2025-02-03', populations: ['adultes'], description: 'Six ateliers en soirée, compatibles avec une activité professionnelle.' },
  isereAsthme: { title: 'Asthme sévère de l’adulte', holder: 'vercors', conditions: ['asthme'], sites: [['Grenoble', '38']], setting: 'hopital', format: 'individuel', declaredAt: '2024-10-14', populations: ['adultes'], description: 'Un parcours individuel pour les asthmes sévères sous biothérapie.' },
};
