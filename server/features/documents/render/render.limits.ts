/**
 * Bounds of the rendering of a document (exports, version view, public copy, comparisons), read
 * by the main thread and by the worker processes that do the work (render.tasks.ts).
 */
export const RENDER_LIMITS = {
  /** One rendering at most this long; past it the worker is stopped and the person told. */
  timeoutMs: 20_000,
  /** An export (or a rendered page) larger than this is refused rather than sent. */
  maxOutputBytes: 50 * 1024 * 1024,
  /** Heap of one render worker: a document that needs more costs that worker, never the server. */
  maxHeapMb: 1024,
  /** Renderings waiting for a worker; beyond it the request is answered 503 at once. */
  maxQueue: 32,
  /**
   * Visitors' PDFs being made at once (each version is made once, then served from the cache):
   * visitors asking for many versions never take the workers members export with.
   */
  visitorPdfBuilds: 1,
  /** Visitors' PDFs waiting their turn (the page says "Préparation du fichier…"); past it, 503 at once. */
  visitorPdfWaiting: 3,
} as const;

/**
 * The error message of an export past maxOutputBytes, thrown in the worker and recognised by the
 * pool. Here rather than in render.tasks.ts: importing a value from there would load docx and the
 * HTML renderer (happy-dom) into the main thread at start.
 */
export const EXPORT_TOO_LARGE = 'export_too_large';
