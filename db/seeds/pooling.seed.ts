import { activity, documentUpdates, documents, groupMembers, groups } from '../schema/index';
import { partnershipAgreementDoc } from '../../shared/pooling.agreement';
import type { SeedContext } from '../seed';
import type { DemoWorld } from './foundation.seed';
import type { ActivityKind } from '../../shared/groups.schema';
import { seedState, seedText } from './documents.yjs';

const DAY = 24 * 3600_000;
export const DEMO_PARTNERSHIP_GROUP = 'Partenariat lombalgie – MSP des Pentes et CH Saint-Roch';

/**
 * A partnership started from option 2.2 of the pooling guide, a week ago: the MSP des Pentes,
 * which holds the declared low-back-pain programme (ville), extends it to the Centre hospitalier
 * Saint-Roch, which has none yet. A private group with the MSP's coordinator (lead) and the
 * hospital's ETP nurse, and the agreement filled as the guide fills it.
 */
export function seedPooling({ db, sqlite }: SeedContext, world: DemoWorld): void {
  const created = new Date(Date.now() - 7 * DAY);
  const title = 'Convention de partenariat – Lombalgie chronique (option 2.2)';
  const agreement = partnershipAgreementDoc(title, {
    option: '2.2', condition: 'Lombalgie chronique',
    initiator: { name: 'MSP des Pentes', kind: 'maison ou pôle de santé' },
    partners: [{ name: 'Centre hospitalier Saint-Roch', kind: 'établissement de santé' }],
  });
  db.transaction((tx) => {
    const groupId = tx.insert(groups).values({
      name: DEMO_PARTNERSHIP_GROUP, visibility: 'private', openToAssociations: false, createdBy: world.people.animatrice, createdAt: created,
      description: 'Partenariat de mutualisation (option 2.2 du guide) : MSP des Pentes, Centre hospitalier Saint-Roch.',
      themes: ['Lombalgie chronique', 'Mutualisation'],
    }).returning({ id: groups.id }).get().id;
    tx.insert(groupMembers).values({ groupId, userId: world.people.animatrice, role: 'lead' }).run();
    tx.insert(groupMembers).values({ groupId, userId: world.people.infirmiere, role: 'member' }).run();
    const documentId = tx.insert(documents).values({
      groupId, title, kind: 'partnership_agreement', themes: ['Lombalgie chronique'], createdBy: world.people.animatrice, createdAt: created, updatedAt: created,
    }).returning({ id: documents.id }).get().id;
    tx.insert(documentUpdates).values({ documentId, data: Buffer.from(seedState(agreement)), userId: null }).run();
    sqlite.prepare('INSERT INTO documents_fts (document_id, title, body) VALUES (?, ?, ?)').run(documentId, title, seedText(agreement));
    const line = (kind: ActivityKind, subjectId: string, subjectTitle: string, detail: string | null = null) =>
      tx.insert(activity).values({ groupId, userId: world.people.animatrice, kind, subjectId, subjectTitle, detail, createdAt: created }).run();
    line('group.created', groupId, DEMO_PARTNERSHIP_GROUP);
    line('member.joined', world.people.infirmiere, 'Nadia Benali', 'member');
    line('document.created', documentId, title);
  });
}
