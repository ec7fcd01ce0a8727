import { z } from 'zod';

/**
 * The pooling guide of the regional ETP platform (seeds/001, "MA SITUATION → MES OPTIONS"): five
 * situations, each leading to its options. The words live in the client's i18n (pooling.json,
 * under the ids below); this file holds what the words must agree with: who declares to the
 * ARS, who coordinates, who funds, what is shared, whom to look for. The partnership agreement
 * (server) is filled from the same structure, so the guide and the agreement cannot drift apart.
 * Since 2021 (décret n° 2020-1832) programmes are declared to the ARS, no longer authorised.
 */

export const SITUATION_IDS = ['1', '2', '3', '4', '5'] as const;
export type SituationId = (typeof SITUATION_IDS)[number];
export const OPTION_IDS = ['1.1', '1.2', '2.1', '2.2', '2.3', '2.4', '3.1', '4.1', '4.2', '4.3', '5.1', '5.2', '5.3'] as const;
export type OptionId = (typeof OPTION_IDS)[number];

/** Who takes a responsibility: the person who starts (initiator), the partner, each for itself, both together, or it depends on the pooling chosen later. */
export const PARTIES = ['initiator', 'partner', 'each', 'together', 'depends'] as const;
export type Party = (typeof PARTIES)[number];
/** What the partners put in common. */
export const SHARED_THINGS = ['contents', 'tools', 'evaluation', 'quality', 'experience', 'pathway', 'indicators'] as const;
export type SharedThing = (typeof SHARED_THINGS)[number];
/** What must be told to the ARS. */
export const ARS_STEPS = ['modification', 'partnerDeclares', 'nothingNew', 'newDeclaration', 'depends'] as const;
export type ArsStep = (typeof ARS_STEPS)[number];
/** Where the partners sought usually work: hospital, ville (primary care, libéraux) or both. */
export type PartnerSide = 'hopital' | 'ville' | 'both';

export interface PoolingOption {
  id: OptionId;
  situation: SituationId;
  seeks: PartnerSide;
  /** Whether the partner sought already runs a declared programme on the theme (2.1), has none yet (2.2) or either. */
  partnerProgramme: 'declared' | 'none' | 'any';
  declaration: Party;
  coordination: Party;
  funding: Party;
  shared: readonly SharedThing[];
  ars: ArsStep;
}

export interface PoolingSituation {
  id: SituationId;
  /** Where the person works: what "find partners" looks for on the other side. */
  setting: 'hopital' | 'ville' | 'any';
  options: readonly OptionId[];
}

const o = (id: OptionId, rest: Omit<PoolingOption, 'id' | 'situation'>): PoolingOption => ({ id, situation: id.split('.')[0] as SituationId, ...rest });

export const POOLING_OPTIONS: Readonly<Record<OptionId, PoolingOption>> = {
  '1.1': o('1.1', { seeks: 'ville', partnerProgramme: 'none', declaration: 'initiator', coordination: 'together', funding: 'together', shared: ['contents', 'tools', 'quality', 'evaluation'], ars: 'modification' }),
  '1.2': o('1.2', { seeks: 'ville', partnerProgramme: 'none', declaration: 'partner', coordination: 'partner', funding: 'partner', shared: ['experience', 'contents', 'tools', 'pathway'], ars: 'partnerDeclares' }),
  '2.1': o('2.1', { seeks: 'hopital', partnerProgramme: 'declared', declaration: 'each', coordination: 'each', funding: 'each', shared: ['contents', 'tools', 'pathway'], ars: 'nothingNew' }),
  '2.2': o('2.2', { seeks: 'hopital', partnerProgramme: 'none', declaration: 'initiator', coordination: 'together', funding: 'each', shared: ['contents', 'tools', 'indicators'], ars: 'modification' }),
  '2.3': o('2.3', { seeks: 'hopital', partnerProgramme: 'none', declaration: 'partner', coordination: 'each', funding: 'each', shared: ['contents', 'tools'], ars: 'partnerDeclares' }),
  '2.4': o('2.4', { seeks: 'ville', partnerProgramme: 'any', declaration: 'partner', coordination: 'partner', funding: 'partner', shared: ['experience', 'contents', 'tools'], ars: 'partnerDeclares' }),
  '3.1': o('3.1', { seeks: 'ville', partnerProgramme: 'any', declaration: 'partner', coordination: 'partner', funding: 'partner', shared: ['experience', 'contents', 'tools'], ars: 'partnerDeclares' }),
  '4.1': o('4.1', { seeks: 'both', partnerProgramme: 'declared', declaration: 'initiator', coordination: 'initiator', funding: 'initiator', shared: [], ars: 'newDeclaration' }),
  '4.2': o('4.2', { seeks: 'both', partnerProgramme: 'declared', declaration: 'depends', coordination: 'depends', funding: 'depends', shared: ['contents', 'tools', 'pathway'], ars: 'depends' }),
  '4.3': o('4.3', { seeks: 'both', partnerProgramme: 'none', declaration: 'together', coordination: 'together', funding: 'each', shared: ['contents', 'tools', 'evaluation', 'quality'], ars: 'newDeclaration' }),
  '5.1': o('5.1', { seeks: 'both', partnerProgramme: 'declared', declaration: 'initiator', coordination: 'initiator', funding: 'initiator', shared: [], ars: 'newDeclaration' }),
  '5.2': o('5.2', { seeks: 'both', partnerProgramme: 'declared', declaration: 'depends', coordination: 'depends', funding: 'depends', shared: ['contents', 'tools', 'pathway'], ars: 'depends' }),
  '5.3': o('5.3', { seeks: 'both', partnerProgramme: 'none', declaration: 'together', coordination: 'together', funding: 'each', shared: ['contents', 'tools', 'evaluation', 'quality'], ars: 'newDeclaration' }),
};

export const POOLING_SITUATIONS: Readonly<Record<SituationId, PoolingSituation>> = {
  1: { id: '1', setting: 'hopital', options: ['1.1', '1.2'] },
  2: { id: '2', setting: 'ville', options: ['2.1', '2.2', '2.3', '2.4'] },
  3: { id: '3', setting: 'any', options: ['3.1'] },
  4: { id: '4', setting: 'hopital', options: ['4.1', '4.2', '4.3'] },
  5: { id: '5', setting: 'ville', options: ['5.1', '5.2', '5.3'] },
};

/** The benefits of pooling (seeds/001), as i18n keys under pooling.benefits.patients / .teams. */
export const PATIENT_BENEFITS = ['clarity', 'readability', 'continuity', 'acceptability'] as const;
export const TEAM_BENEFITS = ['pathway', 'continuity', 'lighterCoordination', 'directFunding', 'financialStakes', 'expertise'] as const;

/** i18n key of an option ("2.2" → "o2_2"): dots would be read as paths by vue-i18n. */
export const optionKey = (id: OptionId): string => `o${id.replace('.', '_')}`;

export const optionIdSchema = z.enum(OPTION_IDS, { error: 'Option de mutualisation inconnue (de 1.1 à 5.3).' });
