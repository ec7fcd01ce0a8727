/**
 * The kind of a structure as the agreement names it, in French like the agreement itself
 * (ORGANISATION_TYPES in shared/organisations.schema.ts; the interface's labels are in i18n).
 */
export const ORGANISATION_WORDS: Record<string, string> = {
  etablissement_sante: 'établissement de santé',
  msp_pole_sante: 'maison ou pôle de santé',
  professionnels_liberaux: 'professionnels de santé libéraux',
  association_patients: 'association de patients',
  ars: 'agence régionale de santé',
  assurance_maladie: 'Assurance maladie',
  universite_recherche: 'université, recherche',
  coordination_departementale: 'coordination départementale ETP',
  plateforme_etp: 'plateforme ETP',
};

export const organisationWords = (type: string): string => ORGANISATION_WORDS[type] ?? 'structure';
