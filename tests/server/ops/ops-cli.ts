import { spawn } from 'node:child_process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run <script> -- <args>` as an operator would, with DATA_DIR pointing at `dataDir`;
 * `direct` skips npm and runs the same entry point with node (what the script calls, started faster).
 */
export function runOps(script: 'backup' | 'restore', args: string[], dataDir: string, how: 'npm' | 'direct' = 'npm'): Promise<CliResult> {
  const [command, argv] = how === 'npm'
    ? ['npm', ['run', '--silent', script, '--', ...args]]
    : [process.execPath, ['--import', 'tsx', 'server/ops/run.ts', script, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, argv as string[], {
      cwd: process.cwd(),
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
