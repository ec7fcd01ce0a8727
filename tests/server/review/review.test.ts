import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { runDigest } from '../../../server/features/threads/digest.service';
import type { ReviewReply } from '../../../shared/review.schema';
import { connect, synced, type CollabClient } from '../../collab/collab-clients';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';

let smtp: TestSmtp;
let server: TestServer;
let groupId: string;
const people = {} as Record<'lead' | 'author' | 'first' | 'second' | 'association' | 'observer' | 'outsider' | 'outsideAssociation', TestUser>;
const http = {} as Record<keyof typeof people | 'visitor', HttpClient>;
const sockets: Socket[] = [];
const clients: CollabClient[] = [];

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url, digestIntervalMs: 3600_000 });
  const { app } = server;
  people.lead = await createUser(app, { name: 'Léa Animatrice' });
  people.author = await createUser(app, { name: 'Alain Auteur' });
  people.first = await createUser(app, { name: 'Bruno Relecteur' });
  people.second = await createUser(app, { name: 'Chloé Relectrice' });
  people.association = await createUser(app, { name: 'Denise Association', role: 'association' });
  people.observer = await createUser(app, { name: 'Oscar Observateur' });
  people.outsider = await createUser(app, { name: 'Xavier Extérieur' });
  people.outsideAssociation = await createUser(app, { name: 'Yvette Association', role: 'association' });
  // A public group open to associations: the association's representative takes part as a member.
  groupId = createGroup(app, people.lead.id, { visibility: 'public', openToAssociations: true }).id;
  addToGroup(app, groupId, people.lead.id, 'lead');
  for (const who of ['author', 'first', 'second', 'association'] as const) addToGroup(app, groupId, people[who].id, 'member');
  addToGroup(app, groupId, people.observer.id, 'observer');
  for (const who of Object.keys(people) as Array<keyof typeof people>) http[who] = await signIn(server.url, people[who]);
  http.visitor = new HttpClient(server.url);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.destroy();
  await server?.close();
  await smtp?.close();
});

async function newDocument(title: string): Promise<string> {
  const created = await http.author.post('/api/documents', { groupId, title, kind: 'reference_programme' });
  expect(created.status).toBe(201);
  return created.body.document.id;
}

const review = async (who: keyof typeof http, id: string) => (await http[who].get<ReviewReply>(`/api/documents/${id}/review`)).body;
const reviewerOf = (reply: ReviewReply, name: string) => reply.review!.reviewers.find((r) => r.name === name)!;
const notificationsOf = async (who: keyof typeof people) =>
  (await http[who].get('/api/threads/notifications')).body.notifications as Array<{ kind: string; document: { id: string; title: string } | null; actor: { name: string } }>;

