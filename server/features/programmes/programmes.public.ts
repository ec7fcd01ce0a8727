import { isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { programmes } from '../../../db/schema/index';
import { departementName } from '../../../shared/departements';
import { PROGRAMME_LIMITS } from '../../../shared/limits';
import type { PublicList, PublicSearch } from '../../../shared/programmes.replies.schema';
import { fold, programmePublicSchema, type Condition, type ProgrammePublic } from '../../../shared/programmes.schema';
import { programmesCsv } from './programmes.export';

/**
 * The public directory, kept in memory: every published version parsed once, with its words
 * folded for search, and the open-data files encoded once. People in the field look a programme
 * up in a hurry; the list changes only when a coordinator validates, and that empties the cache.
 */
interface PublicDirectory {
  entries: Array<{ programme: ProgrammePublic; words: string }>;
  conditions: Condition[];
  csv?: Buffer;
  json?: Buffer;
  /** Encoded replies of recent searches, by query: the same few are asked again and again. */
  replies: Map<string, Buffer>;
}

const REPLIES_KEPT = 200;

const directories = new WeakMap<Db, PublicDirectory>();
// Bumped at each change of the public directory: the version of every public read of it.
const generations = new WeakMap<Db, number>();

export function forgetPublicDirectory(db: Db): void {
  directories.delete(db);
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

function build(db: Db, conditions: Condition[]): PublicDirectory {
  const labels = new Map(conditions.map((c) => [c.code, `${c.labelFr} ${c.labelEn}`]));
  const entries = db.select({ snapshot: programmes.publishedSnapshot }).from(programmes).where(isNotNull(programmes.publishedSnapshot)).all()
    .map((r) => programmePublicSchema.safeParse(r.snapshot))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
    .map((p) => ({
      programme: p,
      words: fold([
        p.title, p.publicDescription, p.holderName, ...p.partners.map((x) => x.name),
        ...p.sites.flatMap((s) => [s.commune, s.departement, departementName(s.departement) ?? '']),
        ...p.conditions.map((c) => labels.get(c) ?? c),
      ].join(' ')),
    }))
    .sort((a, b) => fold(a.programme.title).localeCompare(fold(b.programme.title), 'fr'));
  return { entries, conditions, replies: new Map() };
}

export function publicDirectory(db: Db, conditions: () => Condition[]) {
  const current = (): PublicDirectory => {
    let dir = directories.get(db);
    if (!dir) directories.set(db, (dir = build(db, conditions())));
    return dir;
  };
  return {
    /** Changes whenever what visitors see changes (a validation, a retired disease…). */
    version: (): string => String(generations.get(db) ?? 0),
    /** Every word must appear (accents and case aside); filters are exact. Ended programmes are left out. */
    search(query: PublicSearch): PublicList {
      const dir = current();
      const words = fold(query.q ?? '').split(' ').filter(Boolean);
      const found = dir.entries.filter(({ programme: p, words: text }) =>
        p.state !== 'arrete'
        && (!query.condition || p.conditions.includes(query.condition))
        && (!query.departement || p.sites.some((s) => s.departement === query.departement))
        && (!query.population || p.populations.includes(query.population as never))
        && (!query.setting || p.setting === query.setting)
        && words.every((w) => text.includes(w)));
      return { programmes: found.slice(0, PROGRAMME_LIMITS.publicPageMax).map((e) => e.programme), total: found.length, conditions: dir.conditions };
    },
    /**
     * The search's reply already encoded as JSON. The entries were checked against the public
     * schema when the directory was built, so the reply skips serialising them on every request.
     */
    searchReply(query: PublicSearch): Buffer {
      const dir = current();
      const key = JSON.stringify([query.q ?? '', query.condition, query.departement, query.population, query.setting]);
      let bytes = dir.replies.get(key);
      if (!bytes) {
        if (dir.replies.size >= REPLIES_KEPT) dir.replies.clear();
        dir.replies.set(key, (bytes = Buffer.from(JSON.stringify(this.search(query)), 'utf8')));
      }
      return bytes;
    },
    /** A published programme, ended ones included (a link to it keeps working). */
    get(id: string): ProgrammePublic | undefined {
      return current().entries.find((e) => e.programme.id === id)?.programme;
    },
    conditions: (): Condition[] => current().conditions,
    csv(): Buffer {
      const dir = current();
      return (dir.csv ??= Buffer.from(programmesCsv(dir.entries.map((e) => e.programme), dir.conditions), 'utf8'));
    },
    json(): Buffer {
      const dir = current();
      return (dir.json ??= Buffer.from(JSON.stringify({
        generatedAt: new Date().toISOString(),
        conditions: dir.conditions.map(({ code, labelFr, labelEn }) => ({ code, labelFr, labelEn })),
        programmes: dir.entries.map((e) => e.programme),
      }), 'utf8'));
    },
  };
}
