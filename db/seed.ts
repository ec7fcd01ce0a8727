import { count } from 'drizzle-orm';
import type { Db, Sqlite } from './client';
import { users } from './schema/index';
import { seedFoundation } from './seeds/foundation.seed';
import { seedDocuments } from './seeds/documents.seed';
import { seedPublication } from './seeds/publication.seed';
import { seedThreads } from './seeds/threads.seed';
import { seedGroups } from './seeds/groups.seed';
import { seedEvents } from './seeds/events.seed';
import { seedProgrammes } from './seeds/programmes.seed';
import { seedProgrammeNeeds } from './seeds/programme-needs.seed';
import { seedActions } from './seeds/actions.seed';
import { seedStructureNeeds } from './seeds/structure-needs.seed';
import { seedPooling } from './seeds/pooling.seed';
import { seedReview } from './seeds/review.seed';
import { seedComments } from './seeds/comments.seed';

export interface SeedContext {
  db: Db;
  sqlite: Sqlite;
  hashPassword: (password: string) => Promise<string>;
  /** The server's Markdown renderer, so demo messages are rendered exactly as posted ones. */
  renderMarkdown: (source: string) => string;
}

export interface DemoSignIn {
  password: string;
  accounts: Array<{ email: string; label: string }>;
}

/**
 * Fills an empty database with the demo region. Each feature adds its content in its own
 * `seeds/<feature>.seed.ts`, called here in dependency order with the ids of the world so far.
 */
export async function seedDemoIfEmpty(ctx: SeedContext): Promise<DemoSignIn | null> {
  if ((ctx.db.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return null;
  const world = await seedFoundation(ctx);
  seedDocuments(ctx, world);
  seedPublication(ctx, world);
  seedThreads(ctx, world);
  seedGroups(ctx, world);
  seedEvents(ctx, world);
  seedProgrammes(ctx, world);
  // After the directory's programmes: their evaluations, and the need indicators beside them.
  seedProgrammeNeeds(ctx, world);
  // After documents and threads: an action links to them.
  seedActions(ctx, world);
  await seedStructureNeeds(ctx, world);
  // A partnership started from the pooling guide (option 2.2) between the demo MSP and hospital.
  seedPooling(ctx, world);
  // The reference programme in review, two reviewers, one approval (after its documents and threads).
  seedReview(ctx, world);
  // After the documents: threads anchored in the reference programme's text.
  seedComments(ctx, world);
  return world.signIn;
}
