import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { documentUpdates, eventRegistrations, eventSeats, eventSessions, events } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { connect, synced, waitFor } from '../../collab/collab-clients';
import type { EventStatus } from '../../../shared/events.schema';

let server: TestServer;
let groupId: string;
let otherGroupId: string;
const people = {} as Record<'alice' | 'bruno' | 'outsider' | 'association' | 'coordinator', TestUser>;
const as = {} as Record<keyof typeof people, HttpClient>;

beforeAll(async () => {
  server = await startServer();
  people.alice = await createUser(server.app, { name: 'Alice Lambert' });
  people.bruno = await createUser(server.app, { name: 'Bruno Carré' });
  people.outsider = await createUser(server.app, { name: 'Olga Extérieure' });
  people.association = await createUser(server.app, { role: 'association', name: 'Marie Asso' });
  people.coordinator = await createUser(server.app, { role: 'coordinator', name: 'Claire Coord' });
  groupId = createGroup(server.app, people.alice.id, { name: 'Lombalgie chronique', visibility: 'public', openToAssociations: true }).id;
  otherGroupId = createGroup(server.app, people.outsider.id, { name: 'Groupe privé', visibility: 'private' }).id;
  addToGroup(server.app, groupId, people.alice.id, 'lead');
  addToGroup(server.app, groupId, people.bruno.id, 'member');
  addToGroup(server.app, groupId, people.association.id, 'member');
  addToGroup(server.app, otherGroupId, people.outsider.id, 'lead');
  for (const key of Object.keys(people) as Array<keyof typeof people>) as[key] = await signIn(server.url, people[key]);
});
afterAll(() => server?.close());

const home = async (who: keyof typeof people) => {
  const res = await as[who].get('/api/home');
  expect(res.status).toBe(200);
  return res.body;
};
const newDocument = async (client: HttpClient, title: string, group = groupId) =>
  (await client.post('/api/documents', { groupId: group, title, kind: 'blank' })).body.document.id as string;
const newThread = async (client: HttpClient, title: string, scope: { groupId?: string; categoryId?: string }) =>
  (await client.post('/api/threads', { ...scope, title, body: 'Premier message du fil.', clientId: randomUUID() })).body;

/** Types into a document through a real collaboration connection, and waits until it is stored. */
async function typeAs(who: keyof typeof people, documentId: string, text: string) {
  const stored = () => server.app.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all()
    .filter((u) => u.userId === people[who].id).length;
  const before = stored();
  const client = connect(server.url, documentId, as[who].cookie);
  await synced(client);
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    client.doc.getXmlFragment('default').push([paragraph]);
  });
  await waitFor(() => stored() > before, 'the update is stored');
  client.destroy();
}

