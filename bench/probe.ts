import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const kB = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;

/**
 * Resident and peak memory of this server's worker processes (Linux /proc): a server's memory is
 * its own plus its workers'. The peaks are added as if they had happened at once (an upper bound).
 */
function workers(): { rss: number; maxRss: number } {
  const total = { rss: 0, maxRss: 0 };
  for (const task of readdirSync('/proc/self/task')) {
    for (const pid of readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        total.rss += kB(status, 'VmRSS');
        total.maxRss += kB(status, 'VmHWM');
      } catch {
        // A worker that ended meanwhile holds nothing.
      }
    }
  }
  return total;
}

/**
 * The server side of the bench's memory readings: a `memory` line on stdin is answered on stdout
 * with `{"memory": …}`, the server's and its worker processes', after a full garbage collection
 * (the bench starts servers with --expose-gc), so that what is counted is what the server holds,
 * not what it has yet to free.
 */
export function answerMemoryProbes(): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', async (line) => {
    if (line.trim() !== 'memory') return;
    // Workers collect their garbage after a second idle (core/workers/bootstrap.mjs), as this
    // process does below: what they hold is read after that.
    await new Promise((done) => setTimeout(done, 1500));
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    const children = workers();
    console.log(JSON.stringify({ memory: { rss: rss + children.rss, heapUsed, external, arrayBuffers, maxRss: process.resourceUsage().maxRSS * 1024 + children.maxRss } }));
  });
  // A bench that dies leaves no server behind: stdin closes with it.
  lines.once('close', () => process.kill(process.pid, 'SIGTERM'));
}
