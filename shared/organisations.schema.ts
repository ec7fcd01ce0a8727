import { z } from 'zod';
import { LIMITS } from './limits';
import { departementSchema } from './departements';

export const ORGANISATION_TYPES = [
  'etablissement_sante',
  'msp_pole_sante',
  'professionnels_liberaux',
  'association_patients',
  'ars',
  'assurance_maladie',
  'universite_recherche',
  'coordination_departementale',
  'plateforme_etp',
  /** Centre de santé (salaried primary care), a structure of seed 004 beside MSP and pôles. */
  'centre_sante',
] as const;
export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof organisationTypeSchema>;

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: organisationTypeSchema,
  departement: z.string(),
  memberCount: z.number().int().optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationInputSchema = z.object({
  name: z.string().trim().min(2).max(LIMITS.organisationNameMax),
  type: organisationTypeSchema,
  departement: departementSchema,
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const organisationListSchema = z.object({ organisations: z.array(organisationSchema) });
export const organisationParamsSchema = z.object({ id: z.string().min(1).max(64) });
