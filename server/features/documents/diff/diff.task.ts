import { stateToSafeJson } from '../content/safe-json';
import { RENDER_LIMITS } from '../render/render.limits';
import type { Rendered } from '../render/render.tasks';
import { diffDocuments } from './diff.compute';

export type DiffResult = ReturnType<typeof diffDocuments>;

/**
 * Runs in the render pool's worker processes (re-exported by render.tasks.ts): both states read through
 * safe-json, whatever they hold, then compared; a comparison past the output bound is refused.
 */
export function diff({ a, b }: { a: Uint8Array; b: Uint8Array }): Rendered<DiffResult> {
  const value = diffDocuments(stateToSafeJson(a), stateToSafeJson(b));
  return JSON.stringify(value).length <= RENDER_LIMITS.maxOutputBytes ? { ok: true, value } : { ok: false, reason: 'too_large' };
}
