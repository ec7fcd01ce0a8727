import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { groupMembers, groups, organisations, users } from '../../db/schema/index';
import { hashPassword } from '../../server/features/auth/passwords';
import type { GroupRole, PlatformRole } from '../../shared/roles';

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | null = null;

export function createOrganisation(app: FastifyInstance, values: Partial<typeof organisations.$inferInsert> = {}) {
  return app.db.insert(organisations).values({ name: `Organisation ${randomUUID().slice(0, 6)}`, type: 'etablissement_sante', departement: '69', ...values })
    .returning().get();
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: PlatformRole;
  organisationId: string;
  password: string;
}

/** A real account in the database (argon2 hash of TEST_PASSWORD, computed once per file). */
export async function createUser(app: FastifyInstance, values: { role?: PlatformRole; name?: string; email?: string; organisationId?: string } = {}): Promise<TestUser> {
  const organisationId = values.organisationId ?? createOrganisation(app).id;
  const passwordHash = await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const suffix = randomUUID().slice(0, 8);
  const row = app.db.insert(users).values({
    email: values.email ?? `user-${suffix}@example.org`, name: values.name ?? `Personne ${suffix}`, role: values.role ?? 'member',
    organisationId, passwordHash,
  }).returning().get();
  return { id: row.id, email: row.email, name: row.name, role: row.role as PlatformRole, organisationId, password: TEST_PASSWORD };
}

export function createGroup(app: FastifyInstance, createdBy: string, values: Partial<typeof groups.$inferInsert> = {}) {
  return app.db.insert(groups).values({ name: `Groupe ${randomUUID().slice(0, 6)}`, visibility: 'platform', createdBy, ...values }).returning().get();
}

export function addToGroup(app: FastifyInstance, groupId: string, userId: string, role: GroupRole) {
  app.db.insert(groupMembers).values({ groupId, userId, role }).run();
}
