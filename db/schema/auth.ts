import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { users } from './members';

/** Server-side sessions. The id is the SHA-256 of the cookie's token, so a leaked database opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** The browser's User-Agent at sign-in (truncated), shown as "Chrome sur Windows" in the person's sessions. */
    userAgent: text('user_agent').notNull().default(''),
    /** Written with the sliding expiry, so at most once an hour: "last use" is true to the hour. */
    lastUsedAt: timestamp('last_used_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Password reset links: single-use, expiring within the hour. Only the token's hash is stored.
 * `issuedBy` is the coordinator who made a link to copy; null when the person asked by e-mail.
 */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    issuedBy: text('issued_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: timestamp('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId, t.createdAt)],
);
