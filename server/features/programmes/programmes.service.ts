import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { programmeConditions, programmePartners, programmeSites, programmes } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { Programme, ReviewInput } from '../../../shared/programmes.replies.schema';
import type { ProgrammeData, ProgrammePublic } from '../../../shared/programmes.schema';
import { conflict } from '../../core/errors';
import { holderOf, loadProgramme, publicVersionOf } from './programmes.read';
import { checkReferences } from './programmes.references';
import { requireProgrammeCreator, requireProgrammeWriter, requireReviewer } from './programmes.policy';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The working copy's columns and child rows from a validated entry; the caller holds the transaction. */
export function writeProgramme(tx: Tx, id: string, data: ProgrammeData): void {
  tx.update(programmes).set({
    title: data.title, coordinatorUserId: data.coordinatorUserId, setting: data.setting, format: data.format,
    state: data.state, declaredAt: data.declaredAt, populations: data.populations, adaptations: data.adaptations,
    contactName: data.contactName, contactEmail: data.contactEmail, contactPhone: data.contactPhone,
    publicDescription: data.publicDescription, referenceDocumentId: data.referenceDocumentId, groupId: data.groupId,
    updatedAt: new Date(),
  }).where(eq(programmes.id, id)).run();
  tx.delete(programmeConditions).where(eq(programmeConditions.programmeId, id)).run();
  tx.delete(programmeSites).where(eq(programmeSites.programmeId, id)).run();
  tx.delete(programmePartners).where(eq(programmePartners.programmeId, id)).run();
  for (const code of data.conditions) tx.insert(programmeConditions).values({ programmeId: id, conditionCode: code }).run();
  data.sites.forEach((s, position) => tx.insert(programmeSites).values({ programmeId: id, ...s, position }).run());
  data.partners.forEach((p, position) => tx.insert(programmePartners).values({ programmeId: id, ...p, position }).run());
}

/**
 * Holders write, coordinators review. Saving changes only the working copy: the public keeps the
 * last validated version until a coordinator accepts the change. `published` is told when the
 * public version changed, so the directory and its open data are rebuilt.
 */
export function programmesService(db: Db, published: () => void) {
  return {
    create(user: SessionUser, data: ProgrammeData): Programme {
      const holder = data.holderOrganisationId ?? user.organisationId;
      requireProgrammeCreator(user, holder);
      checkReferences(db, user, holder, data);
      const id = db.transaction((tx) => {
        const row = tx.insert(programmes).values({
          title: data.title, holderOrganisationId: holder, setting: data.setting, format: data.format, declaredAt: data.declaredAt,
          reviewState: data.submit ? 'a_valider' : 'brouillon', createdBy: user.id,
        }).returning({ id: programmes.id }).get();
        writeProgramme(tx, row.id, data);
        return row.id;
      });
      return loadProgramme(db, id);
    },

    get(user: SessionUser, id: string): Programme {
      requireProgrammeWriter(user, holderOf(db, id));
      return loadProgramme(db, id);
    },

    update(user: SessionUser, id: string, data: ProgrammeData): Programme {
      const before = loadProgramme(db, id);
      requireProgrammeWriter(user, before.holderOrganisationId);
      // Moving a programme to another holder is the coordination's decision.
      const holder = user.role === 'coordinator' && data.holderOrganisationId ? data.holderOrganisationId : before.holderOrganisationId;
      checkReferences(db, user, holder, data, before.conditions);
      db.transaction((tx) => {
        writeProgramme(tx, id, data);
        tx.update(programmes).set({ holderOrganisationId: holder, reviewState: data.submit ? 'a_valider' : 'brouillon' })
          .where(eq(programmes.id, id)).run();
      });
      return loadProgramme(db, id);
    },

    /** Accepting freezes the working copy as the public version; refusing keeps the public one as it was. */
    review(user: SessionUser, id: string, input: ReviewInput & { note: string }): Programme {
      requireReviewer(user);
      const current = loadProgramme(db, id);
      if (current.reviewState !== 'a_valider') throw conflict('Ce programme n’attend pas de validation : il a peut-être déjà été traité.', 'not_pending');
      if (input.updatedAt && input.updatedAt !== current.updatedAt) {
        throw conflict('Le programme a été modifié depuis que vous l’avez ouvert : relisez la nouvelle version avant de décider.', 'changed_since');
      }
      const now = new Date();
      const decided = { reviewNote: input.note, reviewedBy: user.id, reviewedAt: now };
      if (input.decision === 'accept') {
        const snapshot: ProgrammePublic = publicVersionOf(db, current, now);
        db.update(programmes).set({ ...decided, reviewState: 'publie', publishedSnapshot: snapshot }).where(eq(programmes.id, id)).run();
        published();
      } else {
        db.update(programmes).set({ ...decided, reviewState: 'refuse' }).where(eq(programmes.id, id)).run();
      }
      return loadProgramme(db, id);
    },
  };
}
