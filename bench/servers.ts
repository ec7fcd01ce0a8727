import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Target } from './clients';

/**
 * Starting the servers under test, each in its own process, and reading what they report on
 * stdout: the first line is the target, later `{"stored": …}`, `{"loop": …}` and `{"memory": …}`
 * lines answer the bench. Their stdin stays open: it carries the bench's questions, and a server
 * whose bench died sees it close and stops.
 */
export interface LoopDelay { p50: number; p99: number; max: number }
export interface Memory { rss: number; heapUsed: number; external: number; arrayBuffers: number; maxRss: number }

export interface Started<T extends Target = Target> {
  target: T;
  child: ChildProcess;
  storedAt: number[];
  /** How late the event loop ran since the previous call (our server only). */
  loop: () => Promise<LoopDelay>;
  /** The server's memory after a full garbage collection. */
  memory: () => Promise<Memory>;
  stop: () => Promise<void>;
}

/** BENCH_CPU_PROF=<dir>: every server that exits on its own (ours, Hocuspocus) leaves a CPU profile there. */
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

/** Every server a section starts (bench/<name>.ts), compiled together on first use. */
const SCRIPTS = ['bench/our-server.ts', 'bench/reference-server.ts', 'bench/hocuspocus-server.ts', 'bench/public-reads.ts', 'bench/thread-fanout.ts'];
const BUILD_DIR = 'dist/bench';
let built = false;

/**
 * Each server runs as ours runs in production: compiled once by esbuild (scripts/build-server.mjs,
 * the production build's settings), then plain `node`. Under tsx our code, unlike the packages the
 * others are made of, would pay tsx's additions (a `__name` call for every named function created).
 */
export function compiled(script: string): string {
  if (!SCRIPTS.includes(script)) throw new Error(`bench: ${script} is not among the servers it compiles`);
  if (!built) {
    const build = spawnSync(process.execPath, ['scripts/build-server.mjs', BUILD_DIR, ...SCRIPTS], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`bench: the servers could not be compiled\n${build.stderr}`);
    built = true;
  }
  return `${BUILD_DIR}/${basename(script, '.ts')}.js`;
}

export function startServer<T extends Target = Target>(script: string, env: Record<string, string> = {}): Promise<Started<T>> {
  const child = spawn(process.execPath, [...profile, '--expose-gc', compiled(script)], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const storedAt: number[] = [];
  const loopWaiters: Array<(d: LoopDelay) => void> = [];
  const memoryWaiters: Array<(m: Memory) => void> = [];
  // Our server answers SIGUSR2 with how late its event loop ran since the previous one.
  const loop = () => new Promise<LoopDelay>((resolve) => {
    loopWaiters.push(resolve);
    child.kill('SIGUSR2');
  });
  const memory = () => new Promise<Memory>((resolve) => {
    memoryWaiters.push(resolve);
    child.stdin!.write('memory\n');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      resolve({ target: JSON.parse(line) as T, child, storedAt, loop, memory, stop });
      lines.on('line', (event) => {
        if (event.startsWith('{"stored":')) storedAt.push((JSON.parse(event) as { stored: number }).stored);
        if (event.startsWith('{"loop":')) loopWaiters.shift()?.((JSON.parse(event) as { loop: LoopDelay }).loop);
        if (event.startsWith('{"memory":')) memoryWaiters.shift()?.((JSON.parse(event) as { memory: Memory }).memory);
      });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
}

export const MB = 1024 * 1024;
