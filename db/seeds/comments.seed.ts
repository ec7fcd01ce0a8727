import { and, asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { commentThreads, comments, documentUpdates, documents, groupMembers } from '../schema/index';
import type { SeedContext } from '../seed';
import type { DemoWorld, PersonKey } from './foundation.seed';

/**
 * Open comment threads on the reference programme, one from the association's representative,
 * who takes part in "Lombalgie chronique" as a commenter: she reads and comments, never edits.
 */
const THREADS: Array<{ passage: string; by: PersonKey; comments: Array<[PersonKey, string]> }> = [
  {
    passage: 'Un seul BEP, mené en ville ou au centre',
    by: 'association',
    comments: [
      ['association', 'Plusieurs adhérents ont dû refaire leur bilan en passant du centre à la MSP. Pouvez-vous préciser qui transmet la synthèse, pour que la personne n’ait pas à tout raconter deux fois ?'],
      ['medecin', 'Bonne remarque : le centre envoie la synthèse au référent de la MSP avant la première séance. Je l’ajoute dans la section 8.'],
    ],
  },
  {
    passage: 'Adultes souffrant de lombalgie depuis plus de trois mois',
    by: 'infirmiere',
    comments: [['infirmiere', 'Faut-il ouvrir aux personnes en arrêt de travail prolongé, même avant trois mois ? C’est le public que nous voyons le plus à l’hôpital.']],
  },
];

/** Where a passage starts in the document, as Yjs relative positions (what the editor stores). */
function anchorsOf(fragment: Y.XmlFragment, passage: string): { anchorStart: string; anchorEnd: string } | null {
  const stack: Array<Y.XmlElement | Y.XmlFragment | Y.XmlText> = [fragment];
  while (stack.length) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) {
      const text = (node.toDelta() as Array<{ insert: unknown }>).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
      const at = text.indexOf(passage);
      if (at < 0) continue;
      const encode = (index: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, index, -1))).toString('base64');
      return { anchorStart: encode(at), anchorEnd: encode(at + passage.length) };
    }
    stack.push(...(node.toArray() as Array<Y.XmlElement | Y.XmlText>));
  }
  return null;
}

export function seedComments({ db }: SeedContext, world: DemoWorld): void {
  const group = world.groups.lombalgie;
  db.update(groupMembers).set({ role: 'commenter' })
    .where(and(eq(groupMembers.groupId, group), eq(groupMembers.userId, world.people.association))).run();
  const programme = db.select({ id: documents.id }).from(documents)
    .where(and(eq(documents.groupId, group), eq(documents.kind, 'reference_programme'))).get();
  if (!programme) return;
  const ydoc = new Y.Doc();
  for (const u of db.select({ data: documentUpdates.data }).from(documentUpdates).where(eq(documentUpdates.documentId, programme.id)).orderBy(asc(documentUpdates.id)).all()) {
    Y.applyUpdate(ydoc, u.data);
  }
  const fragment = ydoc.getXmlFragment('default');
  db.transaction((tx) => {
    for (const thread of THREADS) {
      const anchors = anchorsOf(fragment, thread.passage);
      if (!anchors) continue;
      const threadId = tx.insert(commentThreads).values({ documentId: programme.id, ...anchors, quote: thread.passage, createdBy: world.people[thread.by] })
        .returning({ id: commentThreads.id }).get().id;
      thread.comments.forEach(([who, body], position) => {
        tx.insert(comments).values({ threadId, authorId: world.people[who], body, position, createdAt: new Date(Date.now() - (thread.comments.length - position) * 3600_000) }).run();
      });
    }
  });
  ydoc.destroy();
}
