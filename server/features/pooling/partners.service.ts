import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { organisations, programmes, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { neighboursOf } from '../../../shared/departements.neighbours';
import { POOLING_LIMITS } from '../../../shared/limits';
import { POOLING_OPTIONS } from '../../../shared/pooling.guide';
import type { PartnerProgramme, PartnerSideKind, PartnersQuery, PartnersReply, PartnerStructure, PoolingPerson } from '../../../shared/pooling.schema';
import { programmePublicSchema, type ProgrammePublic } from '../../../shared/programmes.schema';
import type { OrganisationType } from '../../../shared/organisations.schema';

/** Organisation types that are a hospital side or a ville side (primary care) of a partnership. */
const HOSPITAL_TYPES: OrganisationType[] = ['etablissement_sante'];
const VILLE_TYPES: OrganisationType[] = ['msp_pole_sante', 'professionnels_liberaux'];

/** The directory's structure kind decides; a holder of another type (platform, network) by where the programme runs. */
export function sideOf(organisationType: OrganisationType, setting: ProgrammePublic['setting']): PartnerSideKind {
  if (HOSPITAL_TYPES.includes(organisationType)) return 'hopital';
  if (VILLE_TYPES.includes(organisationType)) return 'ville';
  return setting === 'hopital' ? 'hopital' : 'ville';
}

/**
 * Accounts of these organisations, a few each: the people a partnership can add to its group.
 * Signed-in people already see every member in the members directory; nothing more is shown here.
 */
function peopleOf(db: Db, organisationIds: string[], except: string): Map<string, PoolingPerson[]> {
  const byOrganisation = new Map<string, PoolingPerson[]>();
  if (organisationIds.length === 0) return byOrganisation;
  const rows = db.select({ id: users.id, name: users.name, profession: users.profession, organisationId: users.organisationId }).from(users)
    .where(and(inArray(users.organisationId, organisationIds), eq(users.disabled, false), ne(users.id, except)))
    .orderBy(asc(users.name)).all();
  for (const { organisationId, ...person } of rows) {
    const list = byOrganisation.get(organisationId) ?? [];
    if (list.length < POOLING_LIMITS.peoplePerPartnerMax) list.push(person);
    byOrganisation.set(organisationId, list);
  }
  return byOrganisation;
}

/**
 * Partners for an option of the guide: published programmes of the directory on the disease in
 * the département or a neighbouring one (what visitors read, never a working copy), split
 * hospital / ville; and, when the option looks for a team without a programme on the theme
 * (2.2, 2.3, 4.3…), the structures of the platform there that have none yet but have people on
 * Maillage. The person's own organisation is left out: one does not partner with oneself.
 */
export function findPartners(db: Db, user: SessionUser, query: PartnersQuery): PartnersReply {
  const area = [query.departement, ...neighboursOf(query.departement)];
  const inArea = new Set(area);
  const rows = db.select({ id: programmes.id, snapshot: programmes.publishedSnapshot, organisationId: programmes.holderOrganisationId, type: organisations.type })
    .from(programmes).innerJoin(organisations, eq(organisations.id, programmes.holderOrganisationId))
    .where(isNotNull(programmes.publishedSnapshot)).all();

  const holdersOnTheme = new Set<string>();
  const found: Array<Omit<PartnerProgramme, 'people'>> = [];
  for (const row of rows) {
    const parsed = programmePublicSchema.safeParse(row.snapshot);
    if (!parsed.success) continue;
    const p = parsed.data;
    if (!p.conditions.includes(query.condition) || p.state === 'arrete') continue;
    if (!p.sites.some((s) => inArea.has(s.departement))) continue;
    holdersOnTheme.add(row.organisationId);
    if (row.organisationId === user.organisationId) continue;
    found.push({
      programmeId: row.id, title: p.title, organisationId: row.organisationId, holderName: p.holderName, side: sideOf(row.type, p.setting),
      sites: p.sites, sameDepartement: p.sites.some((s) => s.departement === query.departement),
      contactName: p.contactName, contactEmail: p.contactEmail, contactPhone: p.contactPhone,
    });
  }
  found.sort((a, b) => Number(b.sameDepartement) - Number(a.sameDepartement) || a.title.localeCompare(b.title, 'fr'));

  const option = POOLING_OPTIONS[query.option];
  // The members directory is for professionals (members.routes.ts): association accounts read the
  // programmes and their public contacts, never who works where.
  const seesPeople = user.role !== 'association';
  const structures = option.partnerProgramme === 'declared' || !seesPeople ? [] : db.select({ id: organisations.id, name: organisations.name, type: organisations.type, departement: organisations.departement })
    .from(organisations).where(and(inArray(organisations.type, [...HOSPITAL_TYPES, ...VILLE_TYPES]), inArray(organisations.departement, area), ne(organisations.id, user.organisationId)))
    .orderBy(asc(organisations.name)).all().filter((o) => !holdersOnTheme.has(o.id));

  const people = seesPeople ? peopleOf(db, [...new Set([...found.map((f) => f.organisationId), ...structures.map((s) => s.id)])], user.id) : new Map<string, PoolingPerson[]>();
  const max = POOLING_LIMITS.resultsMax;
  const programmesOf = (side: PartnerSideKind): PartnerProgramme[] =>
    found.filter((f) => f.side === side).slice(0, max).map((f) => ({ ...f, people: people.get(f.organisationId) ?? [] }));
  const structuresOf = (side: PartnerSideKind): PartnerStructure[] => structures
    .filter((s) => sideOf(s.type, 'ville') === side && (people.get(s.id)?.length ?? 0) > 0)
    .sort((a, b) => Number(b.departement === query.departement) - Number(a.departement === query.departement))
    .slice(0, max)
    .map((s) => ({ organisationId: s.id, name: s.name, side, departement: s.departement, sameDepartement: s.departement === query.departement, people: people.get(s.id)! }));

  return {
    departements: area,
    programmes: { hopital: programmesOf('hopital'), ville: programmesOf('ville') },
    structures: { hopital: structuresOf('hopital'), ville: structuresOf('ville') },
  };
}
