import { and, asc, count, eq, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { organisations, users } from '../../../db/schema/index';
import { contains } from '../../../db/like';
import { forbidden, notFound } from '../../core/errors';
import { userRoom } from '../../core/socket-io';
import type { Member, ProfileInput } from '../../../shared/members.schema';
import type { PlatformRole } from '../../../shared/roles';
import type { SessionUser } from '../../../shared/auth.schema';


const ORGANISATION_BY_COORDINATION = 'Seule la coordination peut changer votre organisation : demandez-le-lui.';

export function membersService(app: FastifyInstance) {
  const { db } = app;
  const requireOrganisation = (id: string) => {
    if (!db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)).get()) throw notFound('Cette organisation');
  };
  const select = () =>
    db.select({
      id: users.id, name: users.name, email: users.email, role: users.role, profession: users.profession,
      organisationId: users.organisationId, organisationName: organisations.name, departement: users.departement,
      bio: users.bio, disabled: users.disabled,
    }).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId));

  return {
    search(q: { q?: string; organisationId?: string; departement?: string; includeDisabled?: boolean; limit: number; offset: number }) {
      const where: SQL[] = q.includeDisabled ? [] : [eq(users.disabled, false)];
      if (q.q) {
        const fields = [users.name, users.profession, organisations.name, users.email];
        where.push(or(...fields.map((f) => contains(f, q.q!)))!);
      }
      if (q.organisationId) where.push(eq(users.organisationId, q.organisationId));
      if (q.departement) where.push(eq(users.departement, q.departement.toUpperCase()));
      const condition = and(...where);
      const rows = select().where(condition).orderBy(asc(users.name)).limit(q.limit).offset(q.offset).all();
      const total = db.select({ n: count() }).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(condition).get()?.n ?? 0;
      return { members: rows, total };
    },

    get(id: string): Member {
      const row = select().where(eq(users.id, id)).get();
      if (!row) throw notFound('Ce membre');
      return row;
    },

    /**
     * A person's own profile. The organisation is shown beside their name everywhere and vouches
     * for them ("Plateforme régionale ETP"): only coordinators change it (sending it unchanged is fine).
     */
    updateProfile(user: SessionUser, input: ProfileInput): Member {
      const { organisationId, ...rest } = input;
      const current = this.get(user.id);
      if (organisationId !== undefined && organisationId !== current.organisationId) {
        if (user.role !== 'coordinator') throw forbidden(ORGANISATION_BY_COORDINATION);
        requireOrganisation(organisationId);
      }
      db.update(users).set({ ...rest, ...(organisationId ? { organisationId } : {}) }).where(eq(users.id, user.id)).run();
      return this.get(user.id);
    },

    /** Coordinator's changes. Disabling or changing a role ends the person's sessions and live connections. */
    administer(id: string, change: { role?: PlatformRole; disabled?: boolean; organisationId?: string }): Member {
      const before = this.get(id);
      if (change.organisationId) requireOrganisation(change.organisationId);
      db.update(users).set(change).where(eq(users.id, id)).run();
      const after = this.get(id);
      if (after.disabled !== before.disabled || after.role !== before.role) {
        if (after.disabled) app.sessions.endAllOf(id);
        app.io.in(userRoom(id)).disconnectSockets(true);
        app.bus.emit('user.access.changed', { userId: id });
      }
      return after;
    },

  };
}

