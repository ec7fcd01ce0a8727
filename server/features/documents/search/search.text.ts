import { readState, type StateSource } from '../collab/worker-store';
import { stateToSafeJson } from '../content/safe-json';
import { plainText } from '../content/yjs-content';
import type { Rendered } from '../render/render.tasks';

// Runs in a render worker (re-exported by render.tasks.ts): the document is read and its text
// bounded here, so that only the part the index holds crosses back to the main process.

/** What the FTS5 tokenizer (unicode61) keeps inside a word: letters, digits, combining marks. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const isWordChar = (text: string, at: number) => WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));

/**
 * The start of `text`, at most `maxBytes` of UTF-8, never ending inside a character or a word: a
 * word cut in two would be indexed as a word the text does not hold.
 */
export function textStart(text: string, maxBytes: number): string {
  // A UTF-16 unit is at most 3 bytes of UTF-8: such a text fits without being measured.
  if (text.length * 3 <= maxBytes) return text;
  // encodeInto stops at the last whole character that fits: it costs the bound, not the text.
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(maxBytes));
  if (read >= text.length) return text;
  let end = read;
  if (isWordChar(text, end)) while (end > 0 && isWordChar(text, end - 1)) end--;
  return text.slice(0, end).trimEnd();
}

/** The plain text the search index holds, one block a line, at most `maxBytes` of it. */
export function indexedText({ state, maxBytes }: { state: StateSource; maxBytes: number }): Rendered<string> {
  return { ok: true, value: textStart(plainText(stateToSafeJson(readState(state))).replace(/\n{2,}/g, '\n').trim(), maxBytes) };
}
