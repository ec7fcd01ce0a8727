import { createInterface } from 'node:readline';

/**
 * The server side of the bench's memory readings: a `memory` line on stdin is answered on stdout
 * with `{"memory": …}` after a full garbage collection (the bench starts servers with --expose-gc),
 * so that what is counted is what the server holds, not what it has yet to free.
 */
export function answerMemoryProbes(): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log(JSON.stringify({ memory: { rss, heapUsed, external, arrayBuffers, maxRss } }));
  });
  // A bench that dies leaves no server behind: stdin closes with it.
  lines.once('close', () => process.kill(process.pid, 'SIGTERM'));
}
