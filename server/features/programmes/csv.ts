/**
 * CSV as spreadsheets write and read it (RFC 4180): quoted fields may hold the separator, quotes
 * and line breaks. We write `;` (the list separator of French spreadsheets, which use the comma for
 * decimals), CRLF, UTF-8 with a BOM so that a double-click opens it in columns with its accents.
 */
export const BOM = '\uFEFF';
export const SEPARATOR = ';';

// A cell starting with one of these is a formula to a spreadsheet: a leading quote keeps it text.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: string, { formulaSafe = true } = {}): string {
  const text = formulaSafe && FORMULA.test(value) ? `'${value}` : value;
  return /[";\r\n,]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: string[]): string => cells.join(SEPARATOR);

export interface ParsedCsv {
  separator: ';' | ',';
  /** Each record with the line of the file it starts on (1 = the header). */
  records: Array<{ line: number; cells: string[] }>;
}

/** The separator is the one the header uses: `;` if it has any outside quotes, else `,`. */
function detectSeparator(text: string): ';' | ',' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.replace(/"[^"]*"/g, '').includes(';') ? ';' : ',';
}

/** Reads at most `maxRecords` records (header included); `null` once the file has more. */
export function parseCsv(input: string, maxRecords: number): ParsedCsv | null {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: ParsedCsv['records'] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(cell);
    // Blank lines (a trailing newline, spacing rows) are not records.
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; cell += c; }
      continue;
    }
    if (c === '"' && cell.trim() === '') { quoted = true; cell = ''; }
    else if (c === separator) { cells.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      if (records.length > maxRecords) return null;
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) endRecord();
  if (records.length > maxRecords) return null;
  return { separator, records };
}
