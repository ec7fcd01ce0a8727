import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conditions, organisations, programmes } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { PROGRAMME_LIMITS } from '../../../shared/limits';
import type { ImportReport, ImportRow } from '../../../shared/programmes.replies.schema';
import { fold, type ProgrammeData } from '../../../shared/programmes.schema';
import type { OrganisationType } from '../../../shared/organisations.schema';
import { AppError, badRequest } from '../../core/errors';
import { parseCsv } from './csv';
import { readImportRow, type ImportLookups } from './import.row';
import { loadProgramme, publicVersionOf } from './programmes.read';
import { writeProgramme } from './programmes.service';
import { requireReviewer } from './programmes.policy';

interface Prepared {
  report: ImportReport;
  items: Array<{ data: ProgrammeData; holderName: string; newHolderType?: OrganisationType; departement: string }>;
}

/** The columns an ARS list must have; `sites` may replace `commune` and `departement`. */
const REQUIRED: Array<[string, (h: Set<string>) => boolean]> = [
  ['titre', (h) => h.has('titre')],
  ['structure_porteuse', (h) => h.has('structure_porteuse')],
  ['maladies', (h) => h.has('maladies') || h.has('codes_maladies')],
  ['commune et departement (ou sites)', (h) => h.has('sites') || (h.has('commune') && h.has('departement'))],
  ['lieu', (h) => h.has('lieu')],
  ['format', (h) => h.has('format')],
  ['date_declaration', (h) => h.has('date_declaration')],
];

const headerName = (cell: string) => fold(cell).replace(/[\s-]+/g, '_');

/** Reads the whole file and reports every row; writes nothing. */
export function prepareImport(db: Db, csv: string): Prepared {
  const parsed = parseCsv(csv, PROGRAMME_LIMITS.importRowsMax + 1);
  if (!parsed) throw badRequest(`Le fichier compte plus de ${PROGRAMME_LIMITS.importRowsMax} programmes : découpez-le en plusieurs fichiers.`, 'import_too_many');
  const [header, ...records] = parsed.records;
  const columns = (header?.cells ?? []).map(headerName);
  const present = new Set(columns);
  const missing = REQUIRED.filter(([, ok]) => !ok(present)).map(([name]) => name);
  if (missing.length) {
    throw badRequest(`Colonnes manquantes dans la première ligne : ${missing.join(', ')}. Le modèle à suivre est celui de /programmes.csv.`, 'import_columns');
  }
  if (!records.length) throw badRequest('Le fichier ne contient aucun programme sous sa ligne d’en-tête.', 'import_empty');

  const lookups: ImportLookups = {
    conditions: db.select().from(conditions).all().filter((c) => c.active),
    organisations: new Map(db.select({ id: organisations.id, name: organisations.name }).from(organisations).all().map((o) => [fold(o.name), o.id])),
    existing: new Set(db.select({ title: programmes.title, holder: programmes.holderOrganisationId }).from(programmes).all().map((p) => `${p.holder}\u0000${fold(p.title)}`)),
    seen: new Set(),
  };
  const rows: ImportRow[] = [];
  const items: Prepared['items'] = [];
  for (const record of records) {
    const cell = (name: string) => record.cells[columns.indexOf(name)] ?? '';
    const read = readImportRow(cell, present, lookups);
    rows.push({ line: record.line, title: cell('titre').trim(), holderName: read.holderName, newHolder: read.newHolderType !== undefined, departements: read.departements, errors: read.errors });
    if (!read.errors.length && read.data) items.push({ data: read.data, holderName: read.holderName, newHolderType: read.newHolderType, departement: read.departements[0] });
  }
  const invalid = rows.filter((r) => r.errors.length);
  // Rows that need correcting come first: they are what the person must act on.
  const reported = [...invalid, ...rows.filter((r) => !r.errors.length)].slice(0, PROGRAMME_LIMITS.importReportMax);
  return { report: { separator: parsed.separator, total: rows.length, valid: rows.length - invalid.length, invalid: invalid.length, rows: reported }, items };
}

/**
 * Writes the file once the person confirmed, all or nothing: the file is read again (the list
 * may have changed since the preview), and one wrong row means nothing is written. Imported
 * programmes are published at once: the coordinator who confirms is their reviewer.
 */
export function confirmImport(db: Db, user: SessionUser, csv: string, published: () => void) {
  requireReviewer(user);
  const { report, items } = prepareImport(db, csv);
  if (report.invalid) {
    throw new AppError(400, 'import_invalid', `${report.invalid} ligne(s) sur ${report.total} contiennent des erreurs : rien n’a été importé. Corrigez-les puis importez à nouveau.`,
      report.rows.filter((r) => r.errors.length).map((r) => ({ path: `ligne ${r.line}`, message: r.errors.join(' ') })));
  }
  const now = new Date();
  const result = db.transaction((tx) => {
    const created = new Map<string, string>();
    for (const item of items) {
      let holder = item.data.holderOrganisationId;
      if (!holder) {
        const key = fold(item.holderName);
        holder = created.get(key) ?? tx.insert(organisations).values({ name: item.holderName, type: item.newHolderType!, departement: item.departement })
          .returning({ id: organisations.id }).get().id;
        created.set(key, holder);
      }
      const id = tx.insert(programmes).values({
        title: item.data.title, holderOrganisationId: holder, setting: item.data.setting, format: item.data.format,
        declaredAt: item.data.declaredAt, reviewState: 'publie', reviewedBy: user.id, reviewedAt: now, createdBy: user.id,
        reviewNote: 'Importé depuis un fichier CSV.',
      }).returning({ id: programmes.id }).get().id;
      writeProgramme(tx, id, item.data);
      const snapshot = publicVersionOf(tx as unknown as Db, loadProgramme(tx as unknown as Db, id), now);
      tx.update(programmes).set({ publishedSnapshot: snapshot }).where(eq(programmes.id, id)).run();
    }
    return { created: items.length, organisationsCreated: created.size };
  });
  published();
  return result;
}
