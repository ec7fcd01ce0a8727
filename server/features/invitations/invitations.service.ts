import { and, asc, desc, eq, isNull, notInArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groupMembers, invitations, organisations, users } from '../../../db/schema/index';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../core/errors';
import { hashToken, newToken } from '../../core/tokens';
import { hashPassword } from '../auth/passwords';
import { insertMember } from '../groups/group-members.service';
import { requireGroupAccess } from '../groups/groups.policy';
import { groupsEvents } from '../groups/groups.events';
import { LEAD_INVITATIONS, LIMITS } from '../../../shared/limits';
import type { SessionUser } from '../../../shared/auth.schema';
import type { AcceptInvitation, Invitation, InvitationInput } from '../../../shared/invitations.schema';
import type { GroupRole, PlatformRole } from '../../../shared/roles';
import type { OrganisationType } from '../../../shared/organisations.schema';
import { invitationMail } from './invitations.mail';
import { presentInvitation, selectInvitations } from './invitations.present';

const gone = (code: string, message: string) => new AppError(410, code, message);

/** Organisations an invitee may not pick for themselves: they vouch for the platform or the regulator. */
const NOT_SELF_CHOSEN: OrganisationType[] = ['plateforme_etp', 'ars'];

type NewInvitation = {
  email: string; role: PlatformRole; organisationId: string; invitedBy: string;
  groupId?: string; groupRole?: GroupRole; inviteeChoosesOrganisation?: boolean;
};

export function invitationsService(app: FastifyInstance) {
  const { db } = app;
  const events = groupsEvents(app);

  /** A usable invitation for this token, or the reason it cannot be used. */
  function usable(token: string) {
    const row = db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token))).get();
    if (!row) throw notFound('Cette invitation');
    if (row.revokedAt) throw gone('invitation_revoked', 'Cette invitation a été annulée. Demandez-en une nouvelle à la coordination.');
    if (row.acceptedAt) throw gone('invitation_used', 'Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.');
    if (row.expiresAt < new Date()) throw gone('invitation_expired', 'Cette invitation a expiré. Demandez-en une nouvelle à la coordination.');
    if (row.groupId && !inviterStillLeads(row.invitedBy, row.groupId)) {
      throw gone('invitation_stale', 'Cette invitation n’est plus valable : la personne qui vous a invité·e n’anime plus ce groupe.');
    }
    return row;
  }

  /** A lead's invitation holds while they lead the group (coordinators always may). */
  function inviterStillLeads(inviterId: string, groupId: string): boolean {
    const inviter = db.select({ role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, inviterId)).get();
    if (!inviter || inviter.disabled) return false;
    if (inviter.role === 'coordinator') return true;
    const membership = db.select({ role: groupMembers.role }).from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, inviterId))).get();
    return membership?.role === 'lead';
  }

  const organisationChoices = () =>
    db.select({ id: organisations.id, name: organisations.name }).from(organisations)
      .where(notInArray(organisations.type, NOT_SELF_CHOSEN)).orderBy(asc(organisations.name)).limit(LEAD_INVITATIONS.organisationChoicesMax).all();

  return {
    list(): Invitation[] {
      return selectInvitations(db).orderBy(desc(invitations.createdAt)).all().map(presentInvitation);
    },

    /** Creates the invitation and e-mails it; the link is for the inviter to copy when no e-mail went. */
    async issue(values: NewInvitation, options: { showLinkWhenSent: boolean }) {
      const token = newToken();
      const { id } = db.insert(invitations).values({
        tokenHash: hashToken(token), ...values, expiresAt: new Date(Date.now() + LIMITS.invitationTtlMs),
      }).returning({ id: invitations.id }).get();
      const invitation = presentInvitation(selectInvitations(db).where(eq(invitations.id, id)).get()!);
      const link = `${app.config.publicUrl}/invitation/${token}`;
      const emailSent = app.mailer.enabled && (await app.mailer.send(invitationMail(invitation, link)));
      return { invitation, link: emailSent && !options.showLinkWhenSent ? null : link, emailSent };
    },

    async create(input: InvitationInput, invitedBy: string) {
      if (db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
        throw conflict('Un compte existe déjà avec cette adresse e-mail.', 'email_taken');
      }
      if (!db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId)).get()) {
        throw notFound('Cette organisation');
      }
      // A new invitation replaces the pending ones for the same address: only the latest link works.
      db.update(invitations).set({ revokedAt: new Date() })
        .where(and(eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).run();
      return this.issue({ ...input, invitedBy }, { showLinkWhenSent: true });
    },

    /** Coordinators revoke any; a lead revokes the invitations into their group, and anyone their own. */
    revoke(user: SessionUser, id: string) {
      const row = db.select({ invitedBy: invitations.invitedBy, groupId: invitations.groupId }).from(invitations).where(eq(invitations.id, id)).get();
      if (!row) throw notFound('Cette invitation en attente');
      if (user.role !== 'coordinator' && row.invitedBy !== user.id) {
        if (!row.groupId) throw forbidden();
        requireGroupAccess(db, user, row.groupId, 'lead');
      }
      const done = db.update(invitations).set({ revokedAt: new Date() })
        .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).run();
      if (done.changes === 0) throw notFound('Cette invitation en attente');
    },

    preview(token: string) {
      const row = usable(token);
      const invitation = presentInvitation(selectInvitations(db).where(eq(invitations.id, row.id)).get()!);
      return {
        email: row.email, organisationName: invitation.organisationName, role: row.role, expiresAt: row.expiresAt.toISOString(),
        groupId: invitation.groupId, groupName: invitation.groupName, groupRole: invitation.groupRole, invitedByName: invitation.invitedByName,
        organisationChoices: row.inviteeChoosesOrganisation ? organisationChoices() : null,
      };
    },

    /**
     * Creates the account (and, for a lead's invitation, its place in the group) in one
     * transaction; the conditional update makes the link single-use even under a double click.
     */
    async accept(token: string, input: AcceptInvitation): Promise<{ userId: string; groupId: string | null }> {
      const row = usable(token);
      let organisationId = row.organisationId;
      if (row.inviteeChoosesOrganisation) {
        if (!input.organisationId) throw badRequest('Choisissez votre organisation dans la liste.', 'organisation_required');
        if (!organisationChoices().some((o) => o.id === input.organisationId)) throw notFound('Cette organisation');
        organisationId = input.organisationId;
      }
      const passwordHash = await hashPassword(input.password);
      const { userId, entry } = db.transaction((tx) => {
        const claimed = tx.update(invitations).set({ acceptedAt: new Date() })
          .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).run();
        if (claimed.changes === 0) throw gone('invitation_used', 'Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.');
        if (tx.select({ id: users.id }).from(users).where(eq(users.email, row.email)).get()) {
          throw conflict('Un compte existe déjà avec cette adresse e-mail.', 'email_taken');
        }
        const id = tx.insert(users).values({
          email: row.email, name: input.name, passwordHash, role: row.role, organisationId,
          profession: input.profession ?? '', departement: input.departement ?? '',
        }).returning({ id: users.id }).get().id;
        // The group's rules are checked again here: its visibility may have changed since.
        const joined = row.groupId && row.groupRole
          ? insertMember(tx, row.groupId, { id, name: input.name, role: row.role }, row.groupRole, row.invitedBy)
          : null;
        return { userId: id, entry: joined };
      });
      if (row.groupId && entry) {
        events.accessChanged(row.groupId, userId);
        events.updated(row.groupId, 'members');
        events.activity(row.groupId, entry);
      }
      return { userId, groupId: row.groupId };
    },
  };
}
