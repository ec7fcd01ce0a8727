import type { FastifyInstance } from 'fastify';
import { createCollab } from './collab/index';
import { documentsService } from './documents.service';
import documentsRoutes from './documents.routes';
import { trackEditActivity } from './edit-activity';
import exportRoutes from './export/export.routes';
import { clearExportsTemp } from './export/export.temp';
import { createRenderer } from './render/render.pool';
import resourcesRoutes from './resources.routes';
import diffRoutes from './diff/diff.routes';
import { convertLegacyPublished } from './publication/publication.legacy';
import publicationRoutes from './publication/publication.routes';
import { publicationService } from './publication/publication.service';
import reviewRoutes from './review/review.routes';
import { reviewService } from './review/review.service';
import searchRoutes from './search/search.routes';
import { searchIndex } from './search/search.index';
import { startAutoVersions } from './versions/auto-versions';
import versionsRoutes from './versions/versions.routes';
import { versionsService } from './versions/versions.service';

/**
 * Co-edited documents: the collaboration endpoint on /collab/<documentId>, and under
 * /api/documents their metadata, versions, review (review/), versions of record (publication/),
 * visible changes (diff/), exports, search and the public resource library.
 * The collab service is handed to each part (only core/ decorates the instance).
 */
export default async function documents(app: FastifyInstance) {
  const collab = createCollab(app);
  app.upgrades.add('/collab/', collab.handleUpgrade);

  // One pool of render worker processes for the feature (exports, versions, public copies): see render/.
  const render = createRenderer({ dataDir: app.config.dataDir, warm: app.config.warmWorkers !== false, maxOutputBytes: app.config.exportMaxBytes });
  await clearExportsTemp(app.config.dataDir);
  app.addHook('onClose', () => render.close());

  const search = searchIndex(app, collab, render);
  const versions = versionsService(app, collab, render);
  startAutoVersions(app, collab, versions);
  trackEditActivity(app, collab);

  await app.register(documentsRoutes, { service: documentsService(app, collab, search) });
  await app.register(versionsRoutes, { versions });
  await app.register(exportRoutes, { collab, render });
  await app.register(searchRoutes);
  // Before any route answers: documents published the old way become version 1 of record.
  const publication = publicationService(app, collab);
  await convertLegacyPublished(app, collab, publication);
  await app.register(publicationRoutes, { publication });
  await app.register(diffRoutes, { collab, render });
  await app.register(resourcesRoutes, { render });
  await app.register(reviewRoutes, { review: reviewService(app, collab, render, versions) });
}
