import { readState, type StateSource } from '../collab/worker-store';
import { stateToSafeJson } from '../content/safe-json';
import { RENDER_LIMITS } from '../render/render.limits';
import type { Rendered } from '../render/render.tasks';
import { diffDocuments } from './diff.compute';

export type DiffResult = ReturnType<typeof diffDocuments>;

/**
 * Runs in the render pool's worker processes (re-exported by render.tasks.ts): both states read through
 * safe-json, whatever they hold, then compared; a comparison past the output bound is refused.
 * The working text (`current`) of a large document comes as a description, read from SQLite here.
 */
export function diff({ a, b }: { a: StateSource; b: StateSource }): Rendered<DiffResult> {
  const value = diffDocuments(stateToSafeJson(readState(a)), stateToSafeJson(readState(b)));
  return JSON.stringify(value).length <= RENDER_LIMITS.maxOutputBytes ? { ok: true, value } : { ok: false, reason: 'too_large' };
}
