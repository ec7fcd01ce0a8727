import { expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

const suite = browserSuite('actions', { config: { demo: true } });
const { lookAt } = suite;

const personPage = (email?: string) => suite.openPage(email ? { email, password: DEMO_PASSWORD } : undefined, { width: 1366, height: 800 });

const TITLE = 'Demande de mise en relation (option 2.2) · MSP des Pentes';

it('a member asks the platform from the guide’s option 2.2; the coordinator sees it arrive live and plans it with the keyboard', async () => {
  const visitor = await personPage();
  await visitor.page.goto('/actions/demande?situation=2&option=2.2');
  await visitor.page.getByText('Pour envoyer une demande d’appui et suivre sa réponse, connectez-vous à Maillage.').waitFor();
  await expect.poll(() => visitor.page.getByRole('link', { name: 'Se connecter' }).last().getAttribute('href')).toContain('redirect=');
  await lookAt(visitor.page, 'request-visitor');

  const coordinator = await personPage('claire.martin@demo.maillage.fr');
  await coordinator.page.goto('/actions');
  const toQualify = coordinator.page.getByRole('region', { name: /^À qualifier/ });
  const planned = coordinator.page.getByRole('region', { name: /^Planifiée/ });
  await toQualify.getByRole('article').first().waitFor();
  expect(await toQualify.getByRole('article').count()).toBe(2);

  const member = await personPage('sophie.bernard@demo.maillage.fr');
  await member.page.goto('/actions/demande?situation=2&option=2.2');
  await member.page.getByText('Votre demande porte sur l’option 2.2 du guide de mutualisation.').waitFor();
  await member.page.getByLabel('Mise en relation').check();
  expect(await member.page.getByLabel('Votre structure').inputValue()).not.toBe('');
  await member.page.getByLabel('Votre demande').fill('Nous cherchons le programme diabète du centre hospitalier pour y associer nos séances collectives.');
  await lookAt(member.page, 'request-form');
  await member.page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await member.page.getByText(`Demande envoyée : « ${TITLE} ». La coordination en est informée.`).waitFor();
  const mine = member.page.getByRole('region', { name: 'Mes demandes' });
  await expect.poll(() => mine.getByRole('listitem').filter({ hasText: TITLE }).textContent()).toContain('À qualifier');

  // Live: the card arrives on the coordinator's open board without a reload.
  const card = toQualify.getByRole('article', { name: TITLE });
  await card.waitFor();
  await card.focus();
  await coordinator.page.keyboard.press('ArrowRight');
  await planned.getByRole('article', { name: TITLE }).waitFor();
  await coordinator.page.getByText(`« ${TITLE} » est maintenant dans « Planifiée ».`).waitFor();
  expect(await toQualify.getByRole('article', { name: TITLE }).count()).toBe(0);
  // The moved card keeps the focus, so the next arrow moves it on.
  expect(await coordinator.page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toMatch(/^card-/);
  await lookAt(coordinator.page, 'board');

  // An action's page: the partnership under way, its two meetings and their minutes.
  await coordinator.page.getByRole('link', { name: /^Mutualiser le programme lombalgie/ }).click();
  const meetings = coordinator.page.getByRole('region', { name: 'Réunions' });
  await meetings.getByRole('heading', { name: '17 novembre 2026' }).waitFor();
  expect(await meetings.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['22 septembre 2026', '17 novembre 2026']);
  await lookAt(coordinator.page, 'action');
  await coordinator.page.getByRole('link', { name: 'Modifier' }).click();
  await coordinator.page.getByRole('heading', { level: 1, name: 'Modifier l’action' }).waitFor();
  expect(await coordinator.page.getByLabel('Responsable').locator('option:checked').textContent()).toContain('Nadia Benali');
  await lookAt(coordinator.page, 'edit');

  // The request is in the coordinator's notifications, beside the discussions'.
  await coordinator.page.goto('/notifications');
  const notice = coordinator.page.getByRole('listitem').filter({ has: coordinator.page.getByRole('link', { name: TITLE }) });
  await expect.poll(() => notice.textContent()).toContain('Sophie Bernard demande l’appui de la plateforme :');
  await lookAt(coordinator.page, 'notifications');

  // The person who asked sees where the request stands.
  await member.page.reload();
  await expect.poll(() => mine.getByRole('listitem').filter({ hasText: TITLE }).textContent()).toContain('Planifiée');
  for (const p of [visitor, coordinator, member]) expect(p.errors).toEqual([]);
}, 120_000);
