import type { FastifyInstance } from 'fastify';
import threadsRoutes from './threads.routes';
import messagesRoutes from './messages.routes';
import moderationRoutes from './moderation.routes';
import notificationsRoutes from './notifications.routes';
import attachmentsRoutes from './attachments.routes';
import { registerThreadsSocket } from './threads.socket';
import { scheduleDigest } from './digest.service';
import { scheduleAttachmentSweep } from './attachments.sweep';

/** Discussion threads: groups' threads and the open forum, live, with notifications and a digest. */
export default async function threads(app: FastifyInstance) {
  await app.register(moderationRoutes);
  await app.register(notificationsRoutes);
  await app.register(attachmentsRoutes);
  await app.register(messagesRoutes);
  await app.register(threadsRoutes);
  registerThreadsSocket(app);
  scheduleDigest(app);
  scheduleAttachmentSweep(app);
}
