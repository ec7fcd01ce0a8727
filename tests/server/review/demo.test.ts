import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';
import { signIn } from '../../helpers/http';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
beforeAll(async () => { server = await startServer({ demo: true }); });
afterAll(() => server?.close());

const as = (email: string) => signIn(server.url, { email, password: DEMO_PASSWORD });

it('opens with the reference programme in review: two reviewers, one approval on an unchanged text, one request waiting', async () => {
  const doctor = await as('thomas.roux@demo.maillage.fr');
  const waiting = (await doctor.get('/api/threads/notifications')).body.notifications.find((n: any) => n.kind === 'review_requested');
  expect(waiting).toMatchObject({ actor: { name: 'Sophie Bernard' }, document: { title: 'Programme type – Lombalgie chronique' }, read: false });

  const documentId = waiting.document.id as string;
  expect((await doctor.get(`/api/documents/${documentId}`)).body.document.status).toBe('in_review');
  const { review } = (await doctor.get(`/api/documents/${documentId}/review`)).body;
  expect(review).toMatchObject({ state: 'open', requestedBy: { name: 'Sophie Bernard' }, allApproved: false });
  expect(review.reviewers.map((r: any) => [r.name, r.decision, r.changedSinceApproval])).toEqual([
    ['Dr Thomas Roux', 'pending', null],
    ['Nadia Benali', 'approved', false],
  ]);
  // The doctor can decide; the lead sees the approval among her notifications.
  expect((await doctor.post(`/api/documents/${documentId}/review/decisions`, { decision: 'changes_requested', note: 'Préciser la durée des séances.' })).status).toBe(200);
  const lead = await as('sophie.bernard@demo.maillage.fr');
  const kinds = (await lead.get('/api/threads/notifications')).body.notifications.map((n: any) => n.kind);
  expect(kinds).toEqual(expect.arrayContaining(['review_approved', 'review_changes_requested']));
});
