import { and, eq } from 'drizzle-orm';
import { documents, forumCategories, threadMessages, threadReads, threads } from '../schema/index';
import type { SeedContext } from '../seed';
import type { DemoWorld, PersonKey } from './foundation.seed';

type Post = [PersonKey, string];

const LOMBALGIE: Array<{ title: string; themes: string[]; author: PersonKey; linkProgramme?: boolean; posts: Post[] }> = [
  {
    title: 'Programme type lombalgie : répartition des séances entre la MSP et le centre de rééducation',
    themes: ['Lombalgie chronique', 'Mutualisation'], author: 'animatrice', linkProgramme: true,
    posts: [
      ['animatrice', 'Bonjour à toutes et à tous,\n\nJe propose que l’on arrête la répartition des **six séances collectives** avant la réunion du 12. Proposition : BEP et séances 1 à 3 à la MSP des Pentes, séances 4 et 5 (activité physique adaptée) aux Tilleuls, séance 6 de bilan à la MSP.'],
      ['medecin', 'D’accord sur le principe. Pour les séances 4 et 5, nous pouvons accueillir deux groupes de huit le mardi après-midi. Il faudra prévoir le transport pour les personnes qui ne conduisent pas.'],
      ['association', 'Du côté de l’association, plusieurs adhérents nous disent que les trajets sont le premier frein. Une séance en visio pour le bilan serait-elle envisageable ? Nous pouvons aussi proposer une patiente partenaire pour co-animer la séance 6.'],
      ['infirmiere', 'Bonne idée pour la co-animation. Attention pour la visio : il faudra la déclarer dans la mise à jour du programme auprès de l’ARS.'],
      ['animatrice', 'Je note : séance 6 en présentiel **ou** à distance, co-animée avec une patiente partenaire. J’ajoute un paragraphe dans le programme type.'],
    ],
  },
  {
    title: 'Recruter et former des patients partenaires pour les séances collectives',
    themes: ['Patients partenaires'], author: 'association',
    posts: [
      ['association', 'Nous avons trois adhérents volontaires pour intervenir. Deux ont suivi la formation de 40 heures l’an dernier. Comment les intégrer à l’équipe dès la conception des séances ?'],
      ['animatrice', 'Merci Marie ! Je propose de les inviter à l’atelier de conception du 3 février. Nadia, peux-tu leur transmettre le guide d’entretien du BEP ?'],
      ['infirmiere', 'Oui, je l’envoie cette semaine. Rappel : aucun échange ici ne doit contenir d’information sur un patient.'],
    ],
  },
];

const FORUM: Array<{ category: 'annonces' | 'echanges'; title: string; author: PersonKey; posts: Post[] }> = [
  {
    category: 'annonces', title: 'Journée régionale de réflexion : appel à propositions d’ateliers', author: 'coordinatrice',
    posts: [['coordinatrice', 'La journée régionale aura lieu au printemps. Vous pouvez proposer un atelier (45 minutes) sur la mutualisation des programmes, l’évaluation quadriennale ou la place des patients partenaires, jusqu’à la fin du mois.']],
  },
  {
    category: 'echanges', title: 'Comment associer les associations de patients à la mutualisation d’un programme ?', author: 'association',
    posts: [
      ['association', 'Bonjour, notre association est sollicitée par deux équipes qui veulent mutualiser leur programme lombalgie entre l’hôpital et la ville. À quel moment est-il utile que nous intervenions ?'],
      ['coordinatrice', 'Le plus tôt possible : dès l’analyse des besoins. Le guide de mutualisation de la plateforme prévoit une rencontre avec les associations avant la rédaction du programme commun.'],
      ['chercheuse', 'Dans l’évaluation que nous avons menée, les programmes co-construits avec des associations avaient de meilleurs taux de participation aux séances de reprise.'],
    ],
  },
];

/** Threads in "Lombalgie chronique" and in the forum, with the association account taking part. */
export function seedThreads({ db, renderMarkdown }: SeedContext, world: DemoWorld): void {
  const programme = db.select({ id: documents.id }).from(documents)
    .where(and(eq(documents.groupId, world.groups.lombalgie), eq(documents.kind, 'reference_programme'))).get();
  const start = Date.now() - 6 * 24 * 3600_000;
  let minute = 0;
  const at = () => new Date(start + (minute += 95) * 60_000);

  db.transaction((tx) => {
    const category = (values: Omit<typeof forumCategories.$inferInsert, 'createdBy'>) =>
      tx.insert(forumCategories).values({ ...values, createdBy: world.people.coordinatrice }).returning({ id: forumCategories.id }).get().id;
    const categories = {
      annonces: category({ name: 'Annonces de la coordination', description: 'Informations de la plateforme régionale ETP.', readOnly: true, position: 0 }),
      echanges: category({ name: 'Associations et professionnels', description: 'Questions et retours d’expérience entre associations de patients et équipes d’ETP.', position: 1 }),
    };
    category({ name: 'Entre équipes d’ETP', description: 'Échanges entre professionnels sur les programmes.', associationsRead: false, associationsPost: false, position: 2 });

    const write = (scope: { groupId?: string; categoryId?: string }, t: { title: string; themes?: string[]; author: PersonKey; posts: Post[]; documentId?: string }) => {
      const threadId = tx.insert(threads).values({
        groupId: scope.groupId ?? null, categoryId: scope.categoryId ?? null, title: t.title, themes: t.themes ?? [],
        documentId: t.documentId ?? null, authorId: world.people[t.author], createdAt: at(),
      }).returning({ id: threads.id }).get().id;
      let last = { id: 0, createdAt: new Date() };
      for (const [i, [who, source]] of t.posts.entries()) {
        last = tx.insert(threadMessages).values({
          threadId, authorId: world.people[who], clientId: `demo-${threadId.slice(0, 8)}-${i}`, source, html: renderMarkdown(source), createdAt: at(),
        }).returning({ id: threadMessages.id, createdAt: threadMessages.createdAt }).get();
      }
      tx.update(threads).set({ messageCount: t.posts.length, lastMessageId: last.id, lastMessageAt: last.createdAt }).where(eq(threads.id, threadId)).run();
      // Authors have read their thread up to their own last message, so the demo shows real unread counts.
      tx.insert(threadReads).values({ threadId, userId: world.people[t.author], lastReadId: last.id - 1 }).run();
    };
    for (const t of LOMBALGIE) write({ groupId: world.groups.lombalgie }, { ...t, documentId: t.linkProgramme ? programme?.id : undefined });
    for (const t of FORUM) write({ categoryId: categories[t.category] }, t);
  });
}
