import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGN_IN } from '../../../shared/limits';

/**
 * Attempts per lane (an e-mail address, or an e-mail address from a trusted device) in a fixed
 * window. Counted for every address, known or not, so that hitting the limit says nothing about
 * whether an account exists. Memory is bounded: past `maxKeys` the oldest lanes are forgotten.
 */
export class AttemptCounter {
  private readonly lanes = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly maxKeys = SIGN_IN.trackedLanesMax) {}

  /** Reserves one attempt; the number of seconds to wait when the lane has none left. */
  take(lane: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = Date.now();
    let entry = this.lanes.get(lane);
    if (!entry || entry.resetAt <= now) {
      this.lanes.delete(lane);
      if (this.lanes.size >= this.maxKeys) this.forget(now);
      entry = { count: 0, resetAt: now + this.windowMs };
      this.lanes.set(lane, entry);
    }
    if (entry.count >= this.max) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
    entry.count++;
    return { ok: true };
  }

  /** A correct password, or an attempt the server could not handle, does not use up the lane. */
  refund(lane: string): void {
    const entry = this.lanes.get(lane);
    if (entry && entry.count > 0) entry.count--;
  }

  private forget(now: number): void {
    for (const [lane, entry] of this.lanes) if (entry.resetAt <= now) this.lanes.delete(lane);
    // Still full: the oldest lanes go (a Map keeps insertion order).
    for (const lane of this.lanes.keys()) {
      if (this.lanes.size < this.maxKeys) break;
      this.lanes.delete(lane);
    }
  }
}

/**
 * How long real verifications take, queue included. An unknown address is answered after a
 * duration drawn from these, with no hash computed: the same reply, in the same time, for free.
 */
export class VerifyTimings {
  private readonly recent: number[] = [];
  private next = 0;

  record(ms: number): void {
    if (this.recent.length < SIGN_IN.timingSamples) this.recent.push(ms);
    else this.recent[this.next] = ms;
    this.next = (this.next + 1) % SIGN_IN.timingSamples;
  }

  get known(): boolean {
    return this.recent.length > 0;
  }

  /** Waits as long as a real verification would have, give or take 10 %. */
  async imitate(): Promise<void> {
    const sample = this.recent[Math.floor(Math.random() * this.recent.length)] ?? 0;
    await sleep(sample * (0.9 + Math.random() * 0.2));
  }
}

/**
 * The trusted-device cookie: a browser where someone signed in to an account gets a token for it,
 * and attempts at that account from that browser count in a lane of their own. Whoever floods an
 * account with wrong passwords exhausts the common lane, not the owner's usual computer. The
 * token is an HMAC keyed by the stored password hash: nothing to store, useless without the
 * database, and void once the password changes.
 */
export const DEVICE_COOKIE = 'maillage_device';

export const deviceToken = (userId: string, passwordHash: string): string =>
  createHmac('sha256', passwordHash).update(`maillage-device:${userId}`).digest('base64url').slice(0, 32);

export const readDeviceTokens = (cookie: string | undefined): string[] =>
  (cookie ?? '').split('.').filter((t) => /^[A-Za-z0-9_-]{32}$/.test(t)).slice(0, SIGN_IN.deviceTokensMax);

/** The cookie's new value: this token first, a few accounts per browser (a shared computer). */
export const withDeviceToken = (cookie: string | undefined, token: string): string =>
  [token, ...readDeviceTokens(cookie).filter((t) => t !== token)].slice(0, SIGN_IN.deviceTokensMax).join('.');
