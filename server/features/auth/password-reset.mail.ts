import type { Mail } from '../../core/mailer';

/** The reset e-mail, in the person's language. */
export function passwordResetMail(to: { email: string; name: string; locale: string }, link: string, byCoordination: boolean): Mail {
  if (to.locale === 'en') {
    return {
      to: to.email,
      subject: 'Reset your Maillage password',
      text: [
        `Hello ${to.name},`,
        '',
        byCoordination
          ? 'The regional coordination sent you this link to choose a new password for Maillage.'
          : 'Someone (probably you) asked to reset the password of your Maillage account.',
        '',
        'To choose a new password, open this link within the hour:',
        link,
        '',
        'The link works once. If you did not ask for it, ignore this message: your password does not change.',
      ].join('\n'),
    };
  }
  return {
    to: to.email,
    subject: 'Réinitialiser votre mot de passe Maillage',
    text: [
      `Bonjour ${to.name},`,
      '',
      byCoordination
        ? 'La coordination régionale vous envoie ce lien pour choisir un nouveau mot de passe sur Maillage.'
        : 'Une demande de réinitialisation du mot de passe de votre compte Maillage a été faite (sans doute par vous).',
      '',
      'Pour choisir un nouveau mot de passe, ouvrez ce lien dans l’heure :',
      link,
      '',
      'Ce lien ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
    ].join('\n'),
  };
}
