import type { Condition, ProgrammePublic } from '../../../shared/programmes.schema';
import { BOM, csvCell, csvLine } from './csv';

/**
 * The open-data columns, one row a programme. `departement` is the code of its first site (the
 * column a spreadsheet filters on); `departements` lists every one when it runs in several.
 * Lists inside a cell are separated by " | ". The import reads the same columns back.
 */
export const CSV_COLUMNS = [
  'identifiant', 'titre', 'departement', 'departements', 'sites', 'maladies', 'codes_maladies', 'populations', 'adaptations',
  'structure_porteuse', 'partenaires', 'lieu', 'format', 'etat', 'date_declaration',
  'contact_nom', 'contact_email', 'contact_telephone', 'description', 'publie_le',
] as const;

export const LIST = ' | ';

export function programmesCsv(list: ProgrammePublic[], conditions: Condition[]): string {
  const label = new Map(conditions.map((c) => [c.code, c.labelFr]));
  const rows = list.map((p) => {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      identifiant: p.id,
      titre: p.title,
      departement: p.sites[0]?.departement ?? '',
      departements: [...new Set(p.sites.map((s) => s.departement))].join(LIST),
      sites: p.sites.map((s) => `${s.commune} (${s.departement})`).join(LIST),
      maladies: p.conditions.map((c) => label.get(c) ?? c).join(LIST),
      codes_maladies: p.conditions.join(LIST),
      populations: p.populations.join(LIST),
      adaptations: p.adaptations.join(LIST),
      structure_porteuse: p.holderName,
      partenaires: p.partners.map((x) => `${x.name} (${x.kind})`).join(LIST),
      lieu: p.setting,
      format: p.format,
      etat: p.state,
      date_declaration: p.declaredAt,
      contact_nom: p.contactName,
      contact_email: p.contactEmail,
      contact_telephone: p.contactPhone,
      description: p.publicDescription,
      publie_le: p.publishedAt.slice(0, 10),
    };
    // A phone number such as "+33 4 …" is checked to hold digits and signs only: never a formula.
    return csvLine(CSV_COLUMNS.map((c) => csvCell(cells[c], { formulaSafe: c !== 'contact_telephone' })));
  });
  return BOM + [csvLine([...CSV_COLUMNS]), ...rows].join('\r\n') + '\r\n';
}
