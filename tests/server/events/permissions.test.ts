import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startServer, type TestServer } from '../../helpers/server';
import { createGroup, createUser } from '../../helpers/factories';
import { documents } from '../../../db/schema/index';
import { HttpClient, signIn } from '../../helpers/http';
import { buildEvent } from './fixture';
import type { DocumentStatus } from '../../../shared/documents.schema';

let server: TestServer;
let coordinator: HttpClient;
let organiser: HttpClient;
let member: HttpClient;
let day: Awaited<ReturnType<typeof buildEvent>>;

beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  const org = await createUser(server.app, { role: 'member', name: 'Sophie Bernard' });
  organiser = await signIn(server.url, org);
  member = await signIn(server.url, await createUser(server.app, { role: 'member' }));
  day = await buildEvent(coordinator);
  expect((await coordinator.put(`/api/events/${day.id}/organisers`, { userIds: [org.id] })).status).toBe(200);
});
afterAll(() => server?.close());

describe('who may do what', () => {
  const visitor = () => new HttpClient(server.url);
  const session = () => ({ kind: 'break', title: 'Pause', startsAt: day.at('2027-03-27', '10:00'), endsAt: day.at('2027-03-27', '10:30') });
  const eventBody = () => ({ title: 'Journée test', slug: day.slug, venue: 'Lyon', days: [{ date: '2027-03-27', start: '09:00', end: '17:00' }], registrationOpen: true });

  it('keeps a draft invisible to visitors and members, and open to its organisers', async () => {
    expect((await visitor().get('/api/events')).body.events).toEqual([]);
    expect((await member.get('/api/events')).body.events).toEqual([]);
    expect((await organiser.get('/api/events')).body.events.map((e: any) => [e.slug, e.canEdit])).toEqual([[day.slug, true]]);
    expect((await visitor().get(`/api/events/${day.id}`)).status).toBe(401);
    expect((await member.get(`/api/events/${day.id}`)).status).toBe(404);
    expect((await organiser.get(`/api/events/${day.id}`)).status).toBe(200);
    expect((await visitor().get(`/api/events/public/${day.slug}`)).status).toBe(404);
  });

  it('lets only coordinators create, delete and name organisers', async () => {
    const body = { ...eventBody(), slug: 'autre-journee' };
    expect((await visitor().post('/api/events', body)).status).toBe(401);
    expect((await member.post('/api/events', body)).status).toBe(403);
    expect((await organiser.post('/api/events', body)).status).toBe(403);
    const created = await coordinator.post('/api/events', body);
    expect(created.status).toBe(201);
    expect((await coordinator.post('/api/events', body)).status).toBe(409);
    expect((await organiser.put(`/api/events/${day.id}/organisers`, { userIds: [] })).status).toBe(403);
    expect((await organiser.delete(`/api/events/${created.body.id}`)).status).toBe(403);
    expect((await coordinator.delete(`/api/events/${created.body.id}`)).status).toBe(200);
  });

  it('lets organisers and coordinators edit the timetable, not members or visitors', async () => {
    for (const [path, body] of [
      [`/api/events/${day.id}/sessions`, session()], [`/api/events/${day.id}/rooms`, { name: 'Salle 3', capacity: 20 }],
      [`/api/events/${day.id}/tracks`, { name: 'Parcours', colour: '#b3470c' }], [`/api/events/${day.id}/speakers`, { name: 'Marie Dupont' }],
    ] as const) {
      expect((await visitor().post(path, body)).status).toBe(401);
      expect((await member.post(path, body)).status).toBe(404);
      expect((await organiser.post(path, body)).status).toBe(201);
    }
    expect((await member.put(`/api/events/${day.id}`, eventBody())).status).toBe(404);
    expect((await organiser.put(`/api/events/${day.id}`, eventBody())).status).toBe(200);
    expect((await member.put(`/api/events/${day.id}/sessions/${day.opening}`, session())).status).toBe(404);
    expect((await member.post(`/api/events/${day.id}/publish`, {})).status).toBe(404);
    expect((await member.get(`/api/events/${day.id}/registrations`)).status).toBe(404);
    expect((await visitor().get(`/api/events/${day.id}/registrations.csv`)).status).toBe(401);
  });

  it('refuses a session pointing at another event’s room or at a group its editor cannot see', async () => {
    const other = await coordinator.post('/api/events', { ...eventBody(), slug: 'autre' });
    const room = await coordinator.post(`/api/events/${other.body.id}/rooms`, { name: 'Ailleurs', capacity: 5 });
    const wrong = await organiser.post(`/api/events/${day.id}/sessions`, { ...session(), roomId: room.body.id });
    expect(wrong.status).toBe(400);
    expect((await organiser.post(`/api/events/${day.id}/sessions`, { ...session(), groupId: 'inconnu' })).status).toBe(400);
    expect((await organiser.post(`/api/events/${day.id}/sessions`, { ...session(), endsAt: session().startsAt })).status).toBe(400);
  });

  it('links a session to a document of the public library, not to a private group’s draft', async () => {
    const lead = await createUser(server.app);
    const group = createGroup(server.app, lead.id, { visibility: 'private' });
    // In the library: a version of record is shown (publishedVersion), whatever the working text's status.
    const doc = (status: DocumentStatus, publishedVersion: number | null = null) => server.app.db.insert(documents)
      .values({ groupId: group.id, title: `Programme type (${publishedVersion ? 'published' : status})`, kind: 'blank', status, publishedVersion, createdBy: lead.id }).returning().get().id;
    expect((await organiser.post(`/api/events/${day.id}/sessions`, { ...session(), documentId: doc('draft') })).status).toBe(400);
    expect((await organiser.post(`/api/events/${day.id}/sessions`, { ...session(), title: 'Présentation du programme type', documentId: doc('validated', 1) })).status).toBe(201);
  });

  it('asks for confirmation before publishing with conflicts, then shows the agenda to everyone', async () => {
    // The break added above shares the amphitheatre with nothing, but a speaker in two rooms at once is a conflict.
    await organiser.post(`/api/events/${day.id}/sessions`, { kind: 'workshop', title: 'Atelier double', roomId: day.salle, startsAt: day.at('2027-03-27', '09:30'), endsAt: day.at('2027-03-27', '10:15'), people: [{ speakerId: day.speaker, role: 'moderator' }] });
    const refused = await organiser.post(`/api/events/${day.id}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('agenda_conflicts');
    expect(refused.body.details.map((d: any) => d.message)).toEqual([
      'Claire Martin est attendu·e à deux endroits à la fois : « Ouverture, parcours; partenaires » et « Atelier double » le 2027-03-27 (09:30–10:15).',
      // The event was cut to one day above: Monday's closing now falls outside it.
      '« Clôture » (2027-03-29, 16:00–17:00) sort des horaires de la journée.',
    ]);
    expect((await visitor().get(`/api/events/public/${day.slug}`)).status).toBe(404);
    const published = await organiser.post(`/api/events/${day.id}/publish`, { confirmConflicts: true });
    expect(published.body.version).toBe(1);
    const agenda = await visitor().get(`/api/events/public/${day.slug}`);
    expect(agenda.status).toBe(200);
    expect(agenda.body.agenda.sessions.map((s: any) => s.title)).toContain('Atelier double');
    expect(agenda.body.agenda.sessions.find((s: any) => s.title === 'Présentation du programme type').document).toMatchObject({ title: 'Programme type (published)' });
    expect((await member.get('/api/events')).body.events.map((e: any) => [e.slug, e.canEdit])).toContainEqual([day.slug, false]);
    expect((await coordinator.put(`/api/events/${day.id}`, { ...eventBody(), slug: 'nouvelle-adresse' })).status).toBe(409);
  });

  it('rate-limits public registrations', async () => {
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) {
      status = (await visitor().post(`/api/events/public/${day.slug}/registrations`, { name: 'Robot', email: 'pas-une-adresse', participantKind: 'other' })).status;
    }
    expect(status).toBe(429);
  });
});

describe('live updates', () => {
  it('tells an open agenda page, without an account, that a new version is out', async () => {
    const socket = connect(`${server.url}/public`, { transports: ['websocket'], forceNew: true });
    try {
      const ack = (payload: unknown) => new Promise<any>((resolve) => socket.emit('agenda:join', payload, resolve));
      expect(await ack({ slug: 42 })).toMatchObject({ ok: false });
      expect(await ack({ slug: 'inconnu' })).toMatchObject({ ok: false });
      expect(await ack({ slug: day.slug })).toEqual({ ok: true });
      const published = new Promise<any>((resolve) => socket.once('agenda:published', resolve));
      await organiser.put(`/api/events/${day.id}/sessions/${day.monday}`, { kind: 'plenary', title: 'Clôture et perspectives', roomId: day.amphi, startsAt: day.at('2027-03-29', '16:00'), endsAt: day.at('2027-03-29', '17:00') });
      expect((await organiser.get(`/api/events/${day.id}`)).body.event.unpublishedChanges).toBe(true);
      await organiser.post(`/api/events/${day.id}/publish`, { confirmConflicts: true, note: 'Titre de la clôture précisé.' });
      expect(await published).toEqual({ slug: day.slug, version: 2 });
      const agenda = await new HttpClient(server.url).get(`/api/events/public/${day.slug}`);
      expect(agenda.body.changelog[0]).toMatchObject({ version: 2, note: 'Titre de la clôture précisé.', changes: [{ type: 'changed', title: 'Clôture et perspectives' }] });
    } finally {
      socket.disconnect();
    }
  });

  it('still refuses the default namespace without a session', async () => {
    const socket = connect(server.url, { transports: ['websocket'], forceNew: true });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthorized');
    socket.disconnect();
  });
});
