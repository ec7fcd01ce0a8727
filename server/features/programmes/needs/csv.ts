/**
 * A small RFC 4180 reader for the spreadsheets coordinators export: a BOM, `;` (French
 * spreadsheets), `,` or tab between fields, quoted fields with doubled quotes and line breaks,
 * CRLF or LF. Returns each record with the line it starts on, so a report can point at it.
 */
export interface CsvRecord { line: number; fields: string[] }

export function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export function readCsv(text: string, maxRecords: number): { records: CsvRecord[]; truncated: boolean } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(source.slice(0, source.search(/\r?\n|$/)));
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record (spreadsheets often end with one or more).
    if (fields.length > 1 || fields[0].trim() !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line += 1; field += c; }
      continue;
    }
    if (c === '"' && field.trim() === '') { field = ''; quoted = true; }
    else if (c === delimiter) { fields.push(field); field = ''; }
    else if (c === '\r' && source[i + 1] === '\n') continue;
    else if (c === '\n' || c === '\r') {
      endRecord();
      line += 1;
      recordLine = line;
      if (records.length > maxRecords) return { records: records.slice(0, maxRecords), truncated: true };
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { records: records.slice(0, maxRecords), truncated: records.length > maxRecords };
}

/** "12 345,5", "12345.5", "1 000": a number as French or English spreadsheets write it, or null. */
export function readNumber(raw: string): number | null {
  const compact = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

