import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { groups, invitations, users } from '../../../db/schema/index';
import { AppError, badRequest, conflict } from '../../core/errors';
import { membershipRefusal, requireGroupAccess } from '../groups/groups.policy';
import type { SessionUser } from '../../../shared/auth.schema';
import type { GroupInvitationInput } from '../../../shared/invitations.schema';
import { LIMITS } from '../../../shared/limits';
import { readInvitationSettings } from './invitation-settings';
import { presentInvitation, selectInvitations } from './invitations.present';
import { invitationsService } from './invitations.service';

/**
 * A lead invites by e-mail into their group: the invitation creates the account and joins the
 * group. Coordinators set whether leads may, and how many invitations each may have pending;
 * coordinators themselves are not counted.
 */
export function groupInvitationsService(app: FastifyInstance) {
  const { db } = app;
  const base = invitationsService(app);

  const pendingOf = (userId: string) =>
    db.select({ n: count() }).from(invitations).where(and(
      eq(invitations.invitedBy, userId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()),
    )).get()?.n ?? 0;

  return {
    list(user: SessionUser, groupId: string) {
      requireGroupAccess(db, user, groupId, 'lead');
      const settings = readInvitationSettings(db);
      const coordinator = user.role === 'coordinator';
      return {
        invitations: selectInvitations(db).where(eq(invitations.groupId, groupId))
          .orderBy(desc(invitations.createdAt)).limit(LIMITS.pageSizeMax).all().map(presentInvitation),
        allowed: coordinator || settings.leadsMayInvite,
        pendingMax: settings.pendingPerLead,
        pendingMine: pendingOf(user.id),
      };
    },

    async create(user: SessionUser, groupId: string, input: GroupInvitationInput) {
      requireGroupAccess(db, user, groupId, 'lead');
      if (user.role !== 'coordinator') {
        const settings = readInvitationSettings(db);
        if (!settings.leadsMayInvite) {
          throw new AppError(403, 'lead_invitations_off', 'La coordination n’a pas ouvert les invitations aux animateurs : demandez-lui d’inviter cette personne.');
        }
        const pending = pendingOf(user.id);
        if (pending >= settings.pendingPerLead) {
          throw new AppError(409, 'invitation_quota',
            `Vous avez ${pending} invitation${pending > 1 ? 's' : ''} en attente, le maximum fixé par la coordination : annulez-en une ou attendez qu’elles soient acceptées.`);
        }
      }
      const group = db.select({ visibility: groups.visibility }).from(groups).where(eq(groups.id, groupId)).get()!;
      const refusal = membershipRefusal(input.platformRole, group.visibility, input.groupRole);
      if (refusal) throw badRequest(refusal, 'membership_refused');
      if (db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
        throw conflict('Cette personne a déjà un compte : ajoutez-la au groupe par son nom.', 'email_taken');
      }
      const pendingForAddress = db.select({ invitedBy: invitations.invitedBy, groupId: invitations.groupId }).from(invitations).where(and(
        eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()),
      )).all();
      // A lead replaces their own invitation to this group; someone else's stays as it is.
      if (pendingForAddress.some((p) => p.invitedBy !== user.id || p.groupId !== groupId)) {
        throw conflict('Une invitation est déjà en attente pour cette adresse.', 'invitation_pending');
      }
      db.update(invitations).set({ revokedAt: new Date() }).where(and(
        eq(invitations.email, input.email), eq(invitations.invitedBy, user.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt),
      )).run();
      return base.issue({
        email: input.email, role: input.platformRole, organisationId: user.organisationId, invitedBy: user.id,
        groupId, groupRole: input.groupRole, inviteeChoosesOrganisation: input.organisation === 'invitee',
      }, { showLinkWhenSent: false });
    },
  };
}
