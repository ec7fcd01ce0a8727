import type { SessionUser } from '../../../shared/auth.schema';
import { forbidden } from '../../core/errors';

/**
 * Who may do what with a programme: the one place that decides it.
 * - its holder organisation's members write its entry (the working copy);
 * - coordinators write any entry, review changes and import lists;
 * - association accounts and other organisations read the public directory, like visitors.
 */
export const mayWriteProgramme = (user: SessionUser, holderOrganisationId: string): boolean =>
  user.role === 'coordinator' || (user.role === 'member' && user.organisationId === holderOrganisationId);

export function requireProgrammeWriter(user: SessionUser, holderOrganisationId: string): void {
  if (user.role === 'association') {
    throw forbidden('Les comptes associatifs consultent l’annuaire public ; un programme est saisi par sa structure porteuse.');
  }
  if (!mayWriteProgramme(user, holderOrganisationId)) {
    throw forbidden('Seuls les membres de la structure porteuse et la coordination régionale peuvent modifier ce programme.');
  }
}

/** Creating one: members for their own organisation, coordinators for any. */
export function requireProgrammeCreator(user: SessionUser, holderOrganisationId: string): void {
  if (user.role === 'member' && user.organisationId !== holderOrganisationId) {
    throw forbidden('Vous pouvez déclarer les programmes de votre propre structure ; la coordination saisit ceux des autres.');
  }
  requireProgrammeWriter(user, holderOrganisationId);
}

export function requireReviewer(user: SessionUser): void {
  if (user.role !== 'coordinator') throw forbidden('Seule la coordination régionale valide les programmes publiés.');
}