/** A real socket.io-client in the group's room, keeping the ids of the documents whose review changed. */
async function listener(who: keyof typeof people): Promise<string[]> {
  const socket = connectIo(server.url, { transports: ['websocket'], extraHeaders: { cookie: http[who].cookie }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
  const seen: string[] = [];
  socket.on('review:updated', (p: { documentId: string }) => seen.push(p.documentId));
  expect(((await socket.timeout(5000).emitWithAck('group:join', { groupId })) as { ok: boolean }).ok).toBe(true);
  return seen;
}

describe('sending a document for review', () => {
  it('lets members name reviewers among the group’s members, never observers, outsiders or themselves', async () => {
    const id = await newDocument('Programme type BPCO');
    const send = (who: keyof typeof http, reviewerIds: string[]) => http[who].post(`/api/documents/${id}/review`, { reviewerIds, message: 'Merci de relire les séances.' });

    expect((await send('visitor', [people.first.id])).status).toBe(401);
    expect((await send('outsider', [people.first.id])).status).toBe(404);
    expect((await send('outsideAssociation', [people.first.id])).status).toBe(404);
    expect((await send('observer', [people.first.id])).status).toBe(403);
    expect((await send('author', [people.observer.id])).body).toMatchObject({ statusCode: 400, code: 'invalid_reviewer' });
    expect((await send('author', [people.outsider.id])).body.code).toBe('invalid_reviewer');
    expect((await send('author', [people.author.id, people.first.id])).body.code).toBe('self_review');
    expect((await http.author.post(`/api/documents/${id}/review`, { reviewerIds: [] })).status).toBe(400);
    expect((await http.author.get(`/api/documents/${id}`)).body.document.status).toBe('draft');

    const sent = await send('author', [people.first.id, people.association.id]);
    expect(sent.status).toBe(200);
    expect(sent.body.review).toMatchObject({ state: 'open', message: 'Merci de relire les séances.', requestedBy: { name: 'Alain Auteur' }, allApproved: false });
    expect(sent.body.review.reviewers.map((r: { name: string; decision: string }) => [r.name, r.decision]))
      .toEqual([['Bruno Relecteur', 'pending'], ['Denise Association', 'pending']]);
    expect((await http.observer.get(`/api/documents/${id}`)).body.document.status).toBe('in_review');
    expect((await send('lead', [people.second.id])).body.code).toBe('review_open');

    // Reviewers are told in the app; the requester is not told of their own request.
    for (const who of ['first', 'association'] as const) {
      expect((await notificationsOf(who)).find((n) => n.document?.id === id)).toMatchObject({ kind: 'review_requested', actor: { name: 'Alain Auteur' }, document: { title: 'Programme type BPCO' } });
    }
    expect((await notificationsOf('author')).some((n) => n.document?.id === id)).toBe(false);

    // Everyone who reads the group sees the round, and only writers get people to name.
    const seenByObserver = await review('observer', id);
    expect(seenByObserver.review?.reviewers).toHaveLength(2);
    expect(seenByObserver.candidates).toEqual([]);
    expect(seenByObserver.access).toEqual({ canRequest: false, canValidate: false });
    expect((await review('lead', id)).access.canValidate).toBe(true);
    expect((await http.outsider.get(`/api/documents/${id}/review`)).status).toBe(404);

    // The association's representative, a member of the group, reviews like anyone named.
    const approved = await http.association.post(`/api/documents/${id}/review/decisions`, { decision: 'approved', note: 'Relu avec l’association : clair pour les familles.' });
    expect(approved.status).toBe(200);
    expect(reviewerOf(approved.body, 'Denise Association')).toMatchObject({ decision: 'approved', changedSinceApproval: false });
  });
});

describe('decisions and validation', () => {
  let id: string;
  let seen: string[];
  let editor: CollabClient;
  /** A new last paragraph, typed by the author in their own editor; resolves once the server holds it. */
  async function authorTypes(text: string) {
    editor.doc.transact(() => {
      const fragment = editor.doc.getXmlFragment('default');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [paragraph]);
    });
    const deadline = Date.now() + 15_000;
    while (!((await http.author.get(`/api/documents/${id}/content`)).body.html as string).includes(text)) {
      if (Date.now() > deadline) throw new Error('the edit never reached the server');
    }
  }
  beforeAll(async () => {
    id = await newDocument('Programme type diabète');
    seen = await listener('observer');
    editor = connect(server.url, id, http.author.cookie);
    clients.push(editor);
    await synced(editor);
    // The author has already typed before the review: later edits are not the first of the day.
    await authorTypes('Première rédaction des séances.');
    expect((await http.author.post(`/api/documents/${id}/review`, { reviewerIds: [people.first.id, people.second.id] })).status).toBe(200);
  });
  const decide = (who: keyof typeof http, decision: string, note = '') => http[who].post(`/api/documents/${id}/review/decisions`, { decision, note });

  it('only named reviewers decide; asking for changes needs a note and tells the requester', async () => {
    expect((await decide('visitor', 'approved')).status).toBe(401);
    expect((await decide('outsider', 'approved')).status).toBe(404);
    expect((await decide('observer', 'approved')).status).toBe(403);
    expect((await decide('lead', 'approved')).status).toBe(403);
    expect((await decide('association', 'approved')).status).toBe(403);
    expect((await decide('second', 'changes_requested')).body).toMatchObject({ statusCode: 400, code: 'note_required' });
    expect((await decide('first', 'approved', 'x'.repeat(1001))).status).toBe(400);

    const changes = await decide('second', 'changes_requested', 'La séance 3 manque d’objectifs.');
    expect(changes.status).toBe(200);
    expect(reviewerOf(changes.body, 'Chloé Relectrice')).toMatchObject({ decision: 'changes_requested', note: 'La séance 3 manque d’objectifs.', versionId: null });
    // Asking for changes keeps the round open and the document in review.
    expect((await http.author.get(`/api/documents/${id}`)).body.document.status).toBe('in_review');
    expect((await notificationsOf('author')).find((n) => n.document?.id === id && n.kind === 'review_changes_requested')).toMatchObject({ actor: { name: 'Chloé Relectrice' } });
    await expect.poll(() => seen.filter((d) => d === id).length).toBeGreaterThanOrEqual(1);
  });

  it('records the state approved as a named version; the same reviewer cannot approve the same state twice', async () => {
    const before = seen.length;
    const approved = await decide('first', 'approved', 'Bien pour moi.');
    expect(approved.status).toBe(200);
    const mine = reviewerOf(approved.body, 'Bruno Relecteur');
    expect(mine).toMatchObject({ decision: 'approved', note: 'Bien pour moi.', changedSinceApproval: false });
    const versions = (await http.observer.get(`/api/documents/${id}/versions`)).body.versions as Array<{ id: string; name: string | null; kind: string }>;
    expect(versions.find((v) => v.id === mine.versionId)).toMatchObject({ kind: 'named', name: 'Approuvé par Bruno Relecteur' });
    expect((await notificationsOf('author')).find((n) => n.document?.id === id && n.kind === 'review_approved')).toMatchObject({ actor: { name: 'Bruno Relecteur' } });
    await expect.poll(() => seen.length).toBeGreaterThan(before);

    expect((await decide('first', 'approved')).body).toMatchObject({ statusCode: 409, code: 'already_approved' });
  });

  it('shows "changed since you approved" after a real y-websocket edit, and the reviewer may approve the new state', async () => {
    await authorTypes('Ajout après l’approbation.');
    await expect.poll(async () => reviewerOf(await review('first', id), 'Bruno Relecteur').changedSinceApproval, { timeout: 15_000 }).toBe(true);

    const again = await decide('first', 'approved');
    expect(again.status).toBe(200);
    expect(reviewerOf(again.body, 'Bruno Relecteur').changedSinceApproval).toBe(false);
  });

  it('lets only a lead validate, with a note while approvals are missing, then validates once all are in', async () => {
    expect((await http.author.post(`/api/documents/${id}/review/validate`, {})).status).toBe(403);
    expect((await http.observer.post(`/api/documents/${id}/review/validate`, {})).status).toBe(403);
    expect((await http.lead.post(`/api/documents/${id}/review/validate`, {})).body).toMatchObject({ statusCode: 400, code: 'override_note_required' });
    // The plain status move cannot skip the round either.
    expect((await http.lead.post(`/api/documents/${id}/status`, { status: 'validated' })).body.code).toBe('review_open');

    expect((await decide('second', 'approved')).status).toBe(200);
    expect((await review('lead', id)).review?.allApproved).toBe(true);
    const validated = await http.lead.post(`/api/documents/${id}/review/validate`, {});
    expect(validated.status).toBe(200);
    expect(validated.body.review).toMatchObject({ state: 'validated', closedBy: { name: 'Léa Animatrice' }, closeNote: null });
    expect((await http.observer.get(`/api/documents/${id}`)).body.document.status).toBe('validated');
    for (const who of ['author', 'first', 'second'] as const) {
      expect((await notificationsOf(who)).some((n) => n.document?.id === id && n.kind === 'review_validated')).toBe(true);
    }
    expect((await decide('first', 'approved')).body.code).toBe('no_open_review');
  });

  it('e-mails the review notifications in the digest to those who missed them', async () => {
    // Chloé only wants what is addressed to her: being asked to review is, a validation is not.
    expect((await http.second.put('/api/threads/notifications/preferences', { email: 'mentions' })).status).toBe(200);
    const sent = await runDigest(server.app, new Date(Date.now() + 20 * 60_000));
    expect(sent).toBeGreaterThan(0);
    const toFirst = smtp.mails.find((m) => m.to.includes(people.first.email))!;
    expect(toFirst.text).toContain('Alain Auteur vous demande de relire « Programme type diabète »');
    expect(toFirst.text).toContain(`/documents/${id}`);
    const toAuthor = smtp.mails.find((m) => m.to.includes(people.author.email))!;
    expect(toAuthor.text).toContain('Chloé Relectrice demande des modifications à « Programme type diabète »');
    const toSecond = smtp.mails.find((m) => m.to.includes(people.second.email))!;
    expect(toSecond.text).toContain('Alain Auteur vous demande de relire « Programme type diabète »');
    expect(toSecond.text).not.toContain('a validé');
  });
});

describe('overrides and withdrawals', () => {
  it('a lead validates without every approval by giving a note', async () => {
    const id = await newDocument('Fiche outil carte conceptuelle');
    await http.author.post(`/api/documents/${id}/review`, { reviewerIds: [people.first.id] });
    const forced = await http.lead.post(`/api/documents/${id}/review/validate`, { note: 'Relecteur absent, validé en réunion du groupe.' });
    expect(forced.status).toBe(200);
    expect(forced.body.review).toMatchObject({ state: 'overridden', closeNote: 'Relecteur absent, validé en réunion du groupe.' });
    expect((await http.author.get(`/api/documents/${id}`)).body.document.status).toBe('validated');
  });

  it('taking the document back to draft withdraws the round; it can then be sent again', async () => {
    const id = await newDocument('Grille de parangonnage');
    await http.author.post(`/api/documents/${id}/review`, { reviewerIds: [people.first.id] });
    expect((await http.author.post(`/api/documents/${id}/status`, { status: 'draft' })).status).toBe(200);
    expect((await review('first', id)).review?.state).toBe('withdrawn');
    expect((await http.first.post(`/api/documents/${id}/review/decisions`, { decision: 'approved' })).body.code).toBe('no_open_review');
    expect((await http.author.post(`/api/documents/${id}/review`, { reviewerIds: [people.second.id] })).status).toBe(200);
    expect((await review('author', id)).review?.reviewers.map((r) => r.name)).toEqual(['Chloé Relectrice']);
  });
});
