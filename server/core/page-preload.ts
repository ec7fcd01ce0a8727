import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The public pages' head start. A visitor's phone otherwise discovers, one round trip after the
 * other, the app's script, then the page's view (a chunk loaded by the router), then the page's
 * data (fetched once the view runs). For the public pages below the server names both in the
 * page it sends: `<link rel="modulepreload">` for the view's chunks (from Vite's manifest) and
 * `<link rel="preload" as="fetch">` for the data, so all three download at once.
 *
 * The table pairs each page address with the client view the router opens there and the API read
 * the view makes first (the same URL, byte for byte, or the browser would fetch it twice). Only
 * strings: core knows no feature module. A renamed view only loses its preload (a test lists them).
 */
export const PUBLIC_PAGE_PRELOADS: { page: RegExp; view: string; data?: (match: RegExpMatchArray) => string }[] = [
  // A slug as events accept it (shared/events.schema.ts): lower case, digits and dashes, ≤ 80.
  { page: /^\/agenda\/([a-z0-9-]{3,80})$/, view: 'features/events/views/ShowAgendaView.vue', data: (m) => `/api/events/public/${m[1]}` },
  { page: /^\/ressources$/, view: 'features/documents/views/ListResourcesView.vue', data: () => '/api/documents/resources' },
  // Unfiltered only: the directory asks `/programmes/public?` plus its filters, none on a first visit.
  { page: /^\/programmes$/, view: 'features/programmes/views/ListProgrammesView.vue', data: () => '/api/programmes/public?' },
  { page: /^\/mutualisation$/, view: 'features/pooling/views/ShowGuideView.vue' },
  { page: /^\/mutualisation\/[1-5]$/, view: 'features/pooling/views/ShowSituationView.vue' },
  { page: /^\/mutualisation\/\d\.\d$/, view: 'features/pooling/views/ShowOptionView.vue' },
];

interface ManifestChunk { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }
type Manifest = Record<string, ManifestChunk>;

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Every chunk a manifest entry needs, itself included (files and stylesheets). */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) closure(manifest, imported, seen);
  return seen;
}

export interface PageHtml { html: string; etag: string }

/**
 * Reads index.html and Vite's manifest once; `pageFor(path)` gives the page with its preloads for a
 * public address (undefined for the others: they get index.html as it is).
 */
export function pagePreloader(clientDir: string) {
  const index = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const manifestFile = join(clientDir, '.vite', 'manifest.json');
  const manifest: Manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest : {};
  // The entry's chunks are already in index.html.
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const inEntry = entry ? closure(manifest, entry) : new Set<string>();
  const viewLinks = new Map<string, string[]>();
  for (const { view } of PUBLIC_PAGE_PRELOADS) {
    const keys = [...closure(manifest, view)].filter((key) => !inEntry.has(key));
    viewLinks.set(view, [
      ...keys.map((key) => `<link rel="modulepreload" crossorigin href="/${escapeAttribute(manifest[key].file)}">`),
      ...keys.flatMap((key) => manifest[key].css ?? []).map((css) => `<link rel="preload" as="style" crossorigin href="/${escapeAttribute(css)}">`),
    ]);
  }

  /** `query`: the address has one; the data preloads are then left out (the view may ask other data). */
  return function pageFor(path: string, query = false): PageHtml | undefined {
    for (const { page, view, data } of PUBLIC_PAGE_PRELOADS) {
      const match = path.match(page);
      if (!match) continue;
      const links = [...(viewLinks.get(view) ?? [])];
      // `crossorigin` (anonymous) is the credentials mode of the app's fetch (same-origin): the
      // browser then hands this download to the view's request instead of fetching again.
      if (data && !query) links.unshift(`<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(data(match))}">`);
      if (!links.length) return undefined;
      const html = index.replace('</head>', `    ${links.join('\n    ')}\n  </head>`);
      return { html, etag: `"${createHash('sha1').update(html).digest('base64url').slice(0, 27)}"` };
    }
    return undefined;
  };
}
