import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';
import { buildEvent, made } from '../../server/events/fixture';

// The regional day's rough edges (issue 12), in a real Chromium.
let smtp: TestSmtp;
// Registered before the suite: the mail server is up before the app starts, closed after it.
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
});
const suite = browserSuite('edges', { config: () => ({ smtpUrl: smtp.url }) });
let organiser: TestUser;
let api: HttpClient;
let day: Awaited<ReturnType<typeof buildEvent>>;
const sizes = [{ name: 'laptop', width: 1366, height: 800 }, { name: 'phone', width: 360, height: 740 }] as const;

beforeAll(async () => {
  organiser = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  api = await signIn(suite.server.url, organiser);
  day = await buildEvent(api, 'journee-grille');
  // Two sessions at the same time in the amphitheatre, and a 15-minute one.
  await made(api.post(`/api/events/${day.id}/sessions`, { kind: 'panel', title: 'Table ronde des patients partenaires', roomId: day.amphi, startsAt: day.at('2027-03-27', '09:30'), endsAt: day.at('2027-03-27', '10:30') }));
  await made(api.post(`/api/events/${day.id}/sessions`, { kind: 'break', title: 'Pause café et posters', roomId: day.amphi, startsAt: day.at('2027-03-27', '12:00'), endsAt: day.at('2027-03-27', '12:15') }));
  await api.post(`/api/events/${day.id}/publish`, { confirmConflicts: true });
});

