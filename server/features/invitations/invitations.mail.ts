import type { Mail } from '../../core/mailer';
import type { Invitation } from '../../../shared/invitations.schema';

/** The invitation e-mail, in French (the invitee has no language preference yet). */
export function invitationMail(invitation: Invitation, link: string): Mail {
  const expires = new Date(invitation.expiresAt).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  const text = [
    'Bonjour,',
    '',
    `${invitation.invitedByName} vous invite à rejoindre Maillage, l'espace de travail de la coordination régionale d'éducation thérapeutique du patient, au titre de : ${invitation.organisationName}.`,
    '',
    `Pour créer votre compte, ouvrez ce lien avant le ${expires} :`,
    link,
    '',
    'Ce lien ne sert qu’une fois. Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
  ].join('\n');
  return { to: invitation.email, subject: 'Votre invitation à rejoindre Maillage', text };
}
