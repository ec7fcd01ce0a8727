import type { StateSource } from '../collab/worker-store';

// Read by the main process (the route says which text) and by the render workers (export.read.ts
// reads it): nothing here loads what only a worker needs.

/**
 * Which text of a document an export is made of: the working text, a version of the history, or a
 * version of record (`number` absent: the one the library shows).
 */
export type ExportText = { kind: 'working' } | { kind: 'version'; id: string } | { kind: 'published'; number?: number };

/**
 * What a render worker reads an export from, by description rather than by bytes: the worker
 * reads SQLite itself (a 32 MB state copied to it and back cost the event loop tens of ms).
 * `state`: the working text as `collab.stateSource` gives it (a small document's bytes, or the
 * document described); read from `file` when absent.
 */
export interface ExportSource { file: string; documentId: string; text: ExportText; state?: StateSource }

/** The text a version reference of the export route names (`version:<id>`, `published`, `published:<n>`). */
export function exportText(ref: string | undefined): ExportText {
  if (!ref) return { kind: 'working' };
  if (ref.startsWith('published')) return ref === 'published' ? { kind: 'published' } : { kind: 'published', number: Number(ref.slice('published:'.length)) };
  return { kind: 'version', id: ref.slice('version:'.length) };
}

/**
 * Thrown in the worker for a version that does not exist; the pool answers 404 with `message`
 * (what is missing). A code rather than a class: errors cross to the main process as name, message, code.
 */
export const SOURCE_NOT_FOUND = 'export_source_not_found';
