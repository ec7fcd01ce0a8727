import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { conditions, documentUpdates, documents, groupMembers, groups, organisations, programmes, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { partnershipAgreementDoc } from '../../../shared/pooling.agreement';
import type { z } from 'zod';
import type { PartnershipReply, partnershipInputSchema } from '../../../shared/pooling.schema';
import { programmePublicSchema } from '../../../shared/programmes.schema';
import { badRequest } from '../../core/errors';
import type { ActivityEntry } from '../../../shared/groups.schema';
import { announceActivity, recordActivity } from '../groups/activity';
import { groupsEvents } from '../groups/groups.events';
import { groupsMail } from '../groups/groups.mail';
import { plainText, replaceContent } from '../documents/content/yjs-content';
import type { PmNode } from '../documents/content/prose';
import { organisationWords } from './organisation-words';
import { requireMayStart } from './pooling.policy';

type Input = z.output<typeof partnershipInputSchema>;

/**
 * Starting a partnership from an option of the guide: a private working group with the partners'
 * people (or one the person leads), and the partnership agreement filled with the parties, the
 * option ticked and its responsibilities. Everything is written in ONE transaction, the agreement's
 * text as the document's first update (as the demo seed does; nobody can have the new document
 * open yet), so a refusal halfway leaves no group without its agreement. Announced after commit.
 */
export function partnershipService(app: FastifyInstance) {
  const { db, sqlite } = app;
  const events = groupsEvents(app);
  const mail = groupsMail(app);
  const putSearchText = sqlite.prepare('INSERT INTO documents_fts (document_id, title, body) VALUES (?, ?, ?)');

  /** The partner structures as asked, checked: they exist, are not the person's own, and a programme named is theirs and public. */
  function partnersOf(user: SessionUser, input: Input) {
    const ids = [...new Set(input.partners.map((p) => p.organisationId))];
    if (ids.includes(user.organisationId)) throw badRequest('Votre propre structure est déjà partie à la convention : choisissez d’autres partenaires.', 'own_organisation');
    const found = db.select().from(organisations).where(inArray(organisations.id, ids)).all();
    if (found.length !== ids.length) throw badRequest('Un des partenaires choisis n’existe pas (ou plus) : cherchez à nouveau les partenaires.', 'unknown_partner');
    return ids.map((id) => {
      const organisation = found.find((o) => o.id === id)!;
      const programmeId = input.partners.find((p) => p.organisationId === id && p.programmeId)?.programmeId ?? null;
      let contact = { contactName: '', contactEmail: '', programme: null as { title: string; holder: string } | null };
      if (programmeId) {
        const row = db.select({ snapshot: programmes.publishedSnapshot }).from(programmes)
          .where(and(eq(programmes.id, programmeId), eq(programmes.holderOrganisationId, id))).get();
        const snapshot = programmePublicSchema.safeParse(row?.snapshot);
        if (!snapshot.success) throw badRequest('Ce programme n’est pas dans l’annuaire public de ce partenaire.', 'unknown_programme');
        contact = { contactName: snapshot.data.contactName, contactEmail: snapshot.data.contactEmail, programme: { title: snapshot.data.title, holder: snapshot.data.holderName } };
      }
      return { organisation, ...contact };
    });
  }

  /** People to add: active accounts of a partner structure, or colleagues of the person. */
  function peopleOf(user: SessionUser, input: Input, organisationIds: string[]) {
    const wanted = input.people.filter((id) => id !== user.id);
    if (wanted.length === 0) return [];
    const found = db.select({ id: users.id, name: users.name, role: users.role, organisationId: users.organisationId, disabled: users.disabled })
      .from(users).where(inArray(users.id, wanted)).all();
    const allowed = new Set([...organisationIds, user.organisationId]);
    if (found.length !== wanted.length || found.some((p) => p.disabled || !allowed.has(p.organisationId))) {
      throw badRequest('Seules les personnes des structures partenaires (ou de la vôtre) peuvent être ajoutées au groupe du partenariat.', 'person_not_partner');
    }
    return found;
  }

  return {
    start(user: SessionUser, input: Input): PartnershipReply {
      requireMayStart(db, user, input.group);
      const condition = db.select().from(conditions).where(eq(conditions.code, input.condition)).get();
      if (!condition) throw badRequest('Cette maladie ou situation de santé n’est pas dans la liste de l’annuaire.', 'unknown_condition');
      const partners = partnersOf(user, input);
      const people = peopleOf(user, input, partners.map((p) => p.organisation.id));
      const own = db.select().from(organisations).where(eq(organisations.id, user.organisationId)).get()!;

      const title = `Convention de partenariat – ${condition.labelFr} (option ${input.option})`;
      const agreement = partnershipAgreementDoc(title, {
        option: input.option, condition: condition.labelFr,
        initiator: { name: own.name, kind: organisationWords(own.type) },
        partners: partners.map(({ organisation }) => ({ name: organisation.name, kind: organisationWords(organisation.type) })),
        programmes: partners.flatMap((p) => (p.programme ? [p.programme] : [])),
      }) as PmNode;
      const ydoc = new Y.Doc();
      replaceContent(ydoc, agreement);
      const state = Buffer.from(Y.encodeStateAsUpdate(ydoc));
      ydoc.destroy();

      const entries: ActivityEntry[] = [];
      const { groupId, documentId, added } = db.transaction((tx) => {
        let gid: string;
        if (input.group.kind === 'new') {
          gid = tx.insert(groups).values({
            name: input.group.name, visibility: 'private', openToAssociations: false, createdBy: user.id,
            description: `Partenariat de mutualisation (option ${input.option} du guide) : ${[own.name, ...partners.map((p) => p.organisation.name)].join(', ')}.`,
            themes: [condition.labelFr.slice(0, 60), 'Mutualisation'],
          }).returning({ id: groups.id }).get().id;
          tx.insert(groupMembers).values({ groupId: gid, userId: user.id, role: 'lead' }).run();
          entries.push(recordActivity(tx, { groupId: gid, userId: user.id, kind: 'group.created', subjectId: gid, subjectTitle: input.group.name }));
        } else {
          gid = input.group.groupId;
        }
        const already = new Set(tx.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, gid)).all().map((m) => m.id));
        const newcomers = people.filter((p) => !already.has(p.id));
        for (const person of newcomers) {
          // A private group takes association accounts as members (never as leads): groups.policy.
          tx.insert(groupMembers).values({ groupId: gid, userId: person.id, role: 'member' }).run();
          entries.push(recordActivity(tx, { groupId: gid, userId: user.id, kind: 'member.joined', subjectId: person.id, subjectTitle: person.name, detail: 'member' }));
        }
        const did = tx.insert(documents).values({ groupId: gid, title, kind: 'partnership_agreement', themes: [condition.labelFr.slice(0, 60)], createdBy: user.id })
          .returning({ id: documents.id }).get().id;
        // Written by the platform, not the person (userId null): no "edited" line for the template.
        tx.insert(documentUpdates).values({ documentId: did, data: state, userId: null }).run();
        putSearchText.run(did, title, plainText(agreement));
        entries.push(recordActivity(tx, { groupId: gid, userId: user.id, kind: 'document.created', subjectId: did, subjectTitle: title }));
        return { groupId: gid, documentId: did, added: newcomers };
      });

      if (input.group.kind === 'new') events.accessChanged(groupId, user.id);
      for (const person of added) {
        events.accessChanged(groupId, person.id);
        mail.added(groupId, person.id, 'member', user.name);
      }
      for (const entry of entries) announceActivity(app.io, groupId, entry);

      const withPeople = new Set(people.map((p) => p.organisationId));
      return {
        groupId, documentId,
        added: added.map(({ id, name }) => ({ id, name })),
        toInvite: partners.filter((p) => !withPeople.has(p.organisation.id))
          .map((p) => ({ name: p.organisation.name, contactName: p.contactName, contactEmail: p.contactEmail })),
      };
    },
  };
}
