import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { clientEvent, type ClientEventDef, type ServerEventDef } from '../../../shared/live.contract';
import { threadsToClient, threadsToServer } from '../../../shared/threads.live';
import { groupsToClient, groupsToServer } from '../../../shared/groups.live';
import { commentsToClient, commentsToServer } from '../../../shared/comments.live';
import { agendaToServer, eventsToServer } from '../../../shared/events.live';
import { onLive } from '../../../server/core/socket-io';
import { startServer, type TestServer } from '../../helpers/server';
import { untyped } from '../../helpers/live';
import { clientId, collect, connectSocket, emitAck, groupWorld, openThread } from '../threads/fixtures';

// The live contract on the wire: what a hostile or outdated client sends is refused in words, the
// connection keeps working, and a group turning private cuts those who may no longer read it.

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
const opened: Socket[] = [];
const socketOf = async (who: string) => {
  const s = await connectSocket(server.url, world.http[who]);
  opened.push(s);
  return s;
};

beforeAll(async () => {
  server = await startServer();
  world = await groupWorld(server.app, server.url, 'platform');
  // A handler that fails, to show the failure is answered and the connection survives it.
  server.app.io.on('connection', (socket) => onLive(socket, clientEvent('test:boom', z.object({}), 'Invalide.'), () => { throw new Error('boom'); }));
});
afterAll(async () => {
  for (const s of opened) s.disconnect();
  await server?.close();
});

/** Every client → server event the signed-in app declares, and payloads none of them accepts. */
const SIGNED_IN: ClientEventDef[] = [...Object.values(threadsToServer), ...Object.values(groupsToServer), ...Object.values(commentsToServer), ...Object.values(eventsToServer)];
const MALFORMED: unknown[] = ['texte', 42, null, [], { threadId: 7, groupId: ['x'], documentId: 'x'.repeat(500), eventId: '' }];

describe('client → server payloads', () => {
  it('refuses a malformed payload of every signed-in event with the declared sentence, and keeps serving', async () => {
    const socket = await socketOf('member');
    for (const def of SIGNED_IN) {
      for (const payload of MALFORMED) {
        const ack = await emitAck(socket, def.name, payload);
        expect(ack, `${def.name} ${JSON.stringify(payload)}`).toEqual({ ok: false, error: def.invalid });
      }
    }
    expect(SIGNED_IN.every((def) => /^(Message|Demande) invalide : .+\.$/.test(def.invalid))).toBe(true);
    // Same connection, well-formed requests: still answered.
    expect(await emitAck(socket, groupsToServer.join.name, { groupId: world.group.id })).toEqual({ ok: true });
    expect(await emitAck(socket, threadsToServer.subscribe.name, {})).toEqual({ ok: true });
  });

  it('refuses a malformed payload on the visitors’ namespace too', async () => {
    const visitor = io(`${server.url}/public`, { transports: ['websocket'], reconnection: false, forceNew: true });
    opened.push(visitor);
    await new Promise<void>((resolve, reject) => { visitor.once('connect', () => resolve()); visitor.once('connect_error', reject); });
    for (const def of Object.values(agendaToServer)) {
      for (const payload of MALFORMED) expect(await emitAck(visitor, def.name, payload)).toEqual({ ok: false, error: def.invalid });
    }
    expect(await emitAck(visitor, agendaToServer.join.name, { slug: 'pas-publie' })).toEqual({ ok: false, error: 'Ce programme est introuvable.' });
  });

  it('answers a failing handler with a readable error instead of dropping the connection', async () => {
    const socket = await socketOf('lead');
    expect(await emitAck(socket, 'test:boom', {})).toEqual({ ok: false, error: 'Le serveur n’a pas pu traiter ce message. Réessayez dans un instant.' });
    expect(socket.connected).toBe(true);
    expect(await emitAck(socket, groupsToServer.join.name, { groupId: world.group.id })).toEqual({ ok: true });
  });
});

describe('access changes', () => {
  it('keeps readers in every room through a visibility change, and cuts a removed member from all of them at once', async () => {
    const { thread } = await openThread(world.http.lead, { groupId: world.group.id });
    const documentId = (await world.http.lead.post('/api/documents', { groupId: world.group.id, title: 'Fiche séance collective', kind: 'tool_sheet', themes: [] })).body.document.id as string;
    const joinAll = async (socket: Socket) => [
      await emitAck(socket, groupsToServer.join.name, { groupId: world.group.id }),
      await emitAck(socket, threadsToServer.join.name, { threadId: thread.id }),
      await emitAck(socket, commentsToServer.join.name, { documentId }),
    ];
    const leaving = await socketOf('observer');
    const staying = await socketOf('member');
    expect(await joinAll(leaving)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await joinAll(staying)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const lost = collect(leaving, 'group.access_lost');
    const seen = { leaving: [] as string[], staying: [] as string[] };
    const payloads: Array<[string, unknown]> = [];
    leaving.onAny((event: string) => { seen.leaving.push(event); });
    staying.onAny((event: string, payload: unknown) => { seen.staying.push(event); payloads.push([event, payload]); });

    // The group becomes private (every room of the group re-checked), and the observer is removed.
    expect((await world.http.lead.patch(`/api/groups/${world.group.id}`, { visibility: 'private' })).status).toBe(200);
    expect((await world.http.lead.delete(`/api/groups/${world.group.id}/members/${world.people.observer.id}`)).status).toBe(200);
    await expect.poll(() => lost).toEqual([{ groupId: world.group.id }]);
    seen.leaving.length = 0;
    seen.staying.length = 0;

    expect((await world.http.member.post(`/api/threads/${thread.id}/messages`, { body: 'Après le passage en privé', clientId: clientId() })).status).toBe(201);
    expect((await world.http.member.post(`/api/comments/documents/${documentId}`, { anchorStart: 'AQIDBA==', anchorEnd: 'BQYHCA==', quote: 'Objectifs', body: 'Relu' })).status).toBe(201);
    expect((await world.http.lead.patch(`/api/groups/${world.group.id}`, { description: 'Un groupe désormais privé' })).status).toBe(200);
    await expect.poll(() => seen.staying).toEqual(expect.arrayContaining(['thread:message', 'comments:thread', 'group.updated']));
    // A marker to the removed person's own room after those events: once it arrives, theirs would have too.
    const marker = new Promise((resolve) => leaving.once('marker', resolve));
    untyped(server.app.io).to(`user:${world.people.observer.id}`).emit('marker');
    await marker;
    expect(seen.leaving.filter((e) => /^(thread:|threads:|comments:|group\.)/.test(e))).toEqual([]);

    // What the server sent the member matches the declarations the page parses with (or it would be dropped).
    const declared = new Map<string, ServerEventDef>([...Object.values(threadsToClient), ...Object.values(groupsToClient), ...Object.values(commentsToClient)].map((d) => [d.name, d]));
    expect(payloads.length).toBeGreaterThan(3);
    for (const [event, payload] of payloads) {
      expect(declared.has(event), event).toBe(true);
      expect(declared.get(event)!.payload.safeParse(payload).success, event).toBe(true);
    }
  });
});
