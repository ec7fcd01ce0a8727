import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { EVENT_LIMITS } from '../../../shared/events.schema';
import { buildEvent } from './fixture';

let server: TestServer;
let smtp: TestSmtp;
let day: Awaited<ReturnType<typeof buildEvent>>;
const visitor = () => new HttpClient(server.url);
const resend = (email: string, slug = day.slug) => visitor().post(`/api/events/public/${slug}/registrations/resend-link`, { email });
const linkIn = (text: string) => /\/inscription\/([\w-]+)/.exec(text)![1];

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url });
  const organiser = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  day = await buildEvent(organiser);
  expect((await organiser.post(`/api/events/${day.id}/publish`, {})).status).toBe(200);
  const registered = await visitor().post(`/api/events/public/${day.slug}/registrations`, { name: 'Alice Perrin', email: 'alice@example.org', participantKind: 'professional' });
  expect(registered.status).toBe(201);
  await smtp.waitFor(1);
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

it('sends a registered person a new personal link, and the old one stops working', async () => {
  const oldLink = linkIn(smtp.mails[0].text);
  const r = await resend('Alice@Example.org');
  expect(r.status).toBe(202);
  expect(r.body).toEqual({ ok: true, emailEnabled: true });
  const [, mail] = await smtp.waitFor(2);
  expect(mail.to).toEqual(['alice@example.org']);
  expect(mail.subject).toBe('Votre lien d’inscription : Journée test');
  expect(mail.text).toContain('Vous avez demandé à recevoir à nouveau votre lien personnel');
  const newLink = linkIn(mail.text);
  expect((await visitor().get(`/api/events/registrations/${newLink}`)).body.registration).toMatchObject({ name: 'Alice Perrin', email: 'alice@example.org' });
  expect((await visitor().get(`/api/events/registrations/${oldLink}`)).status).toBe(404);
});

it('answers an unknown address, or an unknown agenda, exactly as a registered one, and mails nobody', async () => {
  const unknown = await resend('bruno@example.org');
  const noAgenda = await resend('alice@example.org', 'journee-inconnue');
  const known = await resend('alice@example.org');
  expect([unknown.status, noAgenda.status]).toEqual([known.status, known.status]);
  expect([unknown.body, noAgenda.body]).toEqual([known.body, known.body]);
  // The mail for the known address arrives; none went to the unknown one before it.
  await smtp.waitFor(3);
  expect(smtp.mails.flatMap((m) => m.to)).toEqual(['alice@example.org', 'alice@example.org', 'alice@example.org']);
});

it('limits requests per e-mail address, registered or not, whatever the network address', async () => {
  for (let i = 0; i < EVENT_LIMITS.linkResendsPerEmailHour; i++) expect((await resend('chloe@example.org')).status).toBe(202);
  const refused = await resend('chloe@example.org');
  expect(refused.status).toBe(429);
  expect(refused.body.code).toBe('rate_limited');
  expect(refused.body.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ minutes\.$/);
  // Alice already asked three times this hour (on any agenda): same refusal for a registered address.
  expect((await resend('alice@example.org')).status).toBe(429);
});

it('limits requests per network address', async () => {
  const own = await startServer({ smtpUrl: smtp.url });
  try {
    const statuses: number[] = [];
    for (let i = 0; i <= EVENT_LIMITS.linkResendsPerMinute; i++) {
      statuses.push((await new HttpClient(own.url).post(`/api/events/public/${day.slug}/registrations/resend-link`, { email: `p${i}@example.org` })).status);
    }
    expect(statuses).toEqual([...Array(EVENT_LIMITS.linkResendsPerMinute).fill(202), 429]);
  } finally {
    await own.close();
  }
});

it('refuses what is not an e-mail address with a readable message', async () => {
  const r = await resend('pas-une-adresse');
  expect(r.status).toBe(400);
  expect(r.body.message).toContain('Adresse e-mail invalide.');
});
