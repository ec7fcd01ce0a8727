import type { Programme } from '../../../shared/programmes.replies.schema';
import type { ProgrammePublic } from '../../../shared/programmes.schema';

/** Fields a reviewer compares, in the order of the form. */
export const COMPARED = [
  'title', 'holderName', 'conditions', 'populations', 'adaptations', 'sites', 'setting', 'format', 'state', 'declaredAt',
  'partners', 'contactName', 'contactEmail', 'contactPhone', 'publicDescription',
] as const;
export type Compared = (typeof COMPARED)[number];

/** What differs between the public version and the working copy, field by field. */
export function changedFields(current: Programme, published: ProgrammePublic | null): Compared[] {
  if (!published) return [];
  const plain = (field: Compared, p: Programme | ProgrammePublic) =>
    JSON.stringify(field === 'partners' ? p.partners.map(({ name, kind }) => ({ name, kind })) : p[field]);
  return COMPARED.filter((f) => plain(f, current) !== plain(f, published));
}
