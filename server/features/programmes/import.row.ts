import { DEPARTEMENT_CODES } from '../../../shared/departements';
import { fold, programmeInputSchema, type Condition, type ProgrammeData } from '../../../shared/programmes.schema';
import type { OrganisationType } from '../../../shared/organisations.schema';
import {
  readAdaptation, readDate, readDepartement, readFormat, readOrganisationType, readPartner, readPopulation, readSetting, readSite,
  readState, splitList, unprotect,
} from './import.values';

export interface ImportLookups {
  conditions: Condition[];
  /** Folded organisation name → id. */
  organisations: Map<string, string>;
  /** "holderId\0folded title" of programmes already in Maillage. */
  existing: Set<string>;
  /** The same, for rows read so far in this file (new holders by folded name). */
  seen: Set<string>;
}

export interface ReadRow {
  data?: ProgrammeData;
  holderName: string;
  /** Set when the holder is unknown and will be created with this type. */
  newHolderType?: OrganisationType;
  departements: string[];
  errors: string[];
}

/** The column a person fixes for each field of the entry. */
const COLUMN: Record<string, string> = {
  title: 'titre', conditions: 'maladies', populations: 'populations', adaptations: 'adaptations', partners: 'partenaires',
  sites: 'sites', setting: 'lieu', format: 'format', state: 'etat', declaredAt: 'date_declaration', contactName: 'contact_nom',
  contactEmail: 'contact_email', contactPhone: 'contact_telephone', publicDescription: 'description',
};

const knownDepartements = new Set(DEPARTEMENT_CODES);

/** One row of an imported list, read into an entry, with what is wrong in words a person can act on. */
export function readImportRow(raw: (name: string) => string, present: Set<string>, lookups: ImportLookups): ReadRow {
  const cell = (name: string) => unprotect(raw(name)).trim();
  const errors: string[] = [];
  const unknown = (column: string, value: string) => errors.push(`${column} : « ${value} » n’est pas reconnu.`);

  const holderName = cell('structure_porteuse');
  const holderId = lookups.organisations.get(fold(holderName));
  let newHolderType: OrganisationType | undefined;
  if (!holderName) errors.push('structure_porteuse : indiquez la structure qui porte le programme.');
  else if (!holderId) {
    newHolderType = readOrganisationType(cell('type_structure'));
    if (!newHolderType) errors.push(`structure_porteuse : « ${holderName} » n’est pas encore dans Maillage ; indiquez son type dans la colonne type_structure (établissement de santé, MSP, professionnels libéraux, association…) pour la créer.`);
  }

  const byLabel = new Map(lookups.conditions.flatMap((c) => [[c.code, c.code], [fold(c.labelFr), c.code], [fold(c.labelEn), c.code]]));
  const conditionCells = present.has('codes_maladies') && cell('codes_maladies') ? cell('codes_maladies') : cell('maladies');
  const conditions = splitList(conditionCells).flatMap((v) => {
    const code = byLabel.get(v) ?? byLabel.get(fold(v));
    if (!code) unknown('maladies', v);
    return code ? [code] : [];
  });

  const sites = present.has('sites') && cell('sites')
    ? splitList(cell('sites')).flatMap((v) => {
      const site = readSite(v);
      if (!site) errors.push(`sites : « ${v} » doit s’écrire « Commune (département) », par exemple « Vienne (38) ».`);
      return site ? [site] : [];
    })
    : cell('commune') || cell('departement') ? [{ commune: cell('commune'), departement: readDepartement(cell('departement')) }] : [];
  for (const s of sites) if (!knownDepartements.has(s.departement)) unknown('departement', s.departement);

  const listOf = (column: string, reader: (v: string) => string | undefined) => splitList(cell(column)).flatMap((v) => {
    const code = reader(v);
    if (!code) unknown(column, v);
    return code ? [code] : [];
  });
  const partners = splitList(cell('partenaires'), false).map((v) => {
    const p = readPartner(v);
    if (!p.kind) errors.push(`partenaires : le type de « ${v} » n’est pas reconnu (hôpital, MSP, libéral, association, autre).`);
    return { organisationId: lookups.organisations.get(fold(p.name)) ?? null, name: p.name, kind: p.kind ?? 'autre' };
  });
  const pick = (column: string, reader: (v: string) => string | undefined) => {
    const v = cell(column);
    const code = reader(v);
    if (!code && v) unknown(column, v);
    return code ?? v;
  };

  if (!cell('date_declaration')) errors.push('date_declaration : indiquez la date de déclaration à l’ARS (ex. 15/03/2021).');
  const parsed = programmeInputSchema.safeParse({
    title: cell('titre'), conditions, sites, partners,
    populations: listOf('populations', readPopulation), adaptations: listOf('adaptations', readAdaptation),
    setting: pick('lieu', readSetting), format: pick('format', readFormat), state: pick('etat', readState),
    declaredAt: readDate(cell('date_declaration')),
    contactName: cell('contact_nom'), contactEmail: cell('contact_email'), contactPhone: cell('contact_telephone'),
    publicDescription: cell('description'), holderOrganisationId: holderId, submit: false,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = COLUMN[String(issue.path[0])] ?? String(issue.path[0]);
      // A value already reported as unknown is not reported twice.
      if (!errors.some((e) => e.startsWith(`${column} :`))) errors.push(`${column} : ${issue.message}`);
    }
  }
  const key = `${holderId ?? fold(holderName)}\u0000${fold(cell('titre'))}`;
  if (holderName && cell('titre')) {
    if (holderId && lookups.existing.has(key)) errors.push('Ce programme est déjà dans l’annuaire (même titre, même structure porteuse).');
    else if (lookups.seen.has(key)) errors.push('Ce programme figure deux fois dans le fichier (même titre, même structure porteuse).');
    lookups.seen.add(key);
  }
  return {
    data: parsed.success ? parsed.data : undefined, holderName, newHolderType,
    departements: [...new Set(sites.map((s) => s.departement))], errors,
  };
}
