import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  documents, groups, organisations, programmeConditions, programmePartners, programmeSites, programmes, users,
} from '../../../db/schema/index';
import type { Programme, ProgrammeSummary } from '../../../shared/programmes.replies.schema';
import { programmePublicSchema, type ProgrammePublic } from '../../../shared/programmes.schema';
import { notFound } from '../../core/errors';

type Row = typeof programmes.$inferSelect;

/** The working copy with its holder, people, places and partners, as its writers see it. */
export function loadProgramme(db: Db, id: string): Programme {
  const row = db.select().from(programmes).where(eq(programmes.id, id)).get();
  if (!row) throw notFound('Ce programme');
  return present(db, row);
}

export function holderOf(db: Db, id: string): string {
  const row = db.select({ holder: programmes.holderOrganisationId }).from(programmes).where(eq(programmes.id, id)).get();
  if (!row) throw notFound('Ce programme');
  return row.holder;
}

function present(db: Db, row: Row): Programme {
  const holder = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.holderOrganisationId)).get();
  const coordinator = row.coordinatorUserId
    ? db.select({ name: users.name }).from(users).where(eq(users.id, row.coordinatorUserId)).get() : undefined;
  const reference = row.referenceDocumentId
    ? db.select({ id: documents.id, title: documents.title }).from(documents).where(eq(documents.id, row.referenceDocumentId)).get() : undefined;
  const group = row.groupId ? db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, row.groupId)).get() : undefined;
  const snapshot = row.publishedSnapshot ? programmePublicSchema.safeParse(row.publishedSnapshot) : null;
  return {
    id: row.id,
    title: row.title,
    conditions: db.select({ code: programmeConditions.conditionCode }).from(programmeConditions)
      .where(eq(programmeConditions.programmeId, row.id)).all().map((c) => c.code).sort(),
    populations: row.populations,
    adaptations: row.adaptations,
    holderOrganisationId: row.holderOrganisationId,
    holderName: holder?.name ?? '',
    coordinatorUserId: row.coordinatorUserId,
    coordinatorName: coordinator?.name ?? null,
    partners: db.select({ organisationId: programmePartners.organisationId, name: programmePartners.name, kind: programmePartners.kind })
      .from(programmePartners).where(eq(programmePartners.programmeId, row.id)).orderBy(asc(programmePartners.position)).all(),
    sites: db.select({ commune: programmeSites.commune, departement: programmeSites.departement }).from(programmeSites)
      .where(eq(programmeSites.programmeId, row.id)).orderBy(asc(programmeSites.position)).all(),
    setting: row.setting,
    format: row.format,
    state: row.state,
    declaredAt: row.declaredAt,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    publicDescription: row.publicDescription,
    referenceDocument: reference ?? null,
    group: group ?? null,
    reviewState: row.reviewState,
    reviewNote: row.reviewNote,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    publicVersion: snapshot?.success ? snapshot.data : null,
  };
}

/** Lists for the holders' and the coordination's pages: a line per programme. */
export function listSummaries(db: Db, filter: { holderOrganisationId?: string; reviewState?: string }): ProgrammeSummary[] {
  const rows = db.select({
    id: programmes.id, title: programmes.title, holderName: organisations.name, state: programmes.state,
    reviewState: programmes.reviewState, snapshot: programmes.publishedSnapshot, updatedAt: programmes.updatedAt,
    holderOrganisationId: programmes.holderOrganisationId,
  }).from(programmes).innerJoin(organisations, eq(organisations.id, programmes.holderOrganisationId))
    .orderBy(asc(programmes.title)).all()
    .filter((r) => (!filter.holderOrganisationId || r.holderOrganisationId === filter.holderOrganisationId)
      && (!filter.reviewState || r.reviewState === filter.reviewState));
  const ids = rows.map((r) => r.id);
  const sites = ids.length ? db.select({ programmeId: programmeSites.programmeId, departement: programmeSites.departement })
    .from(programmeSites).where(inArray(programmeSites.programmeId, ids)).all() : [];
  return rows.map((r) => ({
    id: r.id, title: r.title, holderName: r.holderName,
    departements: [...new Set(sites.filter((s) => s.programmeId === r.id).map((s) => s.departement))],
    state: r.state, reviewState: r.reviewState,
    published: r.snapshot !== null, updatedAt: r.updatedAt.toISOString(),
  }));
}

/**
 * The public version of a working copy, frozen when a coordinator validates it. Only what a
 * visitor needs: no coordinator account, no working group; the reference programme only when it
 * is in the public resource library.
 */
export function publicVersionOf(db: Db, p: Programme, now: Date): ProgrammePublic {
  const reference = p.referenceDocument
    ? db.select({ publishedVersion: documents.publishedVersion, deletedAt: documents.deletedAt }).from(documents).where(eq(documents.id, p.referenceDocument.id)).get() : undefined;
  const referencePublic = reference != null && reference.publishedVersion !== null && !reference.deletedAt;
  return {
    id: p.id, title: p.title, conditions: p.conditions, populations: p.populations, adaptations: p.adaptations,
    holderName: p.holderName, partners: p.partners.map(({ name, kind }) => ({ name, kind })), sites: p.sites,
    setting: p.setting, format: p.format, state: p.state, declaredAt: p.declaredAt,
    contactName: p.contactName, contactEmail: p.contactEmail, contactPhone: p.contactPhone,
    publicDescription: p.publicDescription,
    referenceDocument: referencePublic ? p.referenceDocument : null,
    publishedAt: now.toISOString(),
  };
}
