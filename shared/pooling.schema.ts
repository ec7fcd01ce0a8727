import { z } from 'zod';
import { departementSchema } from './departements';
import { GROUP_LIMITS } from './groups.schema';
import { POOLING_LIMITS as L } from './limits';
import { optionIdSchema } from './pooling.guide';

// Requests and replies of /api/pooling: finding partners from an option of the guide, and
// starting the partnership (a working group and a filled agreement document).

const id = z.string().min(1).max(64);
const conditionCode = z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/, 'Code de maladie invalide.');

export const partnersQuerySchema = z.object({
  option: optionIdSchema,
  condition: conditionCode,
  departement: departementSchema,
});
export type PartnersQuery = z.infer<typeof partnersQuerySchema>;

/** Hospital (établissement de santé) or ville (MSP, pôle, libéraux): how the guide splits partners. */
export const partnerSideSchema = z.enum(['hopital', 'ville']);
export type PartnerSideKind = z.infer<typeof partnerSideSchema>;

const personSchema = z.object({ id: z.string(), name: z.string(), profession: z.string() });
export type PoolingPerson = z.infer<typeof personSchema>;

/** A programme of the public directory, as the directory shows it, with the accounts of its holder. */
export const partnerProgrammeSchema = z.object({
  programmeId: z.string(),
  title: z.string(),
  organisationId: z.string(),
  holderName: z.string(),
  side: partnerSideSchema,
  sites: z.array(z.object({ commune: z.string(), departement: z.string() })),
  /** Runs in the département asked for (else only in a neighbouring one). */
  sameDepartement: z.boolean(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  people: z.array(personSchema),
});
export type PartnerProgramme = z.infer<typeof partnerProgrammeSchema>;

/** A structure of the platform with no published programme on the disease (options 2.2, 2.3, 4.3…). */
export const partnerStructureSchema = z.object({
  organisationId: z.string(),
  name: z.string(),
  side: partnerSideSchema,
  departement: z.string(),
  sameDepartement: z.boolean(),
  people: z.array(personSchema),
});
export type PartnerStructure = z.infer<typeof partnerStructureSchema>;

export const partnersReplySchema = z.object({
  /** The département asked for, then its neighbours: where partners were looked for. */
  departements: z.array(z.string()),
  programmes: z.object({ hopital: z.array(partnerProgrammeSchema), ville: z.array(partnerProgrammeSchema) }),
  structures: z.object({ hopital: z.array(partnerStructureSchema), ville: z.array(partnerStructureSchema) }),
});
export type PartnersReply = z.infer<typeof partnersReplySchema>;

/** Groups the person leads, where a partnership may be started instead of a new group. */
export const ledGroupsReplySchema = z.object({ groups: z.array(z.object({ id: z.string(), name: z.string() })) });

export const partnershipInputSchema = z.object({
  option: optionIdSchema,
  condition: conditionCode,
  /** Partner structures (organisations), each optionally through one of its programmes. */
  partners: z.array(z.object({ organisationId: id, programmeId: id.nullable().default(null) }))
    .min(1, 'Choisissez au moins un partenaire.').max(L.partnersMax, `Au plus ${L.partnersMax} partenaires dans une convention.`),
  /** People of those structures (or colleagues) with an account, added to the working group. */
  people: z.array(id).max(L.peopleMax).default([]).transform((list) => [...new Set(list)]),
  group: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('new'), name: z.string().trim().min(GROUP_LIMITS.nameMin).max(Math.min(L.groupNameMax, GROUP_LIMITS.nameMax)) }),
    z.object({ kind: z.literal('existing'), groupId: id }),
  ]),
});
export type PartnershipInput = z.input<typeof partnershipInputSchema>;

export const partnershipReplySchema = z.object({
  groupId: z.string(),
  documentId: z.string(),
  /** People added to the group now. */
  added: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Partners with no account to add: to invite by e-mail from the group (lead invitations). */
  toInvite: z.array(z.object({ name: z.string(), contactName: z.string(), contactEmail: z.string() })),
});
export type PartnershipReply = z.infer<typeof partnershipReplySchema>;
