import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';
import { uuidV5 } from '../../../server/features/events/calendars.service';
import { buildEvent, made } from './fixture';

// The c3voc format's rules, restated from its published JSON schema (see the file's $comment).
const schema = JSON.parse(readFileSync(new URL('./c3voc-schedule.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

let server: TestServer;
let day: Awaited<ReturnType<typeof buildEvent>>;
let schedule: any;
beforeAll(async () => {
  server = await startServer();
  const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  day = await buildEvent(coordinator, 'journee-regionale-etp-2027');
  // A session with no room: conference apps still need a room with a UUID for it.
  await made(coordinator.post(`/api/events/${day.id}/sessions`, { kind: 'break', title: 'Café d’accueil', startsAt: day.at('2027-03-27', '10:00'), endsAt: day.at('2027-03-27', '10:30') }));
  expect((await coordinator.post(`/api/events/${day.id}/publish`, {})).status).toBe(200);
  const res = await fetch(`${server.url}/agenda/${day.slug}/schedule.json`);
  expect(res.status).toBe(200);
  schedule = await res.json();
});
afterAll(() => server?.close());

it('passes the c3voc schedule format rules, so apps that validate it keep it', () => {
  const ok = validate(schedule);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
});

it('gives the conference an acronym of letters, digits and underscores', () => {
  expect(schedule.schedule.conference.acronym).toBe('journee_regionale_etp_2027');
});

it('puts sessions without a room under "Hors salle", whose UUID stays the same across fetches', async () => {
  const rooms = schedule.schedule.conference.rooms as Array<{ name: string; guid: string }>;
  const noRoom = rooms.find((r) => r.name === 'Hors salle')!;
  expect(noRoom.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(schedule.schedule.conference.days[0].rooms['Hors salle'].map((s: { title: string }) => s.title)).toEqual(['Café d’accueil']);
  const again = await (await fetch(`${server.url}/agenda/${day.slug}/schedule.json`)).json();
  expect(again.schedule.conference.rooms.find((r: { name: string }) => r.name === 'Hors salle').guid).toBe(noRoom.guid);
});

it('would refuse what the export used to produce (hyphenated acronym, a room without UUID)', () => {
  const before = structuredClone(schedule);
  before.schedule.conference.acronym = 'journee-regionale-etp-2027';
  before.schedule.conference.rooms.find((r: { name: string }) => r.name === 'Hors salle').guid = null;
  expect(validate(before)).toBe(false);
  expect(validate.errors!.map((e) => e.instancePath).sort()).toEqual(['/schedule/conference/acronym', '/schedule/conference/rooms/2/guid']);
});

it('derives name-based UUIDs as RFC 9562 does', () => {
  // The RFC's own example: "www.example.com" in the DNS namespace.
  expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
});
