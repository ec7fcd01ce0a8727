import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';
import { buildEvent } from '../../server/events/fixture';
import { localToUtc } from '../../../shared/events.time';

const suite = browserSuite('events');
let api: HttpClient;

it('an organiser builds the day with the keyboard, sees a conflict live and publishes', async () => {
  const organiser = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  api = await signIn(suite.server.url, organiser);
  const created = await api.post('/api/events', { title: 'Journée clavier', slug: 'journee-clavier', days: [{ date: '2027-03-25', start: '09:00', end: '17:00' }] });
  const eventId = created.body.id;
  await api.post(`/api/events/${eventId}/rooms`, { name: 'Amphithéâtre', capacity: 100 });
  await api.post(`/api/events/${eventId}/rooms`, { name: 'Salle Saône', capacity: 12 });

  const { context, page, errors } = await suite.openPage(organiser);
  await page.goto(`/journee-regionale/${eventId}/programme`);
  await page.getByRole('heading', { level: 1, name: 'Journée clavier : grille horaire' }).waitFor();

  // Create a session from the toolbar, entirely with keys.
  await page.getByRole('button', { name: 'Nouvelle session' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('session-title');
  await page.keyboard.type('Ouverture de la journée');
  await page.getByLabel('Début').focus();
  await page.keyboard.type('0930');
  await page.getByLabel('Fin', { exact: true }).focus();
  await page.keyboard.type('1000');
  await page.keyboard.press('Enter');
  const opening = page.getByRole('button', { name: /^Ouverture de la journée, 09:30–10:00, Amphithéâtre/ });
  await opening.waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-session');

  // Move it down 15 minutes, lengthen it, then send it to the next room.
  await opening.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.getByRole('button', { name: /^Ouverture de la journée, 09:45–10:30, Amphithéâtre/ }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: /^Ouverture de la journée, 09:45–10:30, Salle Saône/ }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Ouverture de la journée');
  await expect.poll(() => page.locator('[aria-live="polite"]').allTextContents()).toContainEqual(expect.stringContaining('Ouverture de la journée : 09:45–10:30, Salle Saône.'));

  // A second session in the same room at the same time: the conflict appears at once.
  await page.getByRole('button', { name: 'Nouvelle session' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Atelier parcours');
  await page.getByLabel('Type').selectOption({ label: 'Atelier' });
  await page.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle Saône' });
  await page.getByLabel('Début').focus();
  await page.keyboard.type('1000');
  await page.getByLabel('Fin', { exact: true }).focus();
  await page.keyboard.type('1100');
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Conflits (1)' }).getByText('La salle Salle Saône est réservée deux fois').waitFor();
  await expect.poll(async () => {
    const saved = await api.get(`/api/events/${eventId}`);
    return saved.body.event.sessions.map((s: any) => [s.title, s.startsAt]).sort();
  }).toEqual([
    ['Atelier parcours', new Date(localToUtc('2027-03-25', '10:00', 'Europe/Paris')).toISOString()],
    ['Ouverture de la journée', new Date(localToUtc('2027-03-25', '09:45', 'Europe/Paris')).toISOString()],
  ]);
  await expectNoSeriousA11yViolations(page);

  // Publishing lists the conflict and asks first.
  await page.getByRole('button', { name: 'Publier le programme' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Publier malgré 1 conflit(s) ?' });
  await dialog.getByText('La salle Salle Saône est réservée deux fois').waitFor();
  await dialog.getByRole('button', { name: 'Publier quand même' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Version 1 publiée.').waitFor();
  expect((await api.get('/api/events/public/journee-clavier')).status).toBe(200);

  // With the mouse: drag the workshop 15 minutes down into the amphitheatre; the conflict goes away.
  const workshop = page.getByRole('button', { name: /^Atelier parcours, 10:00–11:00, Salle Saône/ });
  await workshop.scrollIntoViewIfNeeded();
  const from = (await workshop.boundingBox())!;
  const amphi = (await page.locator('.tt__col').first().boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(amphi.x + amphi.width / 2, from.y + 25, { steps: 4 });
  await page.mouse.move(amphi.x + amphi.width / 2, from.y + 10 + 30, { steps: 4 });
  await page.mouse.up();
  await page.getByRole('button', { name: /^Atelier parcours, 10:15–11:15, Amphithéâtre/ }).waitFor();
  await page.getByRole('region', { name: 'Conflits (0)' }).getByText('Aucun conflit : le programme est cohérent.').waitFor();
  await page.getByText('Des modifications ne sont pas encore publiées.').waitFor();
  await expect.poll(async () => (await api.get(`/api/events/${eventId}`)).body.event.sessions.find((s: any) => s.title === 'Atelier parcours').startsAt)
    .toBe(new Date(localToUtc('2027-03-25', '10:15', 'Europe/Paris')).toISOString());
  expect(errors).toEqual([]);
  await context.close();
});

it('a visitor reads the agenda, filters it, keeps a programme, registers, and sees a new version arrive', async () => {
  const day = await buildEvent(api, 'journee-visiteurs');
  await api.post(`/api/events/${day.id}/publish`, {});
  const { context, page, errors } = await suite.openPage();
  await page.goto('/journee-regionale');
  await page.getByRole('heading', { level: 1, name: 'Journée régionale' }).waitFor();
  await page.getByRole('link', { name: /Voir le programme.*Journée test/ }).click();
  await page.waitForURL('**/agenda/journee-visiteurs');
  await page.getByRole('heading', { level: 1, name: 'Journée test' }).waitFor();
  const titles = () => page.locator('.agenda-session__title').allTextContents();
  expect(await titles()).toEqual(['Ouverture, parcours; partenaires', 'Atelier mutualisation', 'Clôture']);
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle 2' });
  await expect.poll(titles).toEqual(['Atelier mutualisation']);
  await page.getByLabel('Salle', { exact: true }).selectOption({ label: 'Toutes les salles' });
  await page.getByRole('button', { name: 'Ajouter à mon programme : Clôture' }).click();
  await page.getByLabel(/Seulement mon programme/).check();
  await expect.poll(titles).toEqual(['Clôture']);
  // The selection stays in this browser.
  await page.reload();
  await page.getByLabel(/Seulement mon programme \(1\)/).check();
  await expect.poll(titles).toEqual(['Clôture']);
  await page.getByLabel(/Seulement mon programme/).uncheck();

  await page.getByLabel('Nom et prénom').fill('Nadia Benali');
  await page.getByLabel('Adresse e-mail').fill('nadia@example.org');
  await page.getByLabel('Structure').fill('CH Saint-Roch');
  await page.getByLabel('Patient·e ou association').check();
  await page.getByLabel(/Atelier mutualisation/).check();
  await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await page.getByText('Merci Nadia Benali, votre inscription est enregistrée.').waitFor();
  await page.getByText('Atelier mutualisation : place confirmée.').waitFor();
  await expect.poll(() => page.locator('.badge--places').first().textContent()).toBe('1 place restante');

  // The organiser republishes: the open page updates without a reload.
  await api.put(`/api/events/${day.id}/sessions/${day.monday}`, { kind: 'plenary', title: 'Clôture et perspectives', roomId: day.amphi, startsAt: day.at('2027-03-29', '16:00'), endsAt: day.at('2027-03-29', '17:00') });
  await api.post(`/api/events/${day.id}/publish`, { note: 'Titre de la clôture précisé.' });
  await page.getByText('Le programme vient d\'être mis à jour (version 2).').first().waitFor();
  await expect.poll(titles).toContain('Clôture et perspectives');
  await page.getByText('Titre de la clôture précisé.').waitFor();
  // The print view keeps the sessions and drops the controls.
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: 'Envoyer mon inscription' }).isVisible()).toBe(false);
  expect(await page.getByLabel('Salle', { exact: true }).isVisible()).toBe(false);
  expect(await page.getByRole('heading', { name: 'Clôture et perspectives' }).isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Without SMTP the personal link is shown at once; it lets the visitor give the seat back.
  await page.getByRole('link', { name: 'Gérer mon inscription' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon inscription' }).waitFor();
  await expectNoSeriousA11yViolations(page);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Libérer ma place Atelier mutualisation' }).click();
  await page.getByText('Votre place est libérée. Merci !').waitFor();
  await page.getByText('Atelier mutualisation – annulé').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

it('an organiser edits the settings, sees registrations per workshop and marks attendance', async () => {
  const list = await api.get('/api/events');
  const eventId = list.body.events.find((e: any) => e.slug === 'journee-visiteurs').id;
  const workshopId = (await api.get(`/api/events/${eventId}`)).body.event.sessions.find((x: any) => x.kind === 'workshop').id;
  await api.post('/api/events/public/journee-visiteurs/registrations', { name: 'Karim Haddad', email: 'karim@example.org', participantKind: 'patient_or_association', workshopIds: [workshopId] });
  const me = await createUser(suite.server.app, { role: 'coordinator' });
  const { context, page, errors } = await suite.openPage(me);
  await page.goto(`/journee-regionale/${eventId}`);
  await page.getByLabel('Nouvelle salle').fill('Salle Fourvière');
  await page.getByLabel('Places').last().fill('20');
  await page.getByRole('button', { name: 'Ajouter la salle' }).click();
  await expect.poll(() => page.getByLabel('Nom de la salle').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain('Salle Fourvière');
  expect((await api.get(`/api/events/${eventId}`)).body.event.rooms.map((r: any) => [r.name, r.capacity])).toContainEqual(['Salle Fourvière', 20]);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'Inscriptions' }).click();
  const workshop = page.getByRole('region', { name: 'Atelier mutualisation' });
  await workshop.getByRole('row', { name: /Karim Haddad/ }).waitFor();
  await workshop.getByRole('checkbox', { name: 'Présence de Karim Haddad' }).check();
  await expect.poll(async () => (await api.get(`/api/events/${eventId}/registrations`)).body.workshops[0].seats.find((x: any) => x.name === 'Karim Haddad').attended).toBe(true);
  await expectNoSeriousA11yViolations(page);
  // The list, for the sign-in sheet or a spreadsheet.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('inscriptions.csv');
  expect(readFileSync((await csv.path())!, 'utf8')).toContain('Karim Haddad');
  expect(errors).toEqual([]);
  await context.close();
});
