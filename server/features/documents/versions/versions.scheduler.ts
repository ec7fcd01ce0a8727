/** When automatic versions are taken: after a pause in editing, and at least every few minutes of activity. */
export interface VersionTiming {
  pauseMs: number;
  maxIntervalMs: number;
}
export const DEFAULT_VERSION_TIMING: VersionTiming = { pauseMs: 2 * 60_000, maxIntervalMs: 10 * 60_000 };

interface Pending { timer: NodeJS.Timeout; since: number; userIds: Set<string> }

/**
 * Decides WHEN to take an automatic version from the stream of persisted changes; `take` does
 * the work. A pause of `pauseMs` closes a stretch of editing; a stretch longer than
 * `maxIntervalMs` is cut so a long session still leaves versions behind it.
 */
export function versionScheduler(timing: VersionTiming, take: (documentId: string, userIds: string[]) => void, now = () => Date.now()) {
  const pending = new Map<string, Pending>();

  function fire(documentId: string): void {
    const p = pending.get(documentId);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(documentId);
    take(documentId, [...p.userIds]);
  }

  return {
    changed(documentId: string, userIds: string[]): void {
      const p = pending.get(documentId);
      const since = p?.since ?? now();
      if (p) clearTimeout(p.timer);
      const next: Pending = { since, userIds: new Set([...(p?.userIds ?? []), ...userIds]), timer: setTimeout(() => fire(documentId), timing.pauseMs) };
      next.timer.unref();
      pending.set(documentId, next);
      if (now() - since >= timing.maxIntervalMs) fire(documentId);
    },
    /** Takes every pending version now (server stopping). */
    flush(): void {
      for (const id of [...pending.keys()]) fire(id);
    },
    stop(): void {
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
  };
}
