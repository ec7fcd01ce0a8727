import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = process.cwd();
const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

/** Browser tests need the built client: build it once per run, when the sources are newer. */
export default async function setup() {
  const index = join(root, 'dist/client/index.html');
  const stale = !existsSync(index) || Math.max(newest(join(root, 'client')), newest(join(root, 'shared'))) > statSync(index).mtimeMs;
  if (stale) await build({ logLevel: 'warn' });
}
