/**
 * At most `concurrency` tasks at once and `maxWaiting` more waiting their turn; past that, a task
 * is refused at once with the error `refuse()` makes. For work a person asks for and waits on
 * (a visitor's PDF): a short wait is better than an error, an unbounded line is a memory leak.
 */
export function createWaitingLine(concurrency: number, maxWaiting: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>, refuse: () => Error): Promise<T> {
    if (running < concurrency) running += 1;
    else if (waiting.length < maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
    else throw refuse();
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so none is taken twice.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
