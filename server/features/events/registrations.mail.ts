import type { Mail } from '../../core/mailer';
import type { Change } from '../../../shared/events.schema';
import type { RegistrationReply } from '../../../shared/events.public.schema';

// The e-mails of the regional day, in French (visitors have no language preference on record).

type Registration = RegistrationReply['registration'];

const seatLine = (s: Registration['seats'][number]) =>
  s.status === 'confirmed' ? `- ${s.title} : place confirmée`
    : s.status === 'waiting' ? `- ${s.title} : liste d'attente, position ${s.position}`
      : `- ${s.title} : annulé`;

export function confirmationMail(reg: Registration, manageUrl: string, agendaUrl: string): Mail {
  const text = [
    `Bonjour ${reg.name},`,
    '',
    `Votre inscription à « ${reg.eventTitle} » est enregistrée.`,
    ...(reg.seats.length ? ['', 'Vos ateliers :', ...reg.seats.map(seatLine)] : []),
    ...(reg.seats.some((s) => s.status === 'waiting') ? ['', 'Si une place se libère, elle vous revient dans l’ordre de la liste d’attente et nous vous prévenons par e-mail.'] : []),
    '',
    `Le programme : ${agendaUrl}`,
    '',
    'Pour consulter ou annuler votre inscription (ou un atelier), ouvrez ce lien personnel :',
    manageUrl,
    '',
    'Gardez ce message : ce lien est le seul moyen de gérer votre inscription.',
  ].join('\n');
  return { to: reg.email, subject: `Inscription confirmée : ${reg.eventTitle}`, text };
}

/** Sent when someone registers an address that already is: the only way back to that registration. */
export function linkMail(reg: Registration, manageUrl: string): Mail {
  const text = [
    `Bonjour ${reg.name},`,
    '',
    `Une nouvelle inscription à « ${reg.eventTitle} » a été demandée avec votre adresse, qui est déjà inscrite.`,
    '',
    'Voici votre nouveau lien personnel pour consulter ou annuler votre inscription (l’ancien lien ne fonctionne plus) :',
    manageUrl,
    '',
    'Si vous n’êtes pas à l’origine de cette inscription, ouvrez ce lien pour l’annuler.',
  ].join('\n');
  return { to: reg.email, subject: `Votre lien d’inscription : ${reg.eventTitle}`, text };
}

/** Sent when someone asks for their link again from the agenda page. */
export function resentLinkMail(reg: Registration, manageUrl: string): Mail {
  const text = [
    `Bonjour ${reg.name},`,
    '',
    `Vous avez demandé à recevoir à nouveau votre lien personnel pour « ${reg.eventTitle} ».`,
    '',
    'Voici votre nouveau lien pour consulter ou annuler votre inscription (l’ancien lien ne fonctionne plus) :',
    manageUrl,
    '',
    'Si vous n’avez rien demandé, vous pouvez ignorer ce message : votre inscription reste valable avec ce nouveau lien.',
  ].join('\n');
  return { to: reg.email, subject: `Votre lien d’inscription : ${reg.eventTitle}`, text };
}

export function promotionMail(reg: Registration, workshopTitle: string, agendaUrl: string): Mail {
  const text = [
    `Bonjour ${reg.name},`,
    '',
    `Une place s'est libérée : vous êtes désormais inscrit·e à l'atelier « ${workshopTitle} » (${reg.eventTitle}).`,
    '',
    `Le programme : ${agendaUrl}`,
    '',
    'Si vous ne pouvez plus venir, libérez la place avec le lien reçu dans votre e-mail de confirmation.',
  ].join('\n');
  return { to: reg.email, subject: `Une place s'est libérée : ${workshopTitle}`, text };
}

const CHANGE_WORDS: Record<Change['type'], string> = { added: 'ajouté', removed: 'retiré', moved: 'déplacé', changed: 'modifié' };

export function agendaChangedMail(person: { name: string; email: string }, info: { title: string; url: string; changes: Change[]; note: string }): Mail {
  const text = [
    `Bonjour ${person.name},`,
    '',
    `Le programme de « ${info.title} », auquel vous êtes inscrit·e, a changé.`,
    ...(info.note ? ['', info.note] : []),
    ...(info.changes.length ? ['', ...info.changes.map((c) => `- ${c.title} : ${CHANGE_WORDS[c.type]}`)] : []),
    '',
    `Le programme à jour : ${info.url}`,
  ].join('\n');
  return { to: person.email, subject: `Programme modifié : ${info.title}`, text };
}
