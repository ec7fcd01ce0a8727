import argon2 from 'argon2';
import { SIGN_IN } from '../../../shared/limits';
import { AppError } from '../../core/errors';
import { FairQueue, QueueFull } from './password-queue';

/** Every argon2 computation of the process: a few at a time, a bounded line behind them. */
const queue = new FairQueue(SIGN_IN.hashConcurrency, SIGN_IN.hashQueueMax);

export const busy = () =>
  new AppError(503, 'sign_in_busy', 'Trop de connexions en cours, réessayez dans quelques secondes.', undefined, SIGN_IN.busyRetrySeconds);

/** True when one more password to hash or verify would be refused at once. */
export const passwordQueueFull = (): boolean => queue.full;

async function queued<T>(key: string, task: () => Promise<T>): Promise<T> {
  try {
    return await queue.run(key, task);
  } catch (err) {
    throw err instanceof QueueFull ? busy() : err;
  }
}

/** argon2id with the library's defaults (64 MiB, 3 passes), the OWASP-recommended baseline. */
export const hashPassword = (password: string): Promise<string> =>
  queued('hash', () => argon2.hash(password, { type: argon2.argon2id }));

/** `lane` names the account (see sign-in.ts): attempts at one account wait in one line. */
export function verifyPassword(hash: string, password: string, lane = 'verify'): Promise<boolean> {
  return queued(lane, async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

// Verified against once to learn what a verification costs, before any real one was measured.
let dummy: Promise<string> | null = null;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('maillage-timing-equaliser'));
