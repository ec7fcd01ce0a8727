import { eq } from 'drizzle-orm';
import { buildApp } from '../server/app';
import { configFromEnv } from '../server/core/config';
import { SESSION_COOKIE } from '../server/core/session';
import { hashPassword } from '../server/features/auth/passwords';
import { events, groupMembers, groups, organisations, users } from '../db/schema/index';

export interface LoadWorld {
  groupId: string;
  threadIds: string[];
  agendaSlug: string;
  people: Array<{ userId: string; cookie: string }>;
}

const THREADS = 20;

/**
 * The demo region (its published agenda for visitors) plus `count` people in one group with a
 * few threads, each with an open session: written straight into DATA_DIR before the server under
 * load starts, so that setting up 2,000 accounts costs one password hash, not 2,000.
 */
export async function seedLoad(dataDir: string, count: number): Promise<LoadWorld> {
  const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir, DEMO: '1' }), clientDir: null, logLevel: 'error', port: 0 });
  try {
    const passwordHash = await hashPassword(`charge-${Date.now()}`);
    const organisation = app.db.insert(organisations).values({ name: 'Structure de charge', type: 'etablissement_sante', departement: '31' }).returning().get();
    const people: LoadWorld['people'] = [];
    const ids: string[] = [];
    app.sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const user = app.db.insert(users).values({ email: `charge-${i}@exemple.fr`, name: `Personne ${i}`, role: 'member', organisationId: organisation.id, passwordHash }).returning().get();
        ids.push(user.id);
      }
    })();
    const group = app.db.insert(groups).values({ name: 'Groupe régional (charge)', visibility: 'platform', createdBy: ids[0] }).returning().get();
    app.sqlite.transaction(() => {
      ids.forEach((userId, i) => app.db.insert(groupMembers).values({ groupId: group.id, userId, role: i === 0 ? 'lead' : 'member' }).run());
    })();
    for (const userId of ids) people.push({ userId, cookie: `${SESSION_COOKIE}=${app.sessions.create(userId, 'npm run load').token}` });
    const threadIds: string[] = [];
    for (let i = 0; i < THREADS; i++) {
      const res = await app.inject({
        method: 'POST', url: '/api/threads', headers: { cookie: people[i % people.length].cookie, origin: app.config.publicUrl },
        payload: { groupId: group.id, title: `Discussion ${i + 1}`, body: 'Ouverture de la discussion.', clientId: `load-thread-${i}` },
      });
      if (res.statusCode >= 300) throw new Error(`load: cannot open a thread (${res.statusCode} ${res.body})`);
      threadIds.push(res.json().thread.id);
    }
    const agenda = app.db.select().from(events).where(eq(events.status, 'published')).get();
    if (!agenda) throw new Error('load: the demo has no published agenda');
    return { groupId: group.id, threadIds, agendaSlug: agenda.slug, people };
  } finally {
    await app.close();
  }
}
