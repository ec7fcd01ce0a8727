// A real server answers; the client's api() words its refusals in the language the person chose.
// Node environment (the server runs here too): the client's i18n only needs <html lang> and localStorage.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import type { ApiError } from '../../client/lib/api';

let server: TestServer;
let api: typeof import('../../client/lib/api').api;
let setLocale: typeof import('../../client/i18n/index').setLocale;
const realFetch = globalThis.fetch;
beforeAll(async () => {
  server = await startServer();
  const store = new Map<string, string>();
  Object.assign(globalThis, {
    document: { documentElement: { lang: '' }, createElement: () => ({}) },
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
  });
  ({ api } = await import('../../client/lib/api'));
  ({ setLocale } = await import('../../client/i18n/index'));
  // api() calls relative addresses, as the browser does on the app's own origin.
  globalThis.fetch = ((input: string, init?: RequestInit) => realFetch(server.url + input, init)) as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server?.close();
});
afterEach(async () => { await setLocale('fr'); });

const refusal = (path: string, body: unknown) => api('POST', path, { body }).then(() => { throw new Error('accepted'); }, (err: unknown) => err as ApiError);

it('says validation errors in English to a person who chose English', async () => {
  await setLocale('en');
  const err = await refusal('/auth/login', { email: 'pas-une-adresse' });
  expect(err.code).toBe('validation');
  expect(err.message).toBe('Some fields are invalid: email (Invalid e-mail address.) ; password (This field is required.)');
});

it('words sizes and the checks of our own schemas in English too', async () => {
  await setLocale('en');
  const err = await refusal('/events/public/une-journee/registrations', { name: 'A', email: 'a@example.org', participantKind: 'visiteur' });
  expect(err.message).toBe('Some fields are invalid: name (At least 2 characters.) ; participantKind (Value not allowed (possible values: professional, patient_or_association, other).)');
});

it('keeps the French sentence for a French reader', async () => {
  const err = await refusal('/auth/login', { email: 'pas-une-adresse' });
  expect(err.message).toBe('Certains champs sont invalides : email (Adresse e-mail invalide.) ; password (Ce champ est obligatoire.)');
});
