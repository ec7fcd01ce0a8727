import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groupMembers, groups, users } from '../../../db/schema/index';
import type { GroupRole } from '../../../shared/roles';

type Locale = 'fr' | 'en';
const ROLE_WORDS: Record<Locale, Record<GroupRole, string>> = {
  fr: { lead: 'animateur·rice', member: 'membre', commenter: 'personne qui peut commenter', observer: 'observateur·rice' },
  en: { lead: 'lead', member: 'member', commenter: 'commenter', observer: 'observer' },
};
const FOOTER: Record<Locale, string> = {
  fr: 'Maillage — espace de travail de la coordination régionale ETP. Il ne contient aucune donnée de patient.',
  en: 'Maillage — the workspace of the regional patient-education coordination. It holds no patient data.',
};

/**
 * The e-mails of working groups, in each recipient's language, sent after the change is committed.
 * Without SMTP_URL nothing is sent: people still see it live and on their groups list.
 */
export function groupsMail(app: FastifyInstance) {
  const { db } = app;
  const link = (groupId: string) => `${app.config.publicUrl}/groupes/${groupId}`;
  const groupName = (groupId: string) => db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).get()?.name ?? '';
  const person = (userId: string) =>
    db.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId)).get();
  const send = (to: { email: string; locale: string }, content: Record<Locale, { subject: string; body: string[] }>) => {
    const locale: Locale = to.locale === 'en' ? 'en' : 'fr';
    const { subject, body } = content[locale];
    void app.mailer.send({ to: to.email, subject, text: [...body, '', FOOTER[locale]].join('\n') });
  };

  return {
    /** To every lead: someone asks to join. */
    requestReceived(groupId: string, requesterName: string) {
      const name = groupName(groupId);
      const leads = db.select({ email: users.email, locale: users.locale }).from(groupMembers).innerJoin(users, eq(users.id, groupMembers.userId))
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, 'lead'), eq(users.disabled, false))).all();
      for (const lead of leads) {
        send(lead, {
          fr: { subject: `Demande d'adhésion au groupe « ${name} »`, body: [`${requesterName} demande à rejoindre le groupe « ${name} ».`, '', `Pour répondre : ${link(groupId)}`] },
          en: { subject: `Request to join “${name}”`, body: [`${requesterName} asks to join the group “${name}”.`, '', `To answer: ${link(groupId)}`] },
        });
      }
    },

    /** To the person added by a lead or whose request was accepted. */
    added(groupId: string, userId: string, role: GroupRole, byName: string) {
      const to = person(userId);
      if (!to) return;
      const name = groupName(groupId);
      send(to, {
        fr: { subject: `Vous faites partie du groupe « ${name} »`, body: [`${byName} vous a ajouté·e au groupe « ${name} » comme ${ROLE_WORDS.fr[role]}.`, '', link(groupId)] },
        en: { subject: `You are in the group “${name}”`, body: [`${byName} added you to the group “${name}” as ${ROLE_WORDS.en[role]}.`, '', link(groupId)] },
      });
    },

    /** To the person whose request was refused. */
    refused(groupId: string, userId: string) {
      const to = person(userId);
      if (!to) return;
      const name = groupName(groupId);
      send(to, {
        fr: { subject: `Votre demande pour le groupe « ${name} »`, body: [`Les animateurs du groupe « ${name} » n'ont pas retenu votre demande d'adhésion pour le moment.`] },
        en: { subject: `Your request for the group “${name}”`, body: [`The leads of the group “${name}” did not accept your request to join for now.`] },
      });
    },
  };
}
