import { documentUpdates, documentVersions, documents } from '../schema/index';
import type { SeedContext } from '../seed';
import type { DemoWorld } from './foundation.seed';
import { h1, h2, p, seedState, seedText, table, tasks, ul, type SeedNode } from './documents.yjs';

/**
 * The "Lombalgie chronique" group's reference programme, half written, drawn from the published
 * experience of a low-back-pain programme co-built by an ETP platform, a primary-care health
 * centre and a rehabilitation centre (seeds/002). Written as Yjs so it opens in the editor.
 */
export const PROGRAMME: SeedNode = {
  type: 'doc',
  content: [
    h1('Programme type – Lombalgie chronique « Douleurs et rachis »'),
    p('Programme type d’éducation thérapeutique du patient co-construit par la Plateforme régionale ETP, la MSP des Pentes et le Centre de rééducation Les Tilleuls, avec des patients partenaires de l’association Lombalgie & Mouvement. Les équipes l’adaptent à leur territoire avant de le déclarer à l’ARS.'),
    h2('1. Contexte et population concernée'),
    p('La lombalgie chronique est la troisième cause d’invalidité reconnue par l’Assurance maladie. Sa dimension psychosociale complique l’accompagnement des personnes, et les professionnels font face à des files d’attente de plus en plus longues.'),
    p('L’ETP est un levier pour améliorer la qualité de vie des personnes souffrant de douleurs rachidiennes, grâce à une approche pédagogique et pluridisciplinaire de la maladie et de la relation de soins.'),
    ul('Adultes souffrant de lombalgie depuis plus de trois mois', 'Personnes suivies en ville (MSP, kinésithérapeutes libéraux) ou sortant d’une prise en charge en centre de rééducation', 'Entourage proche, sur proposition de la personne'),
    h2('2. Modalités d’inclusion'),
    p('Orientation par le médecin traitant, le médecin de médecine physique et de réadaptation ou un kinésithérapeute de la MSP. La personne reçoit une information écrite et orale et donne son accord avant le bilan éducatif partagé.'),
    p('Non-inclusion : lombalgie symptomatique d’une autre maladie (« drapeaux rouges »), en attente d’un avis chirurgical.'),
    h2('3. Bilan éducatif partagé (BEP)'),
    p('Un seul BEP, mené en ville ou au centre selon le lieu d’entrée de la personne, pour éviter les séances en double. Il explore le vécu de la douleur, les croyances sur le mouvement, l’activité professionnelle et les projets de la personne.'),
    p('À compléter : grille commune de BEP et modalités de transmission de la synthèse au médecin traitant.'),
    h2('4. Compétences visées : autosoins et adaptation'),
    ul('Comprendre le mécanisme de la douleur chronique et le rôle du mouvement', 'Pratiquer chaque jour des exercices adaptés et reprendre une activité physique', 'Gérer une crise douloureuse sans rompre son activité', 'Exprimer ses émotions et ses besoins, auprès de ses proches comme au travail'),
    h2('5. Séances individuelles et collectives'),
    table(
      ['Séance', 'Format', 'Animation', 'Lieu'],
      ['Comprendre ma douleur', 'Collective, 2 h', 'Médecin MPR et patient partenaire', 'Centre de rééducation'],
      ['Bouger avec sa lombalgie', 'Collective, 2 h', 'Kinésithérapeute et enseignant en activité physique adaptée', 'MSP'],
      ['Ma vie au travail', 'Collective, 1 h 30', 'Infirmière ETP et ergothérapeute', 'MSP'],
      ['Faire le point', 'Individuelle, 45 min', 'Professionnel référent', 'Ville ou centre'],
    ),
    h2('6. Intervenants et leur formation'),
    p('Chaque intervenant a suivi la formation 40 heures en ETP. La plateforme propose une session commune aux équipes de ville et du centre pour partager le même langage.'),
    h2('7. Patients partenaires'),
    p('Deux patients partenaires ont participé à la conception des séances et co-animent la séance « Comprendre ma douleur ».'),
    h2('8. Coordination avec le médecin traitant et le parcours de soins'),
    p('À rédiger : courrier type au médecin traitant, orientation à la sortie du centre vers la MSP, retour d’information après la séance de synthèse.'),
    h2('9. Évaluation du patient et du programme'),
    p(''),
    h2('10. Annexes'),
    p(''),
    h2('Suivi de la rédaction'),
    tasks(['Relire les sections 1 à 5 (groupe, réunion de mars)', true], ['Faire relire la section 7 par l’association', false], ['Rédiger les sections 8 et 9', false], ['Soumettre à la validation de l’animatrice', false]),
  ],
};

export const TOOL: SeedNode = {
  type: 'doc',
  content: [
    h1('Fiche outil – Photolangage « Ma douleur au quotidien »'),
    h2('Objectifs pédagogiques'),
    p('Permettre à chacun d’exprimer ce que la douleur change dans sa vie quotidienne, et faire émerger les ressources déjà mobilisées.'),
    h2('Public et contexte d’utilisation'),
    ul('Séance collective d’ETP initiale, 6 à 10 participants', 'Animée par un professionnel formé et un patient partenaire'),
    h2('Déroulé de la séance'),
    ul('Consigne : « Choisissez une photo qui représente votre douleur aujourd’hui » (10 min)', 'Tour de table : chacun présente sa photo (40 min)', 'Synthèse collective des ressources évoquées (20 min)'),
    h2('Évaluation'),
    p('En fin de séance, chacun nomme une chose qu’il souhaite essayer d’ici la prochaine séance.'),
  ],
};

export function seedDocuments({ db, sqlite }: SeedContext, world: DemoWorld): void {
  const put = sqlite.prepare('INSERT INTO documents_fts (document_id, title, body) VALUES (?, ?, ?)');
  const add = (values: typeof documents.$inferInsert, content: SeedNode, author: string, versionName?: string) => {
    const id = db.insert(documents).values(values).returning({ id: documents.id }).get().id;
    const state = Buffer.from(seedState(content));
    db.insert(documentUpdates).values({ documentId: id, data: state, userId: author }).run();
    if (versionName) db.insert(documentVersions).values({ documentId: id, kind: 'named', name: versionName, state, createdBy: author }).run();
    put.run(id, values.title, seedText(content));
  };
  db.transaction(() => {
    add({
      groupId: world.groups.lombalgie, title: 'Programme type – Lombalgie chronique', kind: 'reference_programme', status: 'draft',
      themes: ['Lombalgie chronique', 'Ville-hôpital'], createdBy: world.people.animatrice,
    }, PROGRAMME, world.people.animatrice, 'Version présentée au groupe');
    add({
      groupId: world.groups.lombalgie, title: 'Fiche outil – Photolangage « Ma douleur au quotidien »', kind: 'tool_sheet', status: 'validated',
      themes: ['Lombalgie chronique'], createdBy: world.people.infirmiere,
    }, TOOL, world.people.infirmiere);
  });
}
