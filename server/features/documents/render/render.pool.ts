import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { databaseFile } from '../../../../db/client';
import { AppError, notFound, sizeInWords } from '../../../core/errors';
import { WorkerPoolBusy, WorkerTaskTimeout, createWorkerPool } from '../../../core/worker-pool';
import type { StateSource } from '../collab/worker-store';
import type { PmNode } from '../content/prose';
import type { DiffResult } from '../diff/diff.task';
import { SOURCE_NOT_FOUND, type ExportText } from '../export/export.source';
import { exportsTempDir, removeExportFile } from '../export/export.temp';
import type { ExportRequest, WrittenExport } from '../export/export.write';
import { EXPORT_TOO_LARGE, RENDER_LIMITS } from './render.limits';
import type { Rendered } from './render.tasks';

export type ExportFormat = 'html' | 'md' | 'docx' | 'pdf';

/** An export to make: of which document, which text, in which format. */
export interface ExportOrder {
  documentId: string;
  text: ExportText;
  /** The working text as `collab.stateSource` gives it; read from SQLite by the worker when absent. */
  state?: StateSource;
  format: ExportFormat;
  title: string;
  appendix?: string;
}

/** An export written to a temporary file (export.temp.ts): whoever asked for it sends it, then deletes it. */
export interface ExportFile extends WrittenExport { path: string }

/**
 * Every rendering of a document (exports, /content, a version's view, the public resource, the
 * comparison behind automatic versions, the JSON of a restore) runs in worker processes: a large or
 * hostile document costs one worker's time and heap, and the event loop keeps serving everyone.
 */
export interface Renderer {
  /** A state is its bytes, or a document's working text the worker reads from SQLite (`collab.stateSource`). */
  html(state: StateSource): Promise<string>;
  /**
   * An export, read from SQLite and written to a file by a worker: the main process handles neither
   * the state nor the file's bytes. An unknown version is a 404; the PDF's footer names the text.
   */
  exportFile(order: ExportOrder): Promise<ExportFile>;
  json(state: Uint8Array): Promise<PmNode>;
  /** The plain text the search index holds: at most `maxBytes` of it, cut at a word, is all that crosses back. */
  indexedText(state: StateSource, maxBytes: number): Promise<string>;
  sameContent(a: Uint8Array, b: Uint8Array): Promise<boolean>;
  /** Visible changes from state `a` to state `b` (diff/). */
  diff(a: StateSource, b: StateSource): Promise<DiffResult>;
  /** Whether each of `others` holds the same text as `current` (one reading of `current`). */
  sameAsEach(current: StateSource, others: Uint8Array[]): Promise<boolean[]>;
  close(): Promise<void>;
}

const tooLarge = (maxBytes: number = RENDER_LIMITS.maxOutputBytes) =>
  new AppError(413, 'export_too_large', `Ce document dépasserait ${sizeInWords(maxBytes)} une fois exporté : découpez-le en plusieurs documents.`);

/** The person's answer for each way a rendering can fail; anything else stays a 500 in the log. */
function readable(err: unknown): unknown {
  if (err instanceof WorkerPoolBusy) return new AppError(503, 'render_busy', 'Exports en cours, réessayez dans un instant.', undefined, 5);
  if (err instanceof WorkerTaskTimeout) {
    return new AppError(503, 'render_timeout', 'La préparation de ce document a pris trop de temps. Réessayez dans un instant.', undefined, 30);
  }
  if ((err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError(413, 'document_too_large', 'Ce document est trop volumineux pour être préparé. Découpez-le en plusieurs documents.');
  }
  return err;
}

/** Exports past `maxOutputBytes` are refused (RENDER_LIMITS by default; tests lower it). */
export function createRenderer(options: { dataDir: string; warm?: boolean; maxOutputBytes?: number }): Renderer {
  const file = databaseFile(options.dataDir);
  const tempDir = exportsTempDir(options.dataDir);
  const maxBytes = options.maxOutputBytes ?? RENDER_LIMITS.maxOutputBytes;
  const pool = createWorkerPool(new URL('./render.tasks.ts', import.meta.url), {
    maxHeapMb: RENDER_LIMITS.maxHeapMb,
    maxQueue: RENDER_LIMITS.maxQueue,
    warm: options.warm,
  });

  async function run<T>(task: string, payload: Record<string, unknown>): Promise<T> {
    let result: Rendered<T>;
    try {
      result = await pool.run<Rendered<T>>(task, payload, { timeoutMs: RENDER_LIMITS.timeoutMs });
    } catch (err) {
      throw readable(err);
    }
    if (!result.ok) throw tooLarge();
    return result.value;
  }

  return {
    html: (state) => run('html', { state }),
    async exportFile({ documentId, text, state, format, title, appendix }) {
      // Named here (a random name, the format checked by the route's schema), never after anything a
      // person wrote: the file is ours to delete whatever happens to the worker.
      const path = join(tempDir, `${randomUUID()}.${format}`);
      const request: ExportRequest = { source: { file, documentId, text, state }, format, title, appendix, path, maxBytes };
      try {
        return { ...await pool.run<WrittenExport>('exportFile', request, { timeoutMs: RENDER_LIMITS.timeoutMs }), path };
      } catch (err) {
        // A worker stopped mid-write (timeout, out of memory) may leave part of the file.
        await removeExportFile(path).catch(() => undefined);
        const { code, message } = err as { code?: string; message?: string };
        if (message === EXPORT_TOO_LARGE) throw tooLarge(maxBytes);
        if (code === SOURCE_NOT_FOUND) throw notFound(message);
        throw readable(err);
      }
    },
    json: (state) => run('json', { state }),
    indexedText: (state, maxBytes) => run('indexedText', { state, maxBytes }),
    sameContent: (a, b) => run('sameContent', { a, b }),
    diff: (a, b) => run('diff', { a, b }),
    sameAsEach: (current, others) => (others.length === 0 ? Promise.resolve([]) : run('sameAsEach', { current, others })),
    close: () => pool.close(),
  };
}
