import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column LIKE '%text%'` where the person's text is taken literally: a search for "50%" or
 * "file_active" means those characters, not LIKE wildcards.
 */
export function contains(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
