import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stateToSafeJson } from '../content/safe-json';
import { EXPORT_TOO_LARGE } from '../render/render.limits';
import type { ExportFormat } from '../render/render.pool';
import { toDocx } from './docx';
import { readExportSource } from './export.read';
import type { ExportSource } from './export.source';
import { toHtmlFile } from './html';
import { toMarkdown } from './markdown';
import { toPdf } from './pdf';

/** An export as the render pool asks a worker for it (render.pool.ts chooses `path`, never the person). */
export interface ExportRequest {
  source: ExportSource;
  format: ExportFormat;
  title: string;
  /** The "Commentaires" appendix (HTML or Markdown, already escaped), added at the end of the text. */
  appendix?: string;
  /** Where to write the file: a fresh name under the exports' temporary folder. */
  path: string;
  /** Past this size the export is refused and nothing is written. */
  maxBytes: number;
}

/** What a worker answers: a few numbers instead of the file's bytes. */
export interface WrittenExport {
  bytes: number;
  /** SHA-1 of the file, base64url, computed here: an ETag of 35 MB hashed on the event loop holds it for tens of ms. */
  sha1: string;
  /** When its text was saved (epoch ms): a version's or a publication's date, now for the working text. */
  savedAt: number;
}

async function render({ source, format, title, appendix = '' }: ExportRequest): Promise<{ bytes: Uint8Array; savedAt: number }> {
  const { state, label, date } = readExportSource(source);
  const json = stateToSafeJson(state);
  const savedAt = date.getTime();
  // Strings are encoded here: a 35 MB string would otherwise be decoded and encoded again in the main process.
  if (format === 'html') return { bytes: Buffer.from(toHtmlFile(title, json, appendix)), savedAt };
  if (format === 'md') return { bytes: Buffer.from(toMarkdown(json) + appendix), savedAt };
  if (format === 'docx') return { bytes: new Uint8Array(await toDocx(title, json)), savedAt };
  return { bytes: new Uint8Array(await toPdf(title, label, json)), savedAt };
}

/** Runs in a render worker: reads the source from SQLite, renders it and writes the file at `path`. */
export async function writeExport(request: ExportRequest): Promise<WrittenExport> {
  const { bytes, savedAt } = await render(request);
  if (bytes.byteLength > request.maxBytes) throw new Error(EXPORT_TOO_LARGE);
  // Created if missing (the server makes it at start); `wx`: a name is never written twice.
  await mkdir(dirname(request.path), { recursive: true });
  await writeFile(request.path, bytes, { flag: 'wx' });
  return { bytes: bytes.byteLength, sha1: createHash('sha1').update(bytes).digest('base64url'), savedAt };
}
