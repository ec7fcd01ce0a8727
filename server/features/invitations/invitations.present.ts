import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { groups, invitations, organisations, users } from '../../../db/schema/index';
import type { Invitation } from '../../../shared/invitations.schema';

/** Invitations with the names people read: organisation, inviter, group. */
export const selectInvitations = (db: Db) =>
  db.select({
    id: invitations.id, email: invitations.email, role: invitations.role, organisationId: invitations.organisationId,
    organisationName: organisations.name, invitedByName: users.name, createdAt: invitations.createdAt,
    expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt,
    groupId: invitations.groupId, groupName: groups.name, groupRole: invitations.groupRole,
    inviteeChoosesOrganisation: invitations.inviteeChoosesOrganisation,
  })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .leftJoin(groups, eq(groups.id, invitations.groupId));

type Row = NonNullable<ReturnType<ReturnType<typeof selectInvitations>['get']>>;

export const presentInvitation = (row: Row): Invitation => ({
  id: row.id, email: row.email, role: row.role, organisationId: row.organisationId,
  organisationName: row.organisationName, invitedByName: row.invitedByName,
  createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
  acceptedAt: row.acceptedAt?.toISOString() ?? null,
  status: row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt < new Date() ? 'expired' : 'pending',
  groupId: row.groupId, groupName: row.groupName, groupRole: row.groupRole,
  inviteeChoosesOrganisation: row.inviteeChoosesOrganisation,
});
