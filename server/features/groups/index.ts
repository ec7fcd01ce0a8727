import type { FastifyInstance } from 'fastify';
import groupsRoutes from './groups.routes';
import groupMembersRoutes from './group-members.routes';
import { registerGroupsSocket } from './groups.socket';

/** Working groups: routes under /api/groups, and the Socket.IO rooms `group:<id>`. */
export default async function groups(app: FastifyInstance) {
  await app.register(groupsRoutes);
  await app.register(groupMembersRoutes);
  registerGroupsSocket(app);
}
