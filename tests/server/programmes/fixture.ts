import type { ProgrammeInput } from '../../../shared/programmes.schema';

/** A plausible entry, as a holder would fill the form; each test changes what it is about. */
export const programmeInput = (overrides: Partial<ProgrammeInput> = {}): ProgrammeInput => ({
  title: 'Vivre avec un diabète de type 2',
  conditions: ['diabete_type_2'],
  populations: ['adultes'],
  adaptations: [],
  partners: [{ organisationId: null, name: 'Association des diabétiques du Rhône', kind: 'association' }],
  sites: [{ commune: 'Villeurbanne', departement: '69' }],
  setting: 'hopital',
  format: 'mixte',
  state: 'en_cours',
  declaredAt: '2022-03-15',
  contactName: 'Secrétariat ETP',
  contactEmail: 'etp@example.org',
  contactPhone: '04 72 00 00 00',
  publicDescription: 'Ateliers collectifs et entretiens individuels sur l’alimentation, l’activité physique et le traitement.',
  submit: true,
  ...overrides,
});
