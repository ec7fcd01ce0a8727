import { BOM, csvCell, csvLine } from '../programmes/csv';
import type { Synthesis } from '../../../shared/structure-needs.synthesis';

/** Organisation kinds as column headers; the client words them from i18n, a spreadsheet cannot. */
const KIND_LABELS: Record<string, string> = {
  etablissement_sante: 'Établissement de santé', msp_pole_sante: 'MSP / pôle de santé', centre_sante: 'Centre de santé',
  professionnels_liberaux: 'Professionnels libéraux', association_patients: 'Association de patients', ars: 'ARS',
  assurance_maladie: 'Assurance maladie', universite_recherche: 'Université / recherche',
  coordination_departementale: 'Coordination départementale', plateforme_etp: 'Plateforme ETP',
};

/**
 * The synthesis as the directory writes its CSV (UTF-8 with BOM, `;`, CRLF): one row per answer
 * offered with its count in all, per département and per kind of structure; a "Moyenne" row for
 * scales; free texts one per row with their structure in the last column.
 */
export function synthesisCsv(s: Synthesis): string {
  const deps = Object.keys(s.respondentsByDepartement).sort();
  const kinds = Object.keys(s.respondentsByKind).sort();
  const header = ['Section', 'Question', 'Réponse', 'Ensemble', ...deps.map((d) => `Département ${d}`), ...kinds.map((k) => KIND_LABELS[k] ?? k), 'Structure'];
  const lines = [csvLine(header.map((h) => csvCell(h))), csvLine(['Structures répondantes', '', '', String(s.respondents), ...deps.map((d) => String(s.respondentsByDepartement[d])), ...kinds.map((k) => String(s.respondentsByKind[k])), ''].map((c) => csvCell(c)))];
  const number = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));
  for (const q of s.questions) {
    const row = (answer: string, total: string, byDep: (d: string) => string, byKind: (k: string) => string, structure = '') =>
      lines.push(csvLine([q.sectionTitle, q.label, answer, total, ...deps.map(byDep), ...kinds.map(byKind), structure].map((c) => csvCell(c))));
    for (const c of q.counts) row(c.label, String(c.total), (d) => String(c.byDepartement[d] ?? 0), (k) => String(c.byKind[k] ?? 0));
    if (q.kind === 'scale') row('Moyenne', number(q.average ?? undefined), (d) => number(q.averageByDepartement[d]), (k) => number(q.averageByKind[k]));
    for (const t of q.texts) row(t.text, '', () => '', () => '', t.organisationName);
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
