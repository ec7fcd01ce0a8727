// `npm run build`: the client with Vite (dist/client), then the server with esbuild (dist/server),
// then the stamp that `npm start` compares with the sources (scripts/start.mjs).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as buildClient } from 'vite';
import { buildServer } from './build-server.mjs';

export const stampFile = fileURLToPath(new URL('../dist/build-stamp.json', import.meta.url));

export async function buildAll() {
  const started = performance.now();
  await buildClient({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  await buildServer();
  // Written last: a build interrupted halfway leaves the old stamp, older than the sources, so the next start builds again.
  writeFileSync(stampFile, `${JSON.stringify({ builtAt: new Date().toISOString(), node: process.version })}\n`);
  console.log(`Construit en ${(Math.round(performance.now() - started) / 1000).toLocaleString('fr-FR')} s : dist/client, dist/server.`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildAll();