const pageOf = (user?: TestUser) => suite.openPage(user);
async function shots(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${suite.shots}/${name}-${size.name}.png` });
  }
  await page.setViewportSize(sizes[0]);
}
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

it('refuses an end before the start unless "ends the next day" is ticked, and says so beside the field', async () => {
  const { page, errors } = await pageOf(organiser);
  await page.setViewportSize(sizes[0]);
  await page.goto(`/journee-regionale/${day.id}/programme`);
  await page.getByRole('button', { name: 'Nouvelle session' }).click();
  await page.getByLabel('Titre').fill('Session mal saisie');
  await page.getByLabel('Début').fill('11:00');
  await page.getByLabel('Fin', { exact: true }).fill('09:30');
  const message = 'La fin (09:30) est avant le début (11:00) : corrigez l’heure de fin, ou cochez « Se termine le lendemain » pour une session de nuit.';
  await page.getByText(message).first().waitFor();
  await page.getByRole('button', { name: 'Créer la session' }).click();
  await page.getByRole('alert').filter({ hasText: message }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('session-end');
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'session-overnight-refused');
  // Nothing was saved.
  expect((await api.get(`/api/events/${day.id}`)).body.event.sessions.map((s: { title: string }) => s.title)).not.toContain('Session mal saisie');

  // Asked for explicitly, it is saved as running into the next day.
  await page.getByLabel('Se termine le lendemain (session de nuit)').check();
  await page.getByRole('button', { name: 'Créer la session' }).click();
  await expect.poll(async () => (await api.get(`/api/events/${day.id}`)).body.event.sessions.find((s: { title: string }) => s.title === 'Session mal saisie')?.endsAt)
    .toBe(day.at('2027-03-28', '09:30'));
  await api.delete(`/api/events/${day.id}/sessions/${(await api.get(`/api/events/${day.id}`)).body.event.sessions.find((s: { title: string }) => s.title === 'Session mal saisie').id}`);
  expect(errors).toEqual([]);
  await page.context().close();
});

it('draws overlapping sessions side by side, keeps room headers in view and short sessions readable', async () => {
  const { page, errors } = await pageOf(organiser);
  await page.setViewportSize(sizes[0]);
  await page.goto(`/journee-regionale/${day.id}/programme`);
  const opening = page.getByRole('button', { name: /^Ouverture, parcours; partenaires, 09:00–10:00/ });
  const panel = page.getByRole('button', { name: /^Table ronde des patients partenaires, 09:30–10:30/ });
  await opening.waitFor();
  const [a, b] = [(await opening.boundingBox())!, (await panel.boundingBox())!];
  // Side by side: no horizontal overlap, each about half the column.
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + 1);
  expect(Math.abs(a.width - b.width)).toBeLessThan(2);

  // The 15-minute break: its title on one line with the time, whole on focus.
  const pause = page.getByRole('button', { name: /^Pause café et posters, 12:00–12:15/ });
  expect(await pause.getAttribute('title')).toContain('Pause café et posters');
  await pause.focus();
  await expect.poll(() => pause.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await expect.poll(() => pause.evaluate((el) => { const t = el.querySelector('.tt__session-title')!; return t.scrollWidth <= t.clientWidth + 1; })).toBe(true);

  // Scrolled down, the room headers stay at the top of the grid.
  const frame = await box(page, '.tt-scroll');
  await page.locator('.tt-scroll').evaluate((el) => { el.scrollTop = 600; });
  await expect.poll(async () => Math.round((await box(page, '.tt__room')).y)).toBe(Math.round(frame.y + 1));
  expect(await page.locator('.tt__room').first().isVisible()).toBe(true);
  await page.locator('.tt-scroll').evaluate((el) => { el.scrollTop = 0; });
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'timetable-grid');
  expect(errors).toEqual([]);
  await page.context().close();
});

it('offers the time zones as a list, France and its overseas zones first, and refuses an evening not ticked', async () => {
  const { page, errors } = await pageOf(organiser);
  await page.setViewportSize(sizes[0]);
  await page.goto(`/journee-regionale/${day.id}`);
  const zone = page.getByLabel('Fuseau horaire');
  await zone.waitFor();
  const options = await zone.locator('option').evaluateAll((els) => els.map((o) => (o as HTMLOptionElement).value));
  expect(options.slice(0, 10)).toEqual(['Europe/Paris', 'America/Guadeloupe', 'America/Martinique', 'America/Cayenne', 'Indian/Reunion', 'Indian/Mayotte', 'Pacific/Noumea', 'Pacific/Tahiti', 'America/Miquelon', 'Pacific/Wallis']);
  expect(options).toContain('Europe/Brussels');
  expect(await zone.inputValue()).toBe('Europe/Paris');
  expect(await page.getByLabel('Date du jour 1').getAttribute('max')).toMatch(/^20\d\d-12-31$/);

  await page.getByLabel('Fermeture').first().fill('08:00');
  await page.getByLabel('Ouverture').first().fill('18:00');
  await page.getByText('La fermeture (08:00) est avant l’ouverture (18:00)').waitFor();
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('day-end-0');
  expect((await api.get(`/api/events/${day.id}`)).body.event.days[0]).toEqual({ date: '2027-03-27', start: '09:00', end: '17:00' });
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'event-form-evening');
  await page.setViewportSize(sizes[1]);
  // The list of zones does not widen the form past a phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await page.context().close();
});

it('shows the public agenda as a grid beside the list, with plurals, a discreet schedule.json link and "resend my link"', async () => {
  const registered = await fetch(`${suite.server.url}/api/events/public/${day.slug}/registrations`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Inès Garcia', email: 'ines@example.org', participantKind: 'professional', workshopIds: [day.workshop] }),
  });
  expect(registered.status).toBe(201);
  await smtp.waitFor(1);
  const { page, errors } = await pageOf();
  await page.setViewportSize(sizes[0]);
  await page.goto(`/agenda/${day.slug}`);
  await page.getByRole('heading', { level: 1, name: 'Journée test' }).waitFor();
  // One of two seats taken: "1 place restante", in the singular.
  await expect.poll(() => page.locator('.badge--places').first().textContent()).toBe('1 place restante');
  // schedule.json is for apps, at the foot of the page, not among the visitors' buttons.
  expect(await page.locator('.agenda__header .actions').getByText(/schedule\.json/).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Pour les applications : le programme au format schedule.json' }).getAttribute('href')).toBe(`/agenda/${day.slug}/schedule.json`);

  await page.getByRole('button', { name: 'Grille' }).click();
  const grid = page.getByRole('region', { name: /^Grille du samedi 27 mars 2027/ });
  await grid.waitFor();
  expect(await grid.locator('.tt__room').allTextContents()).toEqual(['Amphithéâtre', 'Salle 2']);
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'agenda-grid');
  await grid.getByRole('button', { name: /^Atelier mutualisation, 10:30–12:00, Salle 2/ }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`session-${day.workshop}`);
  await shots(page, 'agenda-list');

  await page.getByLabel('E-mail utilisé pour l’inscription').fill('ines@example.org');
  await page.getByRole('button', { name: 'Renvoyer mon lien' }).click();
  await page.getByText('Si ines@example.org est inscrite à cette journée, un nouveau lien personnel vient d’y être envoyé (l’ancien ne fonctionne plus).').waitFor();
  const [, mail] = await smtp.waitFor(2);
  expect(mail.to).toEqual(['ines@example.org']);
  const link = /\/inscription\/[\w-]+/.exec(mail.text)![0];
  await page.goto(link);
  await page.getByText('Inès Garcia, voici votre inscription à « Journée test ».').waitFor();
  expect(errors).toEqual([]);
  await page.context().close();
});

it('tells a visitor with a broken or replaced link, in plain words', async () => {
  const { page, errors } = await pageOf();
  for (const token of ['abc', 'x'.repeat(43)]) {
    await page.goto(`/inscription/${token}`);
    await page.getByRole('alert').getByText('Ce lien n’est plus valable.').waitFor();
    expect(await page.getByText(/params\.token|caractères/).count()).toBe(0);
  }
  await expectNoSeriousA11yViolations(page);
  await shots(page, 'registration-link-invalid');
  expect(errors).toEqual([]);
  await page.context().close();
});
