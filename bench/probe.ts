import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const kB = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;

/**
 * Resident and peak memory of this server and its worker processes (Linux /proc): a server's
 * memory is its own plus its workers'. Each peak is the one since the previous reading, not the
 * start-up's; the peaks are added as if they had happened at once (an upper bound).
 */
function processes(): { rss: number; maxRss: number } {
  const total = { rss: 0, maxRss: 0 };
  const children = readdirSync('/proc/self/task').flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean));
  for (const pid of ['self', ...children]) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total.rss += kB(status, 'VmRSS');
      total.maxRss += kB(status, 'VmHWM');
      // The next reading's peak is the peak since this one, not the start-up's (Linux ≥ 4.0).
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // A worker that ended meanwhile holds nothing.
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
    const { heapUsed, external, arrayBuffers } = process.memoryUsage();
    const { rss, maxRss } = processes();
    console.log(JSON.stringify({ memory: { rss, heapUsed, external, arrayBuffers, maxRss } }));
  });
  // A bench that dies leaves no server behind: stdin closes with it.
  lines.once('close', () => process.kill(process.pid, 'SIGTERM'));
}
