/**
 * Password hashing work (argon2id: 64 MiB and tens of milliseconds of CPU each) waits here
 * instead of all running at once: a flood of sign-ins would otherwise fill libuv's thread pool
 * and the memory, and a real person's sign-in would wait behind every guess.
 *
 * Fair between accounts: each account (its lane key) has its own line and the lines are served
 * in turn, so fifty guesses at one account cost the guesser fifty turns while a colleague's
 * sign-in waits for one. Beyond `maxWaiting` the queue refuses at once (`QueueFull`).
 */
export class QueueFull extends Error {}

type Job = { run: () => Promise<unknown>; resolve: (value: unknown) => void; reject: (err: unknown) => void };

export class FairQueue {
  private readonly lines = new Map<string, Job[]>();
  /** Keys with waiting jobs, in serving order. */
  private readonly turns: string[] = [];
  private running = 0;
  private waiting = 0;

  constructor(private readonly concurrency: number, private readonly maxWaiting: number) {}

  /** True when one more job would be refused. */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting >= this.maxWaiting;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.full) return Promise.reject(new QueueFull('password queue full'));
    return new Promise<T>((resolve, reject) => {
      const job: Job = { run: task, resolve: resolve as (value: unknown) => void, reject };
      const line = this.lines.get(key);
      if (line) line.push(job);
      else {
        this.lines.set(key, [job]);
        this.turns.push(key);
      }
      this.waiting++;
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.concurrency && this.turns.length > 0) {
      const key = this.turns.shift()!;
      const line = this.lines.get(key)!;
      const job = line.shift()!;
      if (line.length > 0) this.turns.push(key);
      else this.lines.delete(key);
      this.waiting--;
      this.running++;
      Promise.resolve().then(job.run).then(job.resolve, job.reject).finally(() => {
        this.running--;
        this.next();
      });
    }
  }
}
