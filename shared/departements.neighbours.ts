/**
 * Départements that share a border, for the twelve départements of the demo region
 * (Auvergne-Rhône-Alpes). Partners across a border count as near: a programme in Saint-Étienne
 * (42) is a natural partner for a team in Lyon (69). Neighbours outside the region are listed too,
 * so a team near the region's edge still finds them; a département not listed gets its neighbours
 * by symmetry (Saône-et-Loire, 71, borders Ain, Allier, Loire and Rhône).
 */
export const DEPARTEMENT_NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  '01': ['38', '39', '69', '71', '73', '74'],
  '03': ['18', '23', '42', '58', '63', '71'],
  '07': ['26', '30', '38', '42', '43', '48', '84'],
  '15': ['12', '19', '43', '46', '48', '63'],
  '26': ['04', '05', '07', '38', '84'],
  '38': ['01', '05', '07', '26', '42', '69', '73'],
  '42': ['03', '07', '38', '43', '63', '69', '71'],
  '43': ['07', '15', '42', '48', '63'],
  '63': ['03', '15', '19', '23', '42', '43'],
  '69': ['01', '38', '42', '71'],
  '73': ['01', '05', '38', '74'],
  '74': ['01', '73'],
};

/** The départements bordering `code`, sorted; empty when none is known. */
export function neighboursOf(code: string): string[] {
  const listed = DEPARTEMENT_NEIGHBOURS[code] ?? [];
  const bySymmetry = Object.entries(DEPARTEMENT_NEIGHBOURS).filter(([, near]) => near.includes(code)).map(([c]) => c);
  return [...new Set([...listed, ...bySymmetry])].sort();
}
