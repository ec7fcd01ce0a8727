import type { FastifyInstance } from 'fastify';
import type { CollabService } from '../collab/collab.types';
import { DEFAULT_VERSION_TIMING, versionScheduler, type VersionTiming } from './versions.scheduler';
import type { VersionsService } from './versions.service';

/** Automatic versions, driven by the persisted changes the collab service reports. */
export function startAutoVersions(app: FastifyInstance, collab: CollabService, versions: VersionsService, timing: VersionTiming = DEFAULT_VERSION_TIMING) {
  const inFlight = new Set<Promise<unknown>>();
  const scheduler = versionScheduler(timing, (documentId, userIds) => {
    const work = versions.snapshot(documentId, 'auto', userIds.at(-1) ?? null)
      .catch((err) => app.log.warn({ err, documentId }, 'automatic version failed'))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  collab.onPersisted(({ documentId, userIds }) => {
    // Server changes (templates, restores) carry no person: they already leave a version of their own.
    if (userIds.length > 0) scheduler.changed(documentId, userIds);
  });
  // A stop ends the current stretch of editing: its version is taken before the database closes.
  app.addHook('preClose', async () => {
    scheduler.flush();
    await Promise.allSettled([...inFlight]);
  });
  app.addHook('onClose', async () => scheduler.stop());
  return scheduler;
}
