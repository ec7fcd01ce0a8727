import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The project's root: the compiled server must live under it to find node_modules. */
export const root = process.cwd();

/** Compiles the server as `npm run build` does, into a folder of its own (others may be building dist/server). */
export function buildServerCopy(): string {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const outDir = mkdtempSync(join(root, 'dist', 'server-test-'));
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs'), outDir], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`server build failed: ${build.stderr}`);
  return outDir;
}

export const removeBuild = (outDir: string) => rmSync(outDir, { recursive: true, force: true });

/** A free port, so that PUBLIC_URL (the allowed Origin) names the port the server will listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

export interface BuiltServer {
  url: string;
  /** The start-up time the server printed ("Maillage est prêt en 420 ms"). */
  startupMs: number;
  output(): string;
  /** SIGTERM, as systemd stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `node <outDir>/main.js`, as production does, and waits for the line saying it is ready. */
export async function startBuiltServer(outDir: string, env: Record<string, string>): Promise<BuiltServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(outDir, 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: 'warn', ...(process.env.CLIENT_DIR ? { CLIENT_DIR: process.env.CLIENT_DIR } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const startupMs = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const ready = /Maillage est prêt en ([\d\s\u202f]+) ms/.exec(output);
      if (ready) resolve(Number(ready[1].replace(/\D/g, '')));
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`the built server exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    url,
    startupMs,
    output: () => output,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
