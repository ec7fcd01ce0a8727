import { ORGANISATION_TYPES, type OrganisationType } from '../../../shared/organisations.schema';
import {
  PARTNER_KINDS, PROGRAMME_ADAPTATIONS, PROGRAMME_FORMATS, PROGRAMME_POPULATIONS, PROGRAMME_SETTINGS, PROGRAMME_STATES, fold,
} from '../../../shared/programmes.schema';

// Reading the cells of an imported list: codes as Maillage writes them, or the words people type
// in the lists the ARS keep ("Hôpital", "à distance", "Enfants et familles").

const words = <T extends string>(codes: readonly T[], synonyms: Record<string, T>): Map<string, T> =>
  new Map<string, T>([...codes.flatMap((c) => [[c, c], [fold(c.replaceAll('_', ' ')), c]] as Array<[string, T]>), ...Object.entries(synonyms).map(([w, c]) => [fold(w), c] as [string, T])]);

const SETTINGS = words(PROGRAMME_SETTINGS, { hôpital: 'hopital', 'à l’hôpital': 'hopital', 'établissement de santé': 'hopital', 'en ville': 'ville', 'ville et hôpital': 'mixte', 'ville-hôpital': 'mixte', 'à distance': 'distance', distanciel: 'distance' });
const FORMATS = words(PROGRAMME_FORMATS, { individuelle: 'individuel', collective: 'collectif', 'individuel et collectif': 'mixte' });
const STATES = words(PROGRAMME_STATES, { 'en cours': 'en_cours', actif: 'en_cours', arrêté: 'arrete', terminé: 'arrete', suspendue: 'suspendu' });
const POPULATIONS = words(PROGRAMME_POPULATIONS, {
  adulte: 'adultes', enfants: 'enfants_familles', 'enfants et familles': 'enfants_familles', 'personnes âgées': 'personnes_agees',
  'faible littératie': 'litteratie', littératie: 'litteratie', 'non francophones': 'non_francophones', 'situation de handicap': 'handicap',
  précarité: 'precarite',
});
const ADAPTATIONS = words(PROGRAMME_ADAPTATIONS, { 'facile à lire et à comprendre': 'falc', interprétariat: 'interpretariat', 'séances à distance': 'distanciel', 'à distance': 'distanciel' });
const PARTNERS = words(PARTNER_KINDS, { hôpital: 'hopital', 'établissement de santé': 'hopital', 'maison de santé': 'msp', libéraux: 'liberal', libéral: 'liberal', 'professionnels libéraux': 'liberal' });
const ORG_TYPES = words(ORGANISATION_TYPES, {
  'établissement de santé': 'etablissement_sante', hôpital: 'etablissement_sante', msp: 'msp_pole_sante', 'maison de santé': 'msp_pole_sante',
  'pôle de santé': 'msp_pole_sante', libéraux: 'professionnels_liberaux', 'professionnels libéraux': 'professionnels_liberaux',
  association: 'association_patients', 'association de patients': 'association_patients', réseau: 'etablissement_sante',
});

export const readSetting = (v: string) => SETTINGS.get(fold(v));
export const readFormat = (v: string) => FORMATS.get(fold(v));
export const readState = (v: string) => (v.trim() === '' ? 'en_cours' : STATES.get(fold(v)));
export const readPopulation = (v: string) => POPULATIONS.get(fold(v));
export const readAdaptation = (v: string) => ADAPTATIONS.get(fold(v));
export const readPartnerKind = (v: string) => PARTNERS.get(fold(v));
export const readOrganisationType = (v: string): OrganisationType | undefined => ORG_TYPES.get(fold(v));

/** "a | b", and for codes and labels "a, b" too. */
export const splitList = (v: string, commas = true): string[] =>
  v.split(commas ? /[|,]/ : /\|/).map((x) => x.trim()).filter(Boolean);

/** Spreadsheets drop the leading zero of "01": a one-digit département gets it back. */
export const readDepartement = (v: string): string => {
  const code = v.trim().toUpperCase();
  return /^\d$/.test(code) ? `0${code}` : code;
};

/** "Lyon (69)" → commune and département. */
export function readSite(v: string): { commune: string; departement: string } | null {
  const m = /^(.+?)\s*\(\s*([0-9AB]{1,3})\s*\)$/i.exec(v.trim());
  return m ? { commune: m[1].trim(), departement: readDepartement(m[2]) } : null;
}

/** "Association X (association)" → name and kind; without a kind, "autre". */
export function readPartner(v: string): { name: string; kind: string | undefined } {
  const m = /^(.+?)\s*\(([^()]+)\)$/.exec(v.trim());
  return m ? { name: m[1].trim(), kind: readPartnerKind(m[2]) } : { name: v.trim(), kind: 'autre' };
}

/** 2021-03-15, 15/03/2021 or 15/3/2021 (as a French spreadsheet shows it) → ISO. */
export function readDate(v: string): string {
  const t = v.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  return fr ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` : t;
}

/** A cell our export protected from formulas ("'=…") reads back as it was written. */
export const unprotect = (v: string): string => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);
