import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * npm run bench:pages: public pages as a visitor on a phone first sees them. Real Chromium at
 * 360×740, a slow 4G link (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency) and a CPU slowed 4×,
 * an empty cache each time: Largest Contentful Paint and the bytes transferred, median of RUNS.
 *
 *   npm run bench:pages [-- --root <checkout> --client <its built client>]
 *
 * This checkout's server serves CLIENT_DIR (default dist/client, built by `npm run build`). With
 * --root and/or --client, another version (an older commit, its build) runs beside it and both are
 * visited in alternation, so a busy machine weighs on both alike: before and after in one table.
 */
const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 3);
const GOAL = { lcpMs: 2500, kb: 200 };
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const here = resolve('.');
const hereClient = resolve(process.env.CLIENT_DIR ?? 'dist/client');
const compared = arg('root') || arg('client')
  ? { root: resolve(arg('root') ?? '.'), client: resolve(arg('client') ?? hereClient) }
  : undefined;

const freePort = () => new Promise<number>((done) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => done(port));
  });
});

/** The server as `npm start` runs it (demo region included), from `root`, on a throwaway data dir. */
async function startServer(root: string, clientDir: string) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-pages-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: clientDir, DEMO: '1', LOG_LEVEL: 'warn' },
  });
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Maillage') && ready());
    child.once('exit', (code) => fail(new Error(`server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => { child.kill('SIGTERM'); rmSync(dataDir, { recursive: true, force: true }); } };
}

async function visit(browser: import('playwright-core').Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
      requests++;
    });
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as unknown as { lcp: number }).lcp = entry.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    // Generous bounds: a throttled page on a machine busy with other work can take long to load.
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.locator('main h1').first().waitFor({ timeout: 120_000 });
    // Lets late content (the agenda's sessions, the library's list) paint and be counted.
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
    await page.waitForTimeout(1500);
    const lcp = await page.evaluate(() => (window as unknown as { lcp?: number }).lcp ?? NaN);
    return { lcp, kb: bytes / 1024, requests };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const PAGES = [
  { page: 'agenda', path: '/agenda/journee-regionale-etp-2027' },
  { page: 'resource library', path: '/ressources' },
  { page: 'programme directory', path: '/programmes' },
  { page: 'pooling guide', path: '/mutualisation' },
  { page: 'pooling guide, an option', path: '/mutualisation/2.2' },
];
const versions = [
  ...(compared ? [{ name: 'before', ...compared }] : []),
  { name: compared ? 'after' : 'this checkout', root: here, client: hereClient },
];
const servers = await Promise.all(versions.map((v) => startServer(v.root, v.client)));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const verdict = (lcp: number, kb: number) => (lcp <= GOAL.lcpMs && kb <= GOAL.kb ? 'met' : 'not met');
try {
  const rows = [];
  for (const { page, path } of PAGES) {
    const runs = versions.map(() => [] as Awaited<ReturnType<typeof visit>>[]);
    // Alternating visits: the versions share whatever else the machine is doing at that moment.
    for (let i = 0; i < RUNS; i++) {
      for (const [v, server] of servers.entries()) runs[v].push(await visit(browser, `${server.url}${path}`));
    }
    const row: Record<string, string | number> = { page: `${page} (${path})` };
    for (const [v, version] of versions.entries()) {
      const lcp = median(runs[v].map((r) => r.lcp));
      const kb = median(runs[v].map((r) => r.kb));
      const prefix = versions.length > 1 ? `${version.name}: ` : '';
      row[`${prefix}LCP ms`] = Math.round(lcp);
      row[`${prefix}KB`] = Math.round(kb);
      row[`${prefix}requests`] = median(runs[v].map((r) => r.requests));
      row[`${prefix}goal`] = verdict(lcp, kb);
    }
    rows.push(row);
  }
  console.log(`First visit, 360×740, 1.6 Mbit/s and 150 ms, CPU slowed 4×; median of ${RUNS}; goal LCP ≤ ${GOAL.lcpMs} ms and ≤ ${GOAL.kb} KB`);
  for (const v of versions) console.log(`  ${v.name}: server ${v.root}, client ${v.client}`);
  console.table(rows);
} finally {
  await browser.close();
  for (const server of servers) server.stop();
}
process.exit(0);
