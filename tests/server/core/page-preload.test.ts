// A public page names its view's chunks and its data in the HTML it is sent (server/core/page-preload.ts).
// A small client build of our own (index.html and Vite's manifest), served by a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '../../helpers/server';
import { PUBLIC_PAGE_PRELOADS } from '../../../server/core/page-preload';

const INDEX = `<!doctype html>
<html lang="fr">
  <head>
    <title>Maillage</title>
    <script type="module" crossorigin src="/assets/index-1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vue-1.js">
  </head>
  <body><div id="app"></div></body>
</html>
`;
const MANIFEST = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_vue-1.js'] },
  '_vue-1.js': { file: 'assets/vue-1.js' },
  '_schema-1.js': { file: 'assets/schema-1.js', imports: ['_vue-1.js'] },
  'features/events/views/ShowAgendaView.vue': { file: 'assets/ShowAgendaView-1.js', imports: ['index.html', '_vue-1.js', '_schema-1.js'], css: ['assets/events-1.css'] },
  'features/documents/views/ListResourcesView.vue': { file: 'assets/ListResourcesView-1.js', imports: ['index.html'] },
};

let server: TestServer;
let clientDir: string;
beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'maillage-client-'));
  mkdirSync(join(clientDir, '.vite'));
  writeFileSync(join(clientDir, 'index.html'), INDEX);
  writeFileSync(join(clientDir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  server = await startServer({ clientDir });
});
afterAll(async () => {
  await server?.close();
  rmSync(clientDir, { recursive: true, force: true });
});

const page = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers });

describe('public pages', () => {
  it("start the agenda's data and its view's chunks with the page, nothing twice", async () => {
    const res = await page('/agenda/journee-2027');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<link rel="preload" as="fetch" crossorigin href="/api/events/public/journee-2027">');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/ShowAgendaView-1.js">');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/schema-1.js">');
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/events-1.css">');
    // Already named by index.html: not repeated.
    expect(html.match(/assets\/vue-1\.js/g)).toHaveLength(1);
    expect(html.match(/assets\/index-1\.js/g)).toHaveLength(1);
    // Still the app's page, links in the head.
    expect(html.indexOf('ShowAgendaView-1.js')).toBeLessThan(html.indexOf('</head>'));
    expect(html).toContain('<div id="app"></div>');
  });

  it('answers 304 to a browser that holds the same page, and another page has another tag', async () => {
    const first = await page('/ressources');
    const etag = first.headers.get('etag')!;
    expect(await first.text()).toContain('href="/api/documents/resources"');
    const again = await page('/ressources', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const other = await page('/agenda/journee-2027');
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('never puts an address it does not recognise into the page', async () => {
    for (const path of ['/agenda/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/agenda/"><script>', '/agenda/A-B-C']) {
      const html = await (await page(path)).text();
      expect(html).toBe(INDEX);
    }
  });

  it('leaves the data out when the address carries a search (the view then asks for other data)', async () => {
    const html = await (await page('/programmes?departement=69')).text();
    expect(html).not.toContain('as="fetch"');
  });

  it('sends index.html unchanged to the signed-in pages', async () => {
    const res = await page('/groupes');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
  });
});

it('names views that exist in the client, so a renamed view is noticed here', () => {
  for (const { view } of PUBLIC_PAGE_PRELOADS) expect(existsSync(join(process.cwd(), 'client', view)), view).toBe(true);
});
