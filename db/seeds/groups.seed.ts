import { asc, eq } from 'drizzle-orm';
import type { SeedContext } from '../seed';
import { activity, documents, groupJoinRequests } from '../schema/index';
import type { DemoWorld, GroupKey, PersonKey } from './foundation.seed';
import type { ActivityKind } from '../../shared/groups.schema';

const DAY = 24 * 3600_000;
const NAMES: Record<PersonKey, string> = {
  coordinatrice: 'Claire Martin', animatrice: 'Sophie Bernard', infirmiere: 'Nadia Benali', medecin: 'Dr Thomas Roux',
  association: 'Marie Dupont', observateur: 'Julien Moreau', chercheuse: 'Inès Garcia',
};

/**
 * The groups' recent activity (as if the region had been working for a few weeks) and pending
 * requests to join, so that a lead signing in has something to answer.
 */
export function seedGroups({ db }: SeedContext, world: DemoWorld): void {
  const now = Date.now();
  type Line = [GroupKey, daysAgo: number, actor: PersonKey, kind: ActivityKind, subject?: PersonKey | string, detail?: string];
  const lines: Line[] = [
    ['lombalgie', 24, 'coordinatrice', 'group.created', 'Lombalgie chronique'],
    ['lombalgie', 24, 'coordinatrice', 'member.joined', 'animatrice', 'lead'],
    ['lombalgie', 23, 'animatrice', 'member.joined', 'infirmiere', 'member'],
    ['lombalgie', 23, 'animatrice', 'member.joined', 'medecin', 'member'],
    ['lombalgie', 20, 'animatrice', 'member.joined', 'association', 'member'],
    ['lombalgie', 16, 'animatrice', 'member.joined', 'observateur', 'observer'],
    ['lombalgie', 9, 'animatrice', 'group.updated', 'Lombalgie chronique'],
    ['maladiesRares', 30, 'coordinatrice', 'group.created', 'Maladies rares et complexes'],
    ['maladiesRares', 29, 'coordinatrice', 'member.joined', 'chercheuse', 'member'],
    ['maladiesRares', 12, 'coordinatrice', 'member.joined', 'infirmiere', 'member'],
    ['evaluation', 40, 'coordinatrice', 'group.created', 'Évaluation quadriennale'],
    ['evaluation', 38, 'coordinatrice', 'member.joined', 'chercheuse', 'member'],
  ];
  // The documents' demo (seeded before) gets its lines too: created, then worked on.
  const groupDocuments = (g: GroupKey) =>
    db.select({ id: documents.id, title: documents.title, status: documents.status }).from(documents)
      .where(eq(documents.groupId, world.groups[g])).orderBy(asc(documents.createdAt)).all();
  const documentLines: Array<[GroupKey, number, PersonKey, ActivityKind, { id: string; title: string }, string?]> = [];
  for (const [i, doc] of groupDocuments('lombalgie').entries()) {
    documentLines.push(['lombalgie', 15 - i, 'animatrice', 'document.created', doc]);
    documentLines.push(['lombalgie', 2 + i, i % 2 ? 'medecin' : 'infirmiere', 'document.edited', doc]);
    if (doc.status !== 'draft') documentLines.push(['lombalgie', 1, 'animatrice', 'document.status_changed', doc, doc.status]);
  }
  for (const [i, doc] of groupDocuments('maladiesRares').entries()) documentLines.push(['maladiesRares', 10 - i, 'coordinatrice', 'document.created', doc]);

  db.transaction((tx) => {
    for (const [g, daysAgo, actor, kind, subject, detail] of lines) {
      const person = subject && subject in NAMES ? (subject as PersonKey) : null;
      tx.insert(activity).values({
        groupId: world.groups[g], userId: world.people[actor], kind, detail: detail ?? null,
        subjectId: person ? world.people[person] : kind.startsWith('group.') ? world.groups[g] : null,
        subjectTitle: person ? NAMES[person] : (subject ?? null),
        createdAt: new Date(now - daysAgo * DAY),
      }).run();
    }
    for (const [g, daysAgo, actor, kind, doc, detail] of documentLines) {
      tx.insert(activity).values({
        groupId: world.groups[g], userId: world.people[actor], kind, subjectId: doc.id, subjectTitle: doc.title,
        detail: detail ?? null, createdAt: new Date(now - daysAgo * DAY - 3600_000),
      }).run();
    }
    tx.insert(groupJoinRequests).values({
      groupId: world.groups.lombalgie, userId: world.people.chercheuse, createdAt: new Date(now - 2 * DAY),
      message: 'Je travaille sur l’évaluation des programmes d’ETP en soins primaires ; je peux aider sur la grille d’évaluation.',
    }).run();
    tx.insert(groupJoinRequests).values({
      groupId: world.groups.maladiesRares, userId: world.people.medecin, createdAt: new Date(now - DAY),
      message: 'Nous suivons des patients atteints de maladies neuromusculaires rares au centre de rééducation.',
    }).run();
  });
}
