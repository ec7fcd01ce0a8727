import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { io as connect } from 'socket.io-client';
import { buildEvent } from './fixture';

let server: TestServer;
let smtp: TestSmtp;
let organiser: HttpClient;
let day: Awaited<ReturnType<typeof buildEvent>>;
const visitor = () => new HttpClient(server.url);
const person = (n: number, workshopIds: string[]) => ({ name: `Personne ${n}`, email: `p${n}@example.org`, organisation: 'MSP des Pentes', participantKind: 'professional', workshopIds });

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url });
  organiser = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  day = await buildEvent(organiser);
  expect((await organiser.post(`/api/events/${day.id}/publish`, {})).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const register = (n: number) => visitor().post(`/api/events/public/${day.slug}/registrations`, person(n, [day.workshop]));

it('gives the last seats to exactly as many people as there are, and queues the rest in order', async () => {
  // The workshop room holds 2; six people ask at the same moment.
  const replies = await Promise.all([1, 2, 3, 4, 5, 6].map(register));
  expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
  // The screen only says an e-mail went out: seats and the personal link travel by e-mail.
  expect(replies.map((r) => r.body)).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ email: `p${n}@example.org`, emailSent: true })));

  const seats = (await organiser.get(`/api/events/${day.id}/registrations`)).body.workshops[0].seats;
  expect(seats.filter((s: any) => s.status === 'confirmed')).toHaveLength(2);
  expect(seats.filter((s: any) => s.status === 'waiting').map((s: any) => s.position).sort()).toEqual([1, 2, 3, 4]);

  const agenda = await visitor().get(`/api/events/public/${day.slug}`);
  expect(agenda.body.availability[day.workshop]).toEqual({ capacity: 2, confirmed: 2, waiting: 4 });

  // Everyone gets a confirmation with their own link to manage it.
  const mails = await smtp.waitFor(6);
  const first = mails.find((m) => m.to.includes('p1@example.org'))!;
  expect(first.subject).toBe('Inscription confirmée : Journée test');
  const link = /\/inscription\/([\w-]+)/.exec(first.text)![1];
  expect((await visitor().get(`/api/events/registrations/${link}`)).body.registration).toMatchObject({ email: 'p1@example.org', name: 'Personne 1' });
});

it('answers a second registration with the same address exactly as a new one, and sends a fresh personal link only to that mailbox', async () => {
  const firstLink = /\/inscription\/([\w-]+)/.exec(smtp.mails.find((m) => m.to.includes('p1@example.org'))!.text)![1];
  const fresh = await visitor().post(`/api/events/public/${day.slug}/registrations`, person(7, []));
  const again = await register(1);
  // Nobody learns from the screen whether an address is registered: same status, same body but for the address typed.
  expect(again.status).toBe(fresh.status);
  expect(again.body).toEqual({ ...fresh.body, email: 'p1@example.org' });
  expect(JSON.stringify(again.body)).not.toContain('/inscription/');

  const mails = await smtp.waitFor(8);
  const resent = mails.find((m) => m.to.includes('p1@example.org') && m.subject.startsWith('Votre lien'))!;
  expect(resent.subject).toBe('Votre lien d’inscription : Journée test');
  const freshLink = /\/inscription\/([\w-]+)/.exec(resent.text)![1];
  expect((await visitor().get(`/api/events/registrations/${freshLink}`)).body.registration.email).toBe('p1@example.org');
  expect((await visitor().get(`/api/events/registrations/${firstLink}`)).status).toBe(404);
});

it('gives a cancelled seat to the first person waiting, and tells them', async () => {
  const list = await organiser.get(`/api/events/${day.id}/registrations`);
  const seats = list.body.workshops[0].seats;
  const holder = seats.find((s: any) => s.status === 'confirmed');
  const next = seats.find((s: any) => s.position === 1);
  // The newest link to that address is the one that works.
  const holderMail = smtp.mails.findLast((m) => m.to.includes(`p${holder.name.split(' ')[1]}@example.org`))!;
  const token = /\/inscription\/([\w-]+)/.exec(holderMail.text)![1];

  const shown = await visitor().get(`/api/events/registrations/${token}`);
  expect(shown.body.registration.seats[0].status).toBe('confirmed');
  const cancelled = await visitor().post(`/api/events/registrations/${token}/cancel`, {});
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.registration.cancelled).toBe(true);

  const promotedMail = (await smtp.waitFor(9)).find((m) => m.subject.startsWith('Une place'))!;
  expect(promotedMail.to).toEqual([`p${next.name.split(' ')[1]}@example.org`]);
  expect(promotedMail.subject).toBe("Une place s'est libérée : Atelier mutualisation");

  const after = (await organiser.get(`/api/events/${day.id}/registrations`)).body.workshops[0].seats;
  expect(after.find((s: any) => s.registrationId === next.registrationId).status).toBe('confirmed');
  expect(after.filter((s: any) => s.status === 'waiting').map((s: any) => s.position)).toEqual([1, 2, 3]);
  expect((await visitor().post(`/api/events/registrations/${token}/cancel`, {})).status).toBe(410);
});

