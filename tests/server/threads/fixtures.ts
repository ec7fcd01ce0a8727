import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import { forumCategories } from '../../../db/schema/index';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import type { GroupRole } from '../../../shared/roles';

export const clientId = () => randomUUID().replaceAll('-', '');

/** A group with a lead, a member, an observer, plus a coordinator and an association account outside it. */
export async function groupWorld(app: FastifyInstance, url: string, visibility: 'public' | 'platform' | 'private' = 'private') {
  const coordinator = await createUser(app, { role: 'coordinator', name: 'Claire Coordinatrice' });
  const group = createGroup(app, coordinator.id, { visibility, name: 'Lombalgie chronique' });
  const people: Record<string, TestUser> = { coordinator };
  const roles: Array<[string, GroupRole | null, 'member' | 'association']> = [
    ['lead', 'lead', 'member'], ['member', 'member', 'member'], ['observer', 'observer', 'member'], ['outsider', null, 'member'], ['association', null, 'association'],
  ];
  for (const [key, role, platformRole] of roles) {
    people[key] = await createUser(app, { role: platformRole, name: `Personne ${key}` });
    if (role) addToGroup(app, group.id, people[key].id, role);
  }
  const http: Record<string, HttpClient> = {};
  for (const [key, p] of Object.entries(people)) http[key] = await signIn(url, p);
  return { group, people, http };
}

export function createCategory(app: FastifyInstance, createdBy: string, values: Partial<typeof forumCategories.$inferInsert> = {}) {
  return app.db.insert(forumCategories).values({ name: `Catégorie ${randomUUID().slice(0, 4)}`, createdBy, ...values }).returning().get();
}

export async function openThread(http: HttpClient, target: { groupId?: string; categoryId?: string }, title = 'Mutualiser le programme', body = 'Premier message') {
  const res = await http.post('/api/threads', { ...target, title, body, clientId: clientId() });
  if (res.status !== 201) throw new Error(`thread creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { thread: { id: string }; message: { id: number } };
}

/** A real socket.io-client connection carrying the session cookie, connected. */
export async function connectSocket(url: string, http: HttpClient): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie: http.cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function emitAck<T = { ok: boolean; error?: string }>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<T>;
}

/** Collects the events of one name a socket receives. */
export function collect<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}
