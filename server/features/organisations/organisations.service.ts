import { asc, count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { organisations, users } from '../../../db/schema/index';
import { notFound } from '../../core/errors';
import type { Organisation, OrganisationInput } from '../../../shared/organisations.schema';

export function organisationsService(app: FastifyInstance) {
  const { db } = app;
  const list = (): Organisation[] =>
    db.select({ id: organisations.id, name: organisations.name, type: organisations.type, departement: organisations.departement, memberCount: count(users.id) })
      .from(organisations).leftJoin(users, eq(users.organisationId, organisations.id))
      .groupBy(organisations.id).orderBy(asc(organisations.name)).all();

  return {
    list,
    get(id: string): Organisation {
      const found = list().find((o) => o.id === id);
      if (!found) throw notFound('Cette organisation');
      return found;
    },
    create(input: OrganisationInput): Organisation {
      const { id } = db.insert(organisations).values(input).returning({ id: organisations.id }).get();
      return this.get(id);
    },
    update(id: string, input: OrganisationInput): Organisation {
      const done = db.update(organisations).set(input).where(eq(organisations.id, id)).run();
      if (done.changes === 0) throw notFound('Cette organisation');
      return this.get(id);
    },
  };
}
