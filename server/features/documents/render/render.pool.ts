import { AppError } from '../../../core/errors';
import { WorkerPoolBusy, WorkerTaskTimeout, createWorkerPool } from '../../../core/worker-pool';
import type { PmNode } from '../content/prose';
import { EXPORT_TOO_LARGE, RENDER_LIMITS } from './render.limits';
import type { Rendered } from './render.tasks';
import type { DiffResult } from '../diff/diff.task';

export type ExportFormat = 'html' | 'md' | 'docx' | 'pdf';

/**
 * Every rendering of a document (exports, /content, a version's view, the public resource, the
 * comparison behind automatic versions, the JSON of a restore) runs in worker processes: a large or
 * hostile document costs one worker's time and heap, and the event loop keeps serving everyone.
 */
export interface Renderer {
  html(state: Uint8Array): Promise<string>;
  /** `label`: which version the text is (the PDF's footer says it). */
  exportFile(format: ExportFormat, title: string, state: Uint8Array, options?: { label?: string }): Promise<Uint8Array>;
  json(state: Uint8Array): Promise<PmNode>;
  plainText(state: Uint8Array): Promise<string>;
  sameContent(a: Uint8Array, b: Uint8Array): Promise<boolean>;
  /** Visible changes from state `a` to state `b` (diff/). */
  diff(a: Uint8Array, b: Uint8Array): Promise<DiffResult>;
  /** Whether each of `others` holds the same text as `current` (one reading of `current`). */
  sameAsEach(current: Uint8Array, others: Uint8Array[]): Promise<boolean[]>;
  close(): Promise<void>;
}

const MB = Math.round(RENDER_LIMITS.maxOutputBytes / (1024 * 1024));

const tooLarge = () => new AppError(413, 'export_too_large', `Ce document dépasserait ${MB} Mo une fois exporté : découpez-le en plusieurs documents.`);

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

export function createRenderer(options: { warm?: boolean } = {}): Renderer {
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

  const TASKS = { html: 'htmlFile', md: 'markdown', docx: 'docx', pdf: 'pdf' } as const;

  return {
    html: (state) => run('html', { state }),
    async exportFile(format, title, state, options = {}) {
      try {
        return await pool.run<Uint8Array>(TASKS[format], { state, title, label: options.label ?? '' }, { timeoutMs: RENDER_LIMITS.timeoutMs });
      } catch (err) {
        if ((err as Error).message === EXPORT_TOO_LARGE) throw tooLarge();
        throw readable(err);
      }
    },
    json: (state) => run('json', { state }),
    plainText: (state) => run('plainText', { state }),
    sameContent: (a, b) => run('sameContent', { a, b }),
    diff: (a, b) => run('diff', { a, b }),
    sameAsEach: (current, others) => (others.length === 0 ? Promise.resolve([]) : run('sameAsEach', { current, others })),
    close: () => pool.close(),
  };
}
