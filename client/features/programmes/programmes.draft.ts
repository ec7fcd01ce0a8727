import type { Programme } from '../../../shared/programmes.replies.schema';
import type { ProgrammeData } from '../../../shared/programmes.schema';

/** The form's state: every field present, as the API takes it (submit is chosen by the button). */
export type Draft = Omit<ProgrammeData, 'submit' | 'holderOrganisationId'> & { holderOrganisationId: string };

export const emptyDraft = (holderOrganisationId: string): Draft => ({
  title: '', conditions: [], populations: [], adaptations: [], holderOrganisationId, coordinatorUserId: null, partners: [],
  sites: [{ commune: '', departement: '' }], setting: 'hopital', format: 'mixte', state: 'en_cours', declaredAt: '',
  contactName: '', contactEmail: '', contactPhone: '', publicDescription: '', referenceDocumentId: null, groupId: null,
});

export const draftOf = (p: Programme): Draft => ({
  title: p.title, conditions: p.conditions, populations: p.populations, adaptations: p.adaptations,
  holderOrganisationId: p.holderOrganisationId, coordinatorUserId: p.coordinatorUserId,
  partners: p.partners, sites: p.sites.length ? p.sites : [{ commune: '', departement: '' }],
  setting: p.setting, format: p.format, state: p.state, declaredAt: p.declaredAt,
  contactName: p.contactName, contactEmail: p.contactEmail, contactPhone: p.contactPhone, publicDescription: p.publicDescription,
  referenceDocumentId: p.referenceDocument?.id ?? null, groupId: p.group?.id ?? null,
});
