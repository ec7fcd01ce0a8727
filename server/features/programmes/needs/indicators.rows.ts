import { DEPARTEMENT_CODES } from '../../../../shared/departements';
import { NEEDS_LIMITS } from '../../../../shared/limits';
import { ALL_CONDITIONS, indicatorSlug, type ImportProblem } from '../../../../shared/programmes.needs.schema';
import { readCsv, readNumber } from './csv';

/** The columns of an indicators file, and the headers each accepts (French first, accents and case ignored). */
const COLUMNS = {
  departement: ['departement', 'code_departement', 'departement_code', 'dep', 'department'],
  condition: ['maladie', 'pathologie', 'condition', 'disease'],
  indicator: ['indicateur', 'indicator'],
  value: ['valeur', 'value'],
  year: ['annee', 'year'],
  source: ['source'],
} as const;
type Column = keyof typeof COLUMNS;
const COLUMN_NAMES: Record<Column, string> = {
  departement: 'département', condition: 'maladie', indicator: 'indicateur', value: 'valeur', year: 'année', source: 'source',
};

const ALL_WORDS = new Set(['*', 'toutes', 'tous', 'toutes_maladies', 'all', 'ensemble']);
const departements = new Set(DEPARTEMENT_CODES);

export interface IndicatorRow {
  line: number;
  departement: string;
  condition: string;
  indicator: string;
  label: string;
  value: number;
  year: number;
  source: string;
}

export interface ConditionRef { code: string; labelFr: string; labelEn: string }

/** "1" (a spreadsheet dropped the zero) → "01"; "2a" → "2A". */
function departementCode(raw: string): string | null {
  const trimmed = raw.trim().toUpperCase();
  const code = /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
  return departements.has(code) ? code : null;
}

/**
 * Reads an indicators CSV into rows, and every problem with its line and column: the whole file
 * is checked, so the person corrects everything at once. Nothing here writes.
 */
export function readIndicatorRows(csv: string, conditions: ConditionRef[], thisYear: number): { rows: IndicatorRow[]; problems: ImportProblem[]; count: number } {
  const problems: ImportProblem[] = [];
  const { records, truncated } = readCsv(csv, NEEDS_LIMITS.importRowsMax + 1);
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, column: null, message: 'Le fichier est vide.' }], count: 0 };
  if (truncated) problems.push({ line: 1, column: null, message: `Le fichier dépasse ${NEEDS_LIMITS.importRowsMax} lignes : découpez-le en plusieurs fichiers.` });

  const names = header.fields.map((f) => indicatorSlug(f));
  const at = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    at[column] = names.findIndex((n) => (COLUMNS[column] as readonly string[]).includes(n));
    if (at[column] < 0) problems.push({ line: 1, column: COLUMN_NAMES[column], message: `Colonne « ${COLUMN_NAMES[column]} » absente de la première ligne.` });
  }
  if (problems.length > 0) return { rows: [], problems, count: body.length };

  const byKey = new Map<string, string>();
  for (const c of conditions) {
    byKey.set(indicatorSlug(c.code), c.code);
    byKey.set(indicatorSlug(c.labelFr), c.code);
    byKey.set(indicatorSlug(c.labelEn), c.code);
  }
  const seen = new Map<string, number>();
  const rows: IndicatorRow[] = [];
  for (const record of body) {
    const cell = (column: Column) => (record.fields[at[column]] ?? '').trim();
    const problem = (column: Column, message: string) => problems.push({ line: record.line, column: COLUMN_NAMES[column], message });
    const before = problems.length;

    const departement = departementCode(cell('departement'));
    if (!departement) problem('departement', `« ${cell('departement').slice(0, 20)} » n’est pas un code de département (ex. 01, 69, 2A, 974).`);
    const conditionKey = indicatorSlug(cell('condition'));
    const condition = ALL_WORDS.has(conditionKey) || cell('condition') === ALL_CONDITIONS ? ALL_CONDITIONS : byKey.get(conditionKey);
    if (!condition) problem('condition', `Maladie « ${cell('condition').slice(0, 60)} » inconnue : utilisez un code ou un libellé de la liste des maladies, ou « toutes ».`);
    const label = cell('indicator').replace(/\s+/g, ' ');
    const indicator = indicatorSlug(label);
    if (!indicator) problem('indicator', 'Indicateur manquant.');
    else if (label.length > NEEDS_LIMITS.indicatorLabelMax) problem('indicator', `Nom d’indicateur trop long (${NEEDS_LIMITS.indicatorLabelMax} caractères au plus).`);
    const value = readNumber(cell('value'));
    if (value === null) problem('value', `« ${cell('value').slice(0, 20)} » n’est pas un nombre.`);
    else if (value < 0 || value > NEEDS_LIMITS.valueMax) problem('value', 'La valeur doit être positive et inférieure à un milliard.');
    const year = Number(cell('year'));
    if (!/^\d{4}$/.test(cell('year')) || year < 1990 || year > thisYear + 1) problem('year', `Année « ${cell('year').slice(0, 10)} » invalide (entre 1990 et ${thisYear + 1}).`);
    const source = cell('source').replace(/\s+/g, ' ');
    if (!source) problem('source', 'Source manquante : indiquez d’où vient le chiffre (ex. Assurance Maladie, cartographie des pathologies 2023).');
    else if (source.length > NEEDS_LIMITS.sourceMax) problem('source', `Source trop longue (${NEEDS_LIMITS.sourceMax} caractères au plus).`);

    if (problems.length > before) continue;
    const key = [departement, condition, indicator, year].join('|');
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line: record.line, column: null, message: `Même département, maladie, indicateur et année qu’à la ligne ${first}.` });
      continue;
    }
    seen.set(key, record.line);
    rows.push({ line: record.line, departement: departement!, condition: condition!, indicator, label, value: value!, year, source });
  }
  return { rows, problems, count: body.length };
}
