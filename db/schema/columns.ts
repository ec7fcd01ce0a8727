import { integer, text } from 'drizzle-orm/sqlite-core';
import { randomUUID } from 'node:crypto';

/** Text primary keys: safe in URLs and in Yjs document names, and never guessable in sequence. */
export const id = () => text('id').primaryKey().$defaultFn(() => randomUUID());
export const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date());
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
