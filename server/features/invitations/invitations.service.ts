import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { invitations, organisations, users } from '../../../db/schema/index';
import { AppError, conflict, notFound } from '../../core/errors';
import { hashToken, newToken } from '../../core/tokens';
import { hashPassword } from '../auth/passwords';
import { LIMITS } from '../../../shared/limits';
import type { AcceptInvitation, Invitation, InvitationInput } from '../../../shared/invitations.schema';
import type { PlatformRole } from '../../../shared/roles';
import { invitationMail } from './invitations.mail';

const gone = (code: string, message: string) => new AppError(410, code, message);

export function invitationsService(app: FastifyInstance) {
  const { db } = app;
  const inviter = users;

  const selectInvitation = () =>
    db.select({
      id: invitations.id, email: invitations.email, role: invitations.role, organisationId: invitations.organisationId,
      organisationName: organisations.name, invitedByName: inviter.name, createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt,
    })
      .from(invitations)
      .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
      .innerJoin(inviter, eq(inviter.id, invitations.invitedBy));

  type Row = NonNullable<ReturnType<ReturnType<typeof selectInvitation>['get']>>;
  const present = (row: Row): Invitation => ({
    id: row.id, email: row.email, role: row.role as PlatformRole, organisationId: row.organisationId,
    organisationName: row.organisationName, invitedByName: row.invitedByName,
    createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    status: row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt < new Date() ? 'expired' : 'pending',
  });

  /** A usable invitation for this token, or the reason it cannot be used. */
  function usable(token: string) {
    const row = db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token))).get();
    if (!row) throw notFound('Cette invitation');
    if (row.revokedAt) throw gone('invitation_revoked', 'Cette invitation a été annulée. Demandez-en une nouvelle à la coordination.');
    if (row.acceptedAt) throw gone('invitation_used', 'Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.');
    if (row.expiresAt < new Date()) throw gone('invitation_expired', 'Cette invitation a expiré. Demandez-en une nouvelle à la coordination.');
    return row;
  }

  return {
    list(): Invitation[] {
      return selectInvitation().orderBy(desc(invitations.createdAt)).all().map(present);
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
      const token = newToken();
      const { id } = db.insert(invitations).values({
        tokenHash: hashToken(token), email: input.email, role: input.role, organisationId: input.organisationId,
        invitedBy, expiresAt: new Date(Date.now() + LIMITS.invitationTtlMs),
      }).returning({ id: invitations.id }).get();
      const invitation = present(selectInvitation().where(eq(invitations.id, id)).get()!);
      const link = `${app.config.publicUrl}/invitation/${token}`;
      const emailSent = app.mailer.enabled && (await app.mailer.send(invitationMail(invitation, link)));
      return { invitation, link, emailSent };
    },

    revoke(id: string) {
      const done = db.update(invitations).set({ revokedAt: new Date() })
        .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt))).run();
      if (done.changes === 0) throw notFound('Cette invitation en attente');
    },

    preview(token: string) {
      const row = usable(token);
      const org = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId)).get();
      return { email: row.email, organisationName: org?.name ?? '', role: row.role as PlatformRole, expiresAt: row.expiresAt.toISOString() };
    },

    /** Creates the account; the conditional update makes the link single-use even under a double click. */
    async accept(token: string, input: AcceptInvitation): Promise<string> {
      const row = usable(token);
      const passwordHash = await hashPassword(input.password);
      return db.transaction((tx) => {
        const claimed = tx.update(invitations).set({ acceptedAt: new Date() })
          .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt))).run();
        if (claimed.changes === 0) throw gone('invitation_used', 'Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.');
        if (tx.select({ id: users.id }).from(users).where(eq(users.email, row.email)).get()) {
          throw conflict('Un compte existe déjà avec cette adresse e-mail.', 'email_taken');
        }
        return tx.insert(users).values({
          email: row.email, name: input.name, passwordHash, role: row.role, organisationId: row.organisationId,
          profession: input.profession ?? '', departement: input.departement ?? '',
        }).returning({ id: users.id }).get().id;
      });
    },
  };
}
