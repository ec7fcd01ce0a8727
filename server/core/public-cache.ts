import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Sqlite } from '../../db/client';
import { PUBLIC_CACHE } from '../../shared/limits';

/**
 * What a public read sends: its bytes, their type, and when its data last changed if the data knows.
 * `sha1`: the bytes' SHA-1 (base64url) when their maker computed it off the event loop (a worker):
 * hashing a 35 MB PDF here would hold the loop for tens of ms.
 */
export interface PublicBody { body: string | Buffer; type: string; modifiedAt?: Date; sha1?: string }

export interface PublicRead {
  /** What is read, e.g. `agenda:<eventId>:ics`; `invalidate()` takes a prefix of it. */
  resource: string;
  /** Everything the bytes depend on, read cheaply: another version is built anew. */
  version: string;
  cacheControl: string;
  /** Sent with the answer (200 or 304) only, never with an error: a file name, say. */
  headers?: Record<string, string>;
  /**
   * Makes the bytes. Called in the same turn of the event loop as `version` was read, so both
   * describe the same data (SQLite is synchronous here); it may then await (a render pool).
   */
  build: () => PublicBody | Promise<PublicBody>;
}

interface Entry {
  version: string; type: string; body: Buffer; gzip: Buffer | null; br: Buffer | null;
  etag: string; modifiedMs: number; lastModified: string; bytes: number;
}

export interface PublicCache {
  /** Answers the read from memory (200, or 304 when the client's copy is current). */
  send(request: FastifyRequest, reply: FastifyReply, read: PublicRead): Promise<FastifyReply>;
  /** Forgets every resource whose name starts with `prefix` (a new publication, say). */
  invalidate(prefix: string): void;
  stats(): { entries: number; bytes: number };
}

declare module 'fastify' {
  interface FastifyInstance {
    publicCache: PublicCache;
  }
}

/** Cache-Control of public reads: every one can be revalidated for the price of a 304. */
export const PUBLIC_CACHE_CONTROL = {
  /** Read by our pages through the API, with live parts (seat counts, a document still edited): asked again each time. */
  live: 'public, no-cache',
  /** Files given to calendar and conference apps, changed by a publication: kept a minute, then asked again. */
  published: 'public, max-age=60, must-revalidate',
} as const;
export const JSON_TYPE = 'application/json; charset=utf-8';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const floorToSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** br, else gzip, else nothing: what the client accepts (a `;q=0` refuses). */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set((header ?? '').split(',').map((part) => part.trim().toLowerCase())
    .filter((part) => !/;\s*q=0(\.0*)?$/.test(part)).map((part) => part.split(';')[0].trim()));
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

/**
 * acceptedEncoding() of the few Accept-Encoding values browsers send, kept: each public read would
 * otherwise split, filter and match the header anew. Bounded: a client sending a new value on
 * every request only empties it.
 */
const encodingOf = new Map<string, 'br' | 'gzip' | null>();
const ENCODINGS_KEPT = 64;
function encodingFor(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  if (header.length > 256) return acceptedEncoding(header);
  let encoding = encodingOf.get(header);
  if (encoding === undefined) {
    if (encodingOf.size >= ENCODINGS_KEPT) encodingOf.clear();
    encoding = acceptedEncoding(header);
    encodingOf.set(header, encoding);
  }
  return encoding;
}

/** If-None-Match first (weak comparison, as RFC 9110 asks); If-Modified-Since only without it. */
function isFresh(request: FastifyRequest, entry: Entry): boolean {
  const tags = request.headers['if-none-match'];
  if (tags) return tags.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === entry.etag.slice(2));
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && entry.modifiedMs <= since;
}