describe('the home page: documents changed since my last visit', () => {
  it('lists a document another person changed, with their name, until I open it again', async () => {
    const id = await newDocument(as.alice, 'Programme type lombalgie');
    expect((await as.alice.put(`/api/home/visits/${id}`)).status).toBe(200);
    expect((await home('alice')).documents.map((d: { id: string }) => d.id)).not.toContain(id);

    await typeAs('bruno', id, 'Relu par Bruno');
    const listed = (await home('alice')).documents.find((d: { id: string }) => d.id === id);
    expect(listed).toMatchObject({ title: 'Programme type lombalgie', groupId, groupName: 'Lombalgie chronique', changedBy: ['Bruno Carré'], seenBefore: true });

    // My own edits are not news to me.
    await typeAs('alice', id, ' et par Alice');
    expect((await home('alice')).documents.find((d: { id: string }) => d.id === id)?.changedBy).toEqual(['Bruno Carré']);

    expect((await as.alice.put(`/api/home/visits/${id}`)).status).toBe(200);
    expect((await home('alice')).documents.map((d: { id: string }) => d.id)).not.toContain(id);
    await typeAs('bruno', id, ' encore');
    expect((await home('alice')).documents.map((d: { id: string }) => d.id)).toContain(id);
  });

  it('shows a document created by someone else that I never opened, and forgets it once trashed', async () => {
    const id = await newDocument(as.bruno, 'Fiche outil photolangage');
    const listed = (await home('alice')).documents.find((d: { id: string }) => d.id === id);
    expect(listed).toMatchObject({ changedBy: ['Bruno Carré'], seenBefore: false });
    expect((await as.bruno.delete(`/api/documents/${id}`)).status).toBe(200);
    expect((await home('alice')).documents.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  it('never shows documents of a group I am not in, and refuses to mark them visited', async () => {
    const secret = await newDocument(as.outsider, 'Document du groupe privé', otherGroupId);
    await typeAs('outsider', secret, 'Contenu privé');
    for (const who of ['alice', 'bruno', 'association', 'coordinator'] as const) {
      expect((await home(who)).documents.map((d: { id: string }) => d.id)).not.toContain(secret);
    }
    expect((await as.alice.put(`/api/home/visits/${secret}`)).status).toBe(404);
    expect((await new HttpClient(server.url).get('/api/home')).status).toBe(401);
  });
});

describe('the home page: discussions with unread messages', () => {
  it('lists a thread of my group with the count of messages I have not read, and drops it once read', async () => {
    const thread = await newThread(as.bruno, 'Calendrier des séances', { groupId });
    const listed = (await home('alice')).discussions.find((d: { id: string }) => d.id === thread.thread.id);
    expect(listed).toMatchObject({ title: 'Calendrier des séances', unread: 1, place: { kind: 'group', id: groupId, name: 'Lombalgie chronique' } });
    expect((await home('bruno')).discussions.map((d: { id: string }) => d.id)).not.toContain(thread.thread.id);

    const messages = (await as.alice.get(`/api/threads/${thread.thread.id}/messages`)).body.messages as Array<{ id: number }>;
    expect((await as.alice.post(`/api/threads/${thread.thread.id}/read`, { messageId: messages.at(-1)!.id })).status).toBe(200);
    expect((await home('alice')).discussions.map((d: { id: string }) => d.id)).not.toContain(thread.thread.id);
  });

  it('shows forum threads only to those who may read their category', async () => {
    const created = await as.coordinator.post('/api/threads/categories', { name: 'Entre professionnels', associationsRead: false, associationsPost: false });
    const categoryId = (created.body.categories as Array<{ id: string; name: string }>).find((c) => c.name === 'Entre professionnels')!.id;
    const thread = await newThread(as.coordinator, 'Annonce réservée aux professionnels', { categoryId });
    expect((await home('alice')).discussions.find((d: { id: string }) => d.id === thread.thread.id)).toMatchObject({ place: { kind: 'forum', id: categoryId } });
    expect((await home('association')).discussions.map((d: { id: string }) => d.id)).not.toContain(thread.thread.id);
  });
});

describe('the home page: the next regional day and my registration', () => {
  it('shows the next published day with the seats I hold, found by my e-mail address', async () => {
    const year = new Date().getFullYear() + 1;
    const insertEvent = (slug: string, date: string, status: EventStatus) => server.app.db.insert(events).values({
      slug, title: `Journée ${slug}`, venue: 'Lyon', status, registrationOpen: true, createdBy: people.coordinator.id, days: [{ date, start: '09:00', end: '17:00' }],
    }).returning().get();
    insertEvent(`passee-${year}`, `${year - 2}-03-25`, 'published');
    insertEvent(`brouillon-${year}`, `${year}-01-10`, 'draft');
    const later = insertEvent(`plus-tard-${year}`, `${year}-06-01`, 'published');
    const next = insertEvent(`prochaine-${year}`, `${year}-03-25`, 'published');
    expect((await home('alice')).regionalDay).toMatchObject({ slug: next.slug, date: `${year}-03-25`, start: '09:00', registration: null });

    const workshop = server.app.db.insert(eventSessions).values({ eventId: next.id, kind: 'workshop', title: 'Atelier mutualisation', startsAt: new Date(`${year}-03-25T10:00:00Z`), endsAt: new Date(`${year}-03-25T11:00:00Z`) }).returning().get();
    const registration = server.app.db.insert(eventRegistrations).values({ eventId: next.id, name: 'Alice Lambert', email: people.alice.email.toUpperCase(), participantKind: 'professional', tokenHash: randomUUID() }).returning().get();
    server.app.db.insert(eventSeats).values({ registrationId: registration.id, sessionId: workshop.id, status: 'waiting' }).run();
    // Someone else's registration to the later day does not count as mine.
    server.app.db.insert(eventRegistrations).values({ eventId: later.id, name: 'Bruno', email: people.bruno.email, participantKind: 'professional', tokenHash: randomUUID() }).run();

    expect((await home('alice')).regionalDay).toMatchObject({ slug: next.slug, registration: { seats: [{ title: 'Atelier mutualisation', status: 'waiting' }] } });
    expect((await home('bruno')).regionalDay.registration).toBeNull();
  });
});

describe('the side navigation', () => {
  it('gives my groups only, each with its documents, discussions and unread count', async () => {
    const res = await as.alice.get('/api/home/navigation');
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g: { name: string }) => g.name)).toEqual(['Lombalgie chronique']);
    const [group] = res.body.groups;
    expect(group.role).toBe('lead');
    expect(group.documents.map((d: { title: string }) => d.title)).toContain('Programme type lombalgie');
    expect(group.documents.map((d: { title: string }) => d.title)).not.toContain('Fiche outil photolangage');
    const thread = await newThread(as.bruno, 'Retour sur la réunion', { groupId });
    const again = (await as.alice.get('/api/home/navigation')).body.groups[0];
    expect(again.threads[0]).toMatchObject({ id: thread.thread.id, title: 'Retour sur la réunion', unread: 1 });
    expect(again.unread).toBeGreaterThanOrEqual(1);
    expect((await as.coordinator.get('/api/home/navigation')).body.groups).toEqual([]);
    expect((await as.outsider.get('/api/home/navigation')).body.groups.map((g: { name: string }) => g.name)).toEqual(['Groupe privé']);
  });
});
