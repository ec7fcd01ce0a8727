import { readState, type StateSource } from '../collab/worker-store';
import { stateToSafeJson } from '../content/safe-json';
import type { PmNode } from '../content/prose';
import { toHtml } from '../export/html';
import { RENDER_LIMITS } from './render.limits';

// Runs in the render pool's worker processes (render.pool.ts), never on the event loop: each task
// reads a Yjs state through safe-json, whatever it holds, and renders it. A state given as a
// description (a large document's working text, worker-store.ts) is read from SQLite here. An
// output past the size bound comes back as a refusal, not as 50 MB copied to the main thread.

export type Rendered<T> = { ok: true; value: T } | { ok: false; reason: 'too_large' };

interface StatePayload { state: Uint8Array }

function bounded<T extends string | Uint8Array>(value: T): Rendered<T> {
  const size = typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength;
  return size <= RENDER_LIMITS.maxOutputBytes ? { ok: true, value } : { ok: false, reason: 'too_large' };
}

/** The sanitised HTML body: /content, a version's view, the public resource. */
export const html = ({ state }: { state: StateSource }) => bounded(toHtml(stateToSafeJson(readState(state))));

/**
 * An export (HTML, Markdown, DOCX, PDF): read from SQLite and written to a temporary file here,
 * so that neither the document's state nor the file's bytes cross the main process.
 */
export { writeExport as exportFile } from '../export/export.write';

/** The safe JSON itself (a restore writes it back as a forward change). */
export function json({ state }: StatePayload): Rendered<PmNode> {
  const value = stateToSafeJson(state);
  return JSON.stringify(value).length <= RENDER_LIMITS.maxOutputBytes ? { ok: true, value } : { ok: false, reason: 'too_large' };
}

/** Two states hold the same text when their JSON is equal (state vectors miss deletions). */
/**
 * A state's content as compared: empty paragraphs at the very end are left out, since the editor
 * keeps one there to type after a table or a list, and opening a document is not changing it.
 */
function comparable(state: Uint8Array): string {
  const json = stateToSafeJson(state);
  const content = [...(json.content ?? [])];
  while (content.length > 0 && content.at(-1)!.type === 'paragraph' && !(content.at(-1)!.content?.length)) content.pop();
  return JSON.stringify({ ...json, content });
}

export function sameContent({ a, b }: { a: Uint8Array; b: Uint8Array }): Rendered<boolean> {
  return { ok: true, value: comparable(a) === comparable(b) };
}

/**
 * For each earlier state, whether the current text still holds the same content (a reviewer's
 * "modifié depuis votre approbation"): the current state is read once for all of them.
 */
export function sameAsEach({ current, others }: { current: StateSource; others: Uint8Array[] }): Rendered<boolean[]> {
  const now = comparable(readState(current));
  return { ok: true, value: others.map((state) => comparable(state) === now) };
}

/** The plain text the search index holds, bounded here so that only what is indexed crosses back (search/). */
export { indexedText } from '../search/search.text';

/** Visible changes between two states (diff/): word level, in this pool like every other reading. */
export { diff } from '../diff/diff.task';
