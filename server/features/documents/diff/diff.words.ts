import { diffWordsWithSpace } from 'diff';
import type { DiffSegment } from '../../../../shared/documents.diff.schema';

/** A word diff that takes longer than this gives up and shows the block as replaced. */
const WORD_DIFF_TIMEOUT_MS = 1_000;

const WORD = /\S+/g;
export const wordCount = (text: string) => text.match(WORD)?.length ?? 0;

/** Consecutive segments of the same kind in one, and no empty ones. */
function merged(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const s of segments) {
    if (!s.text) continue;
    const last = out.at(-1);
    if (last && last.op === s.op) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/**
 * Word-level changes from `a` to `b` (jsdiff, words and the spaces between them as tokens): a
 * changed word shows as the old word deleted and the new one inserted, never letters.
 */
export function wordDiff(a: string, b: string): DiffSegment[] {
  if (a === b) return merged([{ op: 'equal', text: a }]);
  if (!a) return merged([{ op: 'insert', text: b }]);
  if (!b) return merged([{ op: 'delete', text: a }]);
  const changes = diffWordsWithSpace(a, b, { timeout: WORD_DIFF_TIMEOUT_MS });
  if (!changes) return merged([{ op: 'delete', text: a }, { op: 'insert', text: b }]);
  // Deletions before insertions within a run, so a replaced word reads "old new".
  const segments: DiffSegment[] = [];
  let pendingInsert: DiffSegment[] = [];
  for (const c of changes) {
    if (c.added) {
      pendingInsert.push({ op: 'insert', text: c.value });
    } else if (c.removed) {
      segments.push({ op: 'delete', text: c.value });
    } else {
      segments.push(...pendingInsert, { op: 'equal', text: c.value });
      pendingInsert = [];
    }
  }
  segments.push(...pendingInsert);
  return merged(segments);
}

/** Share of words two texts have in common (0–1): whether a removed and an added block are one block changed. */
export function similarity(a: string, b: string): number {
  const wa = a.toLowerCase().match(WORD) ?? [];
  const wb = b.toLowerCase().match(WORD) ?? [];
  if (wa.length === 0 || wb.length === 0) return wa.length === wb.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) { common += 1; counts.set(w, n - 1); }
  }
  return common / Math.max(wa.length, wb.length);
}