/**
 * Text compresses; a PDF or an image is compressed inside already: trying again costs seconds of
 * brotli and stores two more copies of the same size.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;

async function serialise(version: string, made: PublicBody, previous: Entry | undefined, compressFrom: number): Promise<Entry> {
  const body = typeof made.body === 'string' ? Buffer.from(made.body) : made.body;
  // Weak: the gzip and br variants carry the same tag, being the same content.
  const etag = `W/"${made.sha1 ?? createHash('sha1').update(body).digest('base64url')}"`;
  // Last-Modified only moves forward, a second at least per change, so If-Modified-Since never hides one.
  let modifiedMs = floorToSecond(made.modifiedAt?.getTime() ?? Date.now());
  if (previous?.etag === etag) modifiedMs = previous.modifiedMs;
  else if (previous && modifiedMs <= previous.modifiedMs) modifiedMs = previous.modifiedMs + 1000;
  const compress = body.length >= compressFrom && COMPRESSIBLE.test(made.type);
  const [gz, br] = compress ? await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]) : [null, null];
  return {
    version, type: made.type, body, gzip: gz, br, etag, modifiedMs, lastModified: new Date(modifiedMs).toUTCString(),
    bytes: body.length + (gz?.length ?? 0) + (br?.length ?? 0) + version.length + 200,
  };
}

/** A bounded LRU of serialised public bodies: one entry per resource, at its latest version read. */
export function createPublicCache(limits: { maxEntries: number; maxBytes: number; compressFromBytes: number } = PUBLIC_CACHE): PublicCache {
  const entries = new Map<string, Entry>(); // least recently read first
  const building = new Map<string, Promise<Entry>>();
  let bytes = 0;
  let generation = 0;

  const drop = (resource: string) => {
    const entry = entries.get(resource);
    if (!entry) return;
    bytes -= entry.bytes;
    entries.delete(resource);
  };
  const store = (resource: string, entry: Entry) => {
    drop(resource);
    if (entry.bytes > limits.maxBytes) return;
    entries.set(resource, entry);
    bytes += entry.bytes;
    for (const oldest of entries.keys()) {
      if (entries.size <= limits.maxEntries && bytes <= limits.maxBytes) break;
      drop(oldest);
    }
  };

  function entryOf(read: PublicRead): Entry | Promise<Entry> {
    const cached = entries.get(read.resource);
    if (cached?.version === read.version) {
      entries.delete(read.resource);
      entries.set(read.resource, cached);
      return cached;
    }
    const key = `${read.resource}\n${read.version}`;
    const pending = building.get(key);
    if (pending) return pending;
    const startedAt = generation;
    const made = read.build();
    const promise = Promise.resolve(made)
      .then((body) => serialise(read.version, body, cached, limits.compressFromBytes))
      .then((entry) => {
        // Invalidated while it was being built: answer this request, keep nothing.
        if (generation === startedAt) store(read.resource, entry);
        return entry;
      })
      .finally(() => building.delete(key));
    building.set(key, promise);
    return promise;
  }

  return {
    async send(request, reply, read) {
      const entry = await entryOf(read);
      reply.header('cache-control', read.cacheControl).header('etag', entry.etag)
        .header('last-modified', entry.lastModified).header('vary', 'Accept-Encoding');
      if (read.headers) reply.headers(read.headers);
      if (isFresh(request, entry)) return reply.code(304).send();
      reply.header('content-type', entry.type);
      const encoding = entry.br ? encodingFor(request.headers['accept-encoding']) : null;
      if (encoding) return reply.header('content-encoding', encoding).send(encoding === 'br' ? entry.br : entry.gzip);
      return reply.send(entry.body);
    },
    invalidate(prefix) {
      generation++;
      for (const resource of [...entries.keys()]) if (resource.startsWith(prefix)) drop(resource);
    },
    stats: () => ({ entries: entries.size, bytes }),
  };
}

/**
 * Remembers what a public read's version check found until the database changes, so a flood of
 * visitors on a quiet database costs an integer read instead of a query each. Changes are seen
 * from this connection's count of changed rows (every write of the app, at once; a cascade or a
 * rolled-back write only forgets more) and SQLite's data_version (commits of any other connection:
 * the collaboration workers, another process). data_version takes a read lock (two system calls),
 * so it is read once per turn of the event loop: the requests of one turn see other connections'
 * commits as of its start, less than a millisecond before. Only found rows are kept, at most `maxKeys`.
 */
export function untilDatabaseChanges(sqlite: Sqlite, maxKeys = 10_000) {
  const changes = sqlite.prepare('SELECT total_changes()').pluck();
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let versionThisTurn: unknown = null;
  const forgetVersion = () => { versionThisTurn = null; };
  const othersVersion = () => {
    if (versionThisTurn === null) {
      versionThisTurn = dataVersion.get();
      setImmediate(forgetVersion);
    }
    return versionThisTurn;
  };
  const kept = new Map<string, unknown>();
  let stamp = '';
  return function remembered<T>(key: string, read: () => T | null | undefined): T | null | undefined {
    const now = `${changes.get()}:${othersVersion()}`;
    if (now !== stamp) {
      kept.clear();
      stamp = now;
    }
    if (kept.has(key)) return kept.get(key) as T;
    const value = read();
    if (value != null) {
      if (kept.size >= maxKeys) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}

/** `app.publicCache`: what visitors read, serialised once per version (see PUBLIC_CACHE). */
export default fp(async function publicCache(app: FastifyInstance) {
  app.decorate('publicCache', createPublicCache());
});
