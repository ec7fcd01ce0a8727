import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const server = process.env.MAILLAGE_DEV_SERVER ?? 'http://127.0.0.1:3000';

/**
 * Writes file.br and file.gz beside each text file of the build, at the strongest levels (they are
 * made once), for @fastify/static's `preCompressed` (server/core/static.ts): a visitor on a slow
 * phone link downloads about a third of the bytes and the server compresses nothing per request.
 */
function precompress(): Plugin {
  const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;
  let outDir = '';
  return {
    name: 'maillage:precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = config.build.outDir),
    async writeBundle(_options, bundle) {
      const br = promisify(brotliCompress);
      const gz = promisify(gzip);
      await Promise.all(Object.keys(bundle).filter((name) => compressible.test(name)).map(async (name) => {
        const file = join(outDir, name);
        const bytes = await readFile(file);
        if (bytes.length < 1024) return;
        const [brotli, gzipped] = await Promise.all([
          br(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
          gz(bytes, { level: 9 }),
        ]);
        if (brotli.length < bytes.length) await writeFile(`${file}.br`, brotli);
        if (gzipped.length < bytes.length) await writeFile(`${file}.gz`, gzipped);
      }));
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [vue(), precompress()],
  // vue-i18n: the Composition API only (no legacy API, no devtools), so the bundle drops what is never called.
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // Read by the server to name a public page's view chunks in its HTML (server/core/page-preload.ts).
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
      '/collab': { target: server, ws: true },
      '/agenda/': { target: server, bypass: (req) => (req.url?.endsWith('.ics') || req.url?.endsWith('.json') ? undefined : req.url) },
    },
  },
});
