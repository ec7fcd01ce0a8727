import { z } from 'zod';
import { emailSchema } from './auth.schema';
import { departementSchema } from './departements';
import { PROGRAMME_LIMITS as L } from './limits';

// The directory of ETP programmes declared to the ARS: what holders write, what coordinators
// review, what the public reads. Codes are French words; labels come from i18n (programmes.json).

export const PROGRAMME_SETTINGS = ['hopital', 'ville', 'mixte', 'distance'] as const;
export const PROGRAMME_FORMATS = ['individuel', 'collectif', 'mixte'] as const;
export const PROGRAMME_STATES = ['en_cours', 'suspendu', 'arrete'] as const;
export const REVIEW_STATES = ['brouillon', 'a_valider', 'publie', 'refuse'] as const;
export const PROGRAMME_POPULATIONS = ['adultes', 'enfants_familles', 'personnes_agees', 'litteratie', 'non_francophones', 'handicap', 'precarite'] as const;
/** Populations that call for an adapted programme (the "personnes vulnérables" of the coordination's missions). */
export const VULNERABLE_POPULATIONS = ['litteratie', 'non_francophones', 'handicap', 'precarite'] as const;
export const PROGRAMME_ADAPTATIONS = ['falc', 'interpretariat', 'distanciel', 'autre'] as const;
export const PARTNER_KINDS = ['hopital', 'msp', 'liberal', 'association', 'autre'] as const;

export const settingSchema = z.enum(PROGRAMME_SETTINGS);
export const formatSchema = z.enum(PROGRAMME_FORMATS);
export const stateSchema = z.enum(PROGRAMME_STATES);
export const reviewStateSchema = z.enum(REVIEW_STATES);
export const populationSchema = z.enum(PROGRAMME_POPULATIONS);
export const adaptationSchema = z.enum(PROGRAMME_ADAPTATIONS);
export const partnerKindSchema = z.enum(PARTNER_KINDS);
export type ProgrammeSetting = z.infer<typeof settingSchema>;
export type ReviewState = z.infer<typeof reviewStateSchema>;

/**
 * The managed list starts with these; coordinators add others and retire them. Inserted at start
 * when missing (never overwritten), so a fresh platform has a list to choose from.
 */
export const DEFAULT_CONDITIONS: ReadonlyArray<readonly [code: string, fr: string, en: string]> = [
  ['diabete_type_2', 'Diabète de type 2', 'Type 2 diabetes'],
  ['diabete_type_1', 'Diabète de type 1', 'Type 1 diabetes'],
  ['lombalgie_chronique', 'Lombalgie chronique', 'Chronic low-back pain'],
  ['insuffisance_cardiaque', 'Insuffisance cardiaque', 'Heart failure'],
  ['bpco', 'BPCO', 'COPD'],
  ['asthme', 'Asthme', 'Asthma'],
  ['obesite', 'Obésité', 'Obesity'],
  ['vih', 'VIH', 'HIV'],
  ['maladies_rares', 'Maladies rares', 'Rare diseases'],
  ['cancer', 'Cancer', 'Cancer'],
  ['polyarthrite', 'Polyarthrite rhumatoïde', 'Rheumatoid arthritis'],
  ['maladies_cardiovasculaires', 'Maladies cardiovasculaires', 'Cardiovascular diseases'],
  ['insuffisance_renale', 'Insuffisance rénale chronique', 'Chronic kidney disease'],
  ['avc', 'AVC', 'Stroke'],
  ['epilepsie', 'Épilepsie', 'Epilepsy'],
  ['sante_mentale', 'Santé mentale', 'Mental health'],
];

/** Lower case, without accents or extra spaces: how words are compared in searches and imports. */
export const fold = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’']/g, ' ').replace(/\s+/g, ' ').trim();

const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Cette date n’existe pas.');
/** ETP programmes exist in law since 2009 (loi HPST); a declaration is never in the future. */
export const declarationDateSchema = isoDate
  .refine((d) => d >= '2009-07-21', 'Les programmes d’ETP existent depuis juillet 2009 (loi HPST) : vérifiez la date.')
  .refine((d) => d <= new Date().toISOString().slice(0, 10), 'La date de déclaration ne peut pas être dans le futur.');

