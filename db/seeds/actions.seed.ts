import { eq } from 'drizzle-orm';
import { actionLinks, actionMeetings, actionOrganisations, actionPartners, actions, documents, threads } from '../schema/index';
import type { SeedContext } from '../seed';
import type { DemoWorld, PersonKey } from './foundation.seed';
import type { ActionState, RequestKind } from '../../shared/actions.schema';
import type { NeedAxis } from '../../shared/structure-needs.axes';

type OrgKey = keyof DemoWorld['orgs'];
interface DemoAction {
  title: string; description: string; state: ActionState; needs: NeedAxis[]; owner?: PersonKey; concerned: OrgKey[]; partnerOrgs?: OrgKey[];
  partners?: PersonKey[]; start?: string; due?: string; request?: { by: PersonKey; kind: RequestKind; situation: number | null; option: string | null };
}

// Six actions, one in each state and two under way, and two support requests from the pooling guide (seed 001, seed 004).
const ACTIONS: DemoAction[] = [
  { title: 'Mutualiser le programme lombalgie entre la MSP des Pentes et le CH Saint-Roch (option 2.2)', state: 'in_progress', needs: ['etp', 'territorial'],
    description: 'Le CH garde la déclaration à l’ARS et la coordination ; la MSP anime les séances collectives de proximité. Convention de partenariat en cours de rédaction.',
    owner: 'infirmiere', concerned: ['msp', 'ch'], partners: ['animatrice'], start: '2026-09-15', due: '2027-03-31' },
  { title: 'Former les professionnels de la MSP à l’ETP (40 heures)', state: 'planned', needs: ['training', 'etp'],
    description: 'Deux sessions de formation validante pour l’équipe de la MSP, avec le centre hospitalier.', owner: 'animatrice', concerned: ['msp'], partnerOrgs: ['ch'], start: '2027-02-01', due: '2027-06-30' },
  { title: 'Repérage des patients lombalgiques chroniques en soins primaires', state: 'planned', needs: ['screening'],
    description: 'Un outil de repérage commun aux MSP du Rhône et à la coordination de la Loire.', owner: 'medecin', concerned: ['msp', 'coordLoire'], partners: ['chercheuse'], start: '2027-01-15' },
  { title: 'Annuaire partagé des ressources ETP de la Loire', state: 'in_progress', needs: ['communication', 'support'],
    description: 'Recenser les programmes et les ateliers de la Loire et les publier sur le portail.', owner: 'coordinatrice', concerned: ['coordLoire', 'readaptation'], start: '2026-10-01', due: '2027-01-31' },
  { title: 'Atelier régional sur la démarche qualité des programmes', state: 'done', needs: ['research'],
    description: 'Atelier tenu lors de la journée régionale ; le support est dans la bibliothèque.', owner: 'chercheuse', concerned: ['universite'], start: '2026-05-12', due: '2026-05-12' },
  { title: 'Système d’information partagé MSP – hôpital', state: 'abandoned', needs: ['support'],
    description: 'Abandonné : l’ARS porte désormais un outil régional de coordination.', owner: 'coordinatrice', concerned: ['msp', 'ch'], start: '2026-01-10' },
  { title: 'Demande d’aide méthodologique (option 2.2) · MSP des Pentes', state: 'to_qualify', needs: [],
    description: 'Nous souhaitons rejoindre le programme du CH sans porter la déclaration : comment rédiger la convention et répartir l’évaluation ?',
    concerned: ['msp'], request: { by: 'animatrice', kind: 'method', situation: 2, option: '2.2' } },
  { title: 'Demande de mise en relation (option 4.1) · Centre de rééducation Les Tilleuls', state: 'to_qualify', needs: [],
    description: 'Nous cherchons un programme déclaré sur la lombalgie dans la Loire auquel nous associer.',
    concerned: ['readaptation'], request: { by: 'medecin', kind: 'connection', situation: 4, option: '4.1' } },
];

/** The demo's actions, their meetings and links, and two support requests waiting to be qualified. */
export function seedActions({ db }: SeedContext, world: DemoWorld): void {
  const programme = db.select({ id: documents.id }).from(documents).where(eq(documents.title, 'Programme type – Lombalgie chronique')).get();
  const thread = db.select({ id: threads.id }).from(threads)
    .where(eq(threads.title, 'Programme type lombalgie : répartition des séances entre la MSP et le centre de rééducation')).get();
  db.transaction((tx) => {
    for (const a of ACTIONS) {
      const row = tx.insert(actions).values({
        title: a.title, description: a.description, state: a.state, needs: a.needs, ownerId: a.owner ? world.people[a.owner] : null,
        startDate: a.start ?? null, dueDate: a.due ?? null, createdBy: a.request ? world.people[a.request.by] : world.people.coordinatrice,
        requesterId: a.request ? world.people[a.request.by] : null, requestKind: a.request?.kind ?? null,
        situation: a.request?.situation ?? null, option: a.request?.option ?? null,
      }).returning({ id: actions.id }).get();
      const orgs = [...a.concerned.map((k) => ({ k, role: 'concerned' as const })), ...(a.partnerOrgs ?? []).map((k) => ({ k, role: 'partner' as const }))];
      tx.insert(actionOrganisations).values(orgs.map(({ k, role }) => ({ actionId: row.id, organisationId: world.orgs[k], role }))).run();
      if (a.partners?.length) tx.insert(actionPartners).values(a.partners.map((p) => ({ actionId: row.id, userId: world.people[p] }))).run();
      if (a.state !== 'in_progress' || a.owner !== 'infirmiere') continue;
      // The partnership under way: two meetings, the minutes in the group's programme, the thread where it is discussed.
      const participants = [world.people.infirmiere, world.people.animatrice, world.people.coordinatrice];
      tx.insert(actionMeetings).values([
        { actionId: row.id, date: '2026-09-22', participantIds: participants, minutesDocumentId: programme?.id ?? null, note: 'Lancement : choix de l’option 2.2, répartition des séances.', createdBy: world.people.infirmiere },
        { actionId: row.id, date: '2026-11-17', participantIds: participants.slice(0, 2), minutesDocumentId: programme?.id ?? null, note: 'Relecture du projet de convention ; évaluation annuelle commune.', createdBy: world.people.infirmiere },
      ]).run();
      const links = [programme && { kind: 'document' as const, targetId: programme.id }, thread && { kind: 'thread' as const, targetId: thread.id }].filter((l) => !!l);
      if (links.length) tx.insert(actionLinks).values(links.map((l) => ({ actionId: row.id, ...l, addedBy: world.people.infirmiere }))).run();
    }
  });
}
