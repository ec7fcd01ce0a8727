import type { Mail } from '../../core/mailer';
import type { Invitation } from '../../../shared/invitations.schema';

const GROUP_ROLE_WORDS = { lead: 'animateur·rice', member: 'membre', commenter: 'personne qui peut commenter', observer: 'observateur·rice' } as const;

/** The invitation e-mail, in French (the invitee has no language preference yet). */
export function invitationMail(invitation: Invitation, link: string): Mail {
  const expires = new Date(invitation.expiresAt).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  const into = invitation.groupName && invitation.groupRole
    ? `${invitation.invitedByName} vous invite à rejoindre le groupe de travail « ${invitation.groupName} » (comme ${GROUP_ROLE_WORDS[invitation.groupRole]}) sur Maillage, l'espace de travail de la coordination régionale d'éducation thérapeutique du patient.`
    : `${invitation.invitedByName} vous invite à rejoindre Maillage, l'espace de travail de la coordination régionale d'éducation thérapeutique du patient, au titre de : ${invitation.organisationName}.`;
  const text = [
    'Bonjour,',
    '',
    into,
    '',
    `Pour créer votre compte, ouvrez ce lien avant le ${expires} :`,
    link,
    '',
    'Ce lien ne sert qu’une fois. Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
  ].join('\n');
  const subject = invitation.groupName ? `Invitation au groupe « ${invitation.groupName} » sur Maillage` : 'Votre invitation à rejoindre Maillage';
  return { to: invitation.email, subject, text };
}