it('exports a CSV that a spreadsheet cannot turn into a formula, and records attendance', async () => {
  const tricky = await visitor().post(`/api/events/public/${day.slug}/registrations`, { ...person(9, []), name: '=HYPERLINK("http://x")', organisation: '+33 Lyon, "centre"' });
  expect(tricky.status).toBe(201);
  const res = await fetch(`${server.url}/api/events/${day.id}/registrations.csv`, { headers: { cookie: organiser.cookie } });
  expect(res.headers.get('content-type')).toContain('text/csv');
  const csv = await res.text();
  expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  expect(csv).toContain(`"'+33 Lyon, ""centre"""`);
  expect(csv.split('\r\n')[0]).toContain('Atelier mutualisation');

  const list = await organiser.get(`/api/events/${day.id}/registrations`);
  const reg = list.body.registrants.find((r: any) => r.email === 'p9@example.org');
  expect((await organiser.put(`/api/events/${day.id}/registrations/${reg.id}/attendance`, { attended: true })).status).toBe(200);
  const again = await organiser.get(`/api/events/${day.id}/registrations`);
  expect(again.body.registrants.find((r: any) => r.id === reg.id).attended).toBe(true);
});

it('refuses workshops at the same time, unknown workshops and closed registrations', async () => {
  const other = await organiser.post(`/api/events/${day.id}/sessions`, { kind: 'workshop', title: 'Atelier parcours', roomId: day.amphi, startsAt: day.at('2027-03-27', '11:00'), endsAt: day.at('2027-03-27', '12:30') });
  await organiser.post(`/api/events/${day.id}/publish`, {});
  const both = await visitor().post(`/api/events/public/${day.slug}/registrations`, person(10, [day.workshop, other.body.id]));
  expect(both.status).toBe(400);
  expect(both.body.message).toContain('même temps');
  expect((await visitor().post(`/api/events/public/${day.slug}/registrations`, person(11, [day.opening]))).status).toBe(400);
  const bad = await visitor().post(`/api/events/public/${day.slug}/registrations`, { name: 'x', email: 'pas-une-adresse' });
  expect(bad.status).toBe(400);
});

it('tells registered people when the agenda changes', async () => {
  const active = (await organiser.get(`/api/events/${day.id}/registrations`)).body.registrants.filter((r: any) => !r.cancelled);
  await organiser.put(`/api/events/${day.id}/sessions/${day.opening}`, { kind: 'plenary', title: 'Ouverture de la journée', roomId: day.amphi, startsAt: day.at('2027-03-27', '09:00'), endsAt: day.at('2027-03-27', '10:00') });
  await organiser.post(`/api/events/${day.id}/publish`, { note: 'Nouveau titre pour l’ouverture.' });
  const told = () => smtp.mails.filter((m) => m.subject === 'Programme modifié : Journée test' && m.text.includes('Ouverture de la journée : modifié'));
  await expect.poll(() => told().length, { timeout: 10_000 }).toBe(active.length);
  expect(told().flatMap((m) => m.to).sort()).toEqual(active.map((r: any) => r.email).sort());
  expect(told()[0].text).toContain('Nouveau titre pour l’ouverture.');
});

it('gives the seats of a bigger room to the people waiting, and keeps a workshop with registrations from deletion', async () => {
  const waiting = () => organiser.get(`/api/events/${day.id}/registrations`).then((r) => r.body.workshops.find((w: any) => w.sessionId === day.workshop).seats.filter((s: any) => s.status === 'waiting'));
  const [first, ...rest] = await waiting();
  const before = smtp.mails.length;
  expect((await organiser.put(`/api/events/${day.id}/rooms/${day.salle}`, { name: 'Salle 2', capacity: 3 })).status).toBe(200);
  expect((await waiting()).map((s: any) => s.registrationId)).toEqual(rest.map((s: any) => s.registrationId));
  await expect.poll(() => smtp.mails.slice(before).filter((m) => m.subject.startsWith("Une place s'est libérée")).flatMap((m) => m.to), { timeout: 10_000 }).toEqual([`p${first.name.split(' ')[1]}@example.org`]);

  const refused = await organiser.delete(`/api/events/${day.id}/sessions/${day.workshop}`);
  expect(refused.status).toBe(409);
  expect(refused.body.message).toContain('inscription');
});

it('sends open agenda pages the new seat counts when someone registers', async () => {
  const socket = connect(`${server.url}/public`, { transports: ['websocket'], forceNew: true });
  try {
    expect(await new Promise((resolve) => socket.emit('agenda:join', { slug: day.slug }, resolve))).toEqual({ ok: true });
    const before = (await visitor().get(`/api/events/public/${day.slug}`)).body.availability[day.workshop];
    const update = new Promise<any>((resolve) => socket.once('agenda:availability', resolve));
    expect((await register(12)).status).toBe(201);
    const { slug, availability } = await update;
    expect(slug).toBe(day.slug);
    expect(availability[day.workshop]).toEqual({ ...before, waiting: before.waiting + 1 });
  } finally {
    socket.disconnect();
  }
});