const line = (max: number) => z.string().trim().max(max);
const conditionCode = z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/, 'Code de maladie invalide.');
const id = z.string().min(1).max(64);

export const siteSchema = z.object({ commune: line(L.communeMax).min(1, 'Indiquez la commune.'), departement: departementSchema });
export const partnerInputSchema = z.object({ organisationId: id.nullable().default(null), name: line(L.partnerNameMax).min(1), kind: partnerKindSchema });
export const partnerSchema = z.object({ organisationId: z.string().nullable(), name: z.string(), kind: partnerKindSchema });

const unique = <T extends z.ZodType<string>>(item: T, max: number) =>
  z.array(item).max(max).transform((list) => [...new Set(list)]);

/** What a holder writes (create and save). `submit` sends it to the coordination for review. */
export const programmeInputSchema = z.object({
  title: line(L.titleMax).min(3, 'Le titre doit compter au moins 3 caractères.'),
  conditions: unique(conditionCode, L.conditionsMax).refine((c) => c.length > 0, 'Choisissez au moins une maladie ou situation de santé.'),
  populations: unique(populationSchema, PROGRAMME_POPULATIONS.length).default([]),
  adaptations: unique(adaptationSchema, PROGRAMME_ADAPTATIONS.length).default([]),
  /** Coordinators choose the holder; a member's programme is held by their own organisation. */
  holderOrganisationId: id.optional(),
  coordinatorUserId: id.nullable().default(null),
  partners: z.array(partnerInputSchema).max(L.partnersMax).default([]),
  sites: z.array(siteSchema).min(1, 'Indiquez au moins un lieu (commune et département).').max(L.sitesMax),
  setting: settingSchema,
  format: formatSchema,
  state: stateSchema.default('en_cours'),
  declaredAt: declarationDateSchema,
  contactName: line(L.contactNameMax).default(''),
  contactEmail: z.union([z.literal(''), emailSchema]).default(''),
  contactPhone: line(L.phoneMax).regex(/^[0-9 +().-]*$/, 'Numéro de téléphone invalide (chiffres, espaces, +, points).').default(''),
  publicDescription: line(L.descriptionMax).default(''),
  referenceDocumentId: id.nullable().default(null),
  groupId: id.nullable().default(null),
  submit: z.boolean().default(false),
});
export type ProgrammeInput = z.input<typeof programmeInputSchema>;
export type ProgrammeData = z.output<typeof programmeInputSchema>;

/** What a programme says of itself, in its public version and in its working copy alike. */
export const programmeFactsShape = {
  id: z.string(),
  title: z.string(),
  conditions: z.array(z.string()),
  populations: z.array(populationSchema),
  adaptations: z.array(adaptationSchema),
  holderName: z.string(),
  sites: z.array(z.object({ commune: z.string(), departement: z.string() })),
  setting: settingSchema,
  format: formatSchema,
  state: stateSchema,
  declaredAt: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  publicDescription: z.string(),
  /** In the public version, only a reference programme published in the resource library is named. */
  referenceDocument: z.object({ id: z.string(), title: z.string() }).nullable(),
};

/** The version the public reads: what a coordinator validated, frozen as published_snapshot. */
export const programmePublicSchema = z.object({
  ...programmeFactsShape,
  partners: z.array(z.object({ name: z.string(), kind: partnerKindSchema })),
  publishedAt: z.string(),
});
export type ProgrammePublic = z.infer<typeof programmePublicSchema>;

export const conditionSchema = z.object({ code: z.string(), labelFr: z.string(), labelEn: z.string(), active: z.boolean() });
export type Condition = z.infer<typeof conditionSchema>;
export const conditionListSchema = z.object({ conditions: z.array(conditionSchema) });
export const conditionInputSchema = z.object({
  code: conditionCode,
  labelFr: line(L.conditionLabelMax).min(2),
  labelEn: line(L.conditionLabelMax).min(2),
  active: z.boolean().default(true),
});
export const conditionParamsSchema = z.object({ code: conditionCode });
