import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Exports are written by the render workers to temporary files under DATA_DIR (the one folder the
 * server may write to), then streamed from disk: a 35 MB file never sits in the main process nor
 * crosses it as one buffer. Each file lives for one download.
 */
export const exportsTempDir = (dataDir: string) => join(dataDir, 'tmp', 'exports');

/** At start-up: files left by a server that stopped mid-download are nobody's any more. */
export async function clearExportsTemp(dataDir: string): Promise<void> {
  const dir = exportsTempDir(dataDir);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

export const removeExportFile = (path: string) => rm(path, { force: true });

/**
 * Streams the file with its length, and deletes it once the response is over, sent or cut short
 * by the client (a stream Fastify was sending is destroyed then, its file closed). A client gone
 * while the file was being rendered gets nothing, and the file is deleted at once.
 */
export function sendExportFile(reply: FastifyReply, file: { path: string; bytes: number }, log: FastifyBaseLogger): FastifyReply {
  const remove = () => {
    removeExportFile(file.path).catch((err) => log.error({ err, path: file.path }, 'export: temporary file not deleted'));
  };
  if (reply.raw.destroyed) {
    remove();
    return reply;
  }
  reply.raw.once('close', remove);
  return reply.header('content-length', file.bytes).send(createReadStream(file.path));
}
