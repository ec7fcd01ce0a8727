import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

const suite = browserSuite('pooling', { config: { demo: true } });
const { lookAt } = suite;

/** Presses Tab until the link or button named `name` has the focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    if (focused.includes(name)) return;
  }
  throw new Error(`Tab never reached “${name}”`);
}

it('a visitor walks the guide with the keyboard to option 2.2; signed in, she finds partners and starts the partnership', async () => {
  const { context, page, errors } = await suite.openPage(undefined, { width: 1366, height: 800 });

  // The guide is a public section of the navigation.
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mutualisation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mutualiser un programme d’ETP' }).waitFor();
  const platform = 'Dans tous les cas, la plateforme peut vous conseiller, vous mettre en relation ou vous aider sur la méthode.';
  await page.getByText(platform).waitFor();
  const situations = page.getByRole('list', { name: 'Quelle est votre situation ?' }).getByRole('link');
  expect(await situations.count()).toBe(5);
  await page.getByRole('heading', { name: 'Pour les patients' }).waitFor();
  await lookAt(page, 'guide-home');

  // Keyboard only: situation 2, then option 2.2.
  await tabTo(page, 'Je coordonne un programme déclaré à l’ARS en ville');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Je coordonne un programme déclaré à l’ARS en ville' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/mutualisation/2');
  const options = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
  await expect.poll(() => options.count()).toBe(4);
  await page.getByText(platform).waitFor();
  await lookAt(page, 'guide-situation-2');
  await tabTo(page, 'Lire l’option 2.2');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Étendre mon programme à un établissement qui n’en a pas encore/ }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/mutualisation/2.2');
  // The address is shareable: opened afresh, it is the same page, named after the option.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /Étendre mon programme à un établissement qui n’en a pas encore/ }).waitFor();
  expect(await page.title()).toBe('2.2 Étendre mon programme à un établissement qui n’en a pas encore · Maillage');
  await page.getByText('Vous : une seule déclaration, celle de votre programme.').waitFor();
  await page.getByText(platform).waitFor();
  const ask = page.getByRole('link', { name: 'Demander à la plateforme' });
  expect(new URL(await ask.getAttribute('href') ?? '', suite.server.url).search).toBe('?situation=2&option=2.2');
  await page.getByText('Connectez-vous pour trouver des partenaires et démarrer un partenariat.').waitFor();
  await lookAt(page, 'guide-option-2.2');
  // On paper: the option and its help sentence, without the buttons and forms of the screen.
  await page.emulateMedia({ media: 'print' });
  await expect.poll(() => page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
  await expect.poll(() => page.getByRole('heading', { name: 'Trouver des partenaires' }).isVisible()).toBe(false);
  await expect.poll(() => page.getByText('Guide de mutualisation de la plateforme régionale ETP — Maillage').isVisible()).toBe(true);
  expect(await page.getByText(platform).isVisible()).toBe(true);
  await page.screenshot({ path: `${suite.shots}/guide-option-2.2-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // Signing in from the option comes back to it.
  await page.getByRole('link', { name: 'Se connecter' }).last().click();
  await page.getByLabel('Adresse e-mail').fill('sophie.bernard@demo.maillage.fr');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/mutualisation/2.2');

  await page.getByLabel('Maladie ou situation de santé').selectOption({ label: 'Lombalgie chronique' });
  await page.getByLabel('Votre département').selectOption({ label: '69 · Rhône' });
  await page.getByRole('button', { name: 'Trouver des partenaires' }).click();
  const hospitalSide = page.getByRole('region', { name: /Côté hôpital/ });
  // The rehabilitation centre of the Loire (a neighbour of the Rhône) has a low-back-pain programme, with its contact.
  const tilleuls = hospitalSide.getByRole('article').filter({ hasText: 'Centre de rééducation Les Tilleuls' });
  await tilleuls.getByText('École du dos').waitFor();
  await tilleuls.getByText('département voisin').waitFor();
  await tilleuls.getByRole('link', { name: 'etp.lombalgieloire@demo.maillage.fr' }).waitFor();
  // Option 2.2 looks for a hospital without a programme on the theme: the demo hospital is one.
  const saintRoch = hospitalSide.getByRole('article').filter({ hasText: 'Centre hospitalier Saint-Roch' });
  await saintRoch.getByText(/Sur Maillage : .*Nadia Benali/).waitFor();
  await saintRoch.getByRole('checkbox', { name: 'Centre hospitalier Saint-Roch' }).focus();
  await page.keyboard.press('Space');
  await page.getByText('Un partenaire choisi').waitFor();
  const start = page.getByRole('region', { name: 'Démarrer le partenariat' });
  expect(await start.getByRole('checkbox', { name: /Nadia Benali/ }).isChecked()).toBe(true);
  expect(await start.getByLabel('Nom du groupe').inputValue()).toBe('Partenariat – Lombalgie chronique');
  await lookAt(page, 'guide-partners');

  await start.getByRole('button', { name: 'Démarrer le partenariat' }).click();
  await start.getByText('Partenariat démarré.').waitFor();
  await start.getByRole('link', { name: 'Ouvrir la convention de partenariat' }).click();
  await page.waitForURL(/\/documents\//);
  const editor = page.locator('.ProseMirror');
  await expect.poll(() => editor.innerText(), { timeout: 15_000 }).toContain('Convention de partenariat – Lombalgie chronique (option 2.2)');
  const text = await editor.innerText();
  expect(text).toContain('Partenaire 1 : MSP des Pentes (maison ou pôle de santé)');
  expect(text).toContain('Partenaire 2 : Centre hospitalier Saint-Roch (établissement de santé)');
  expect(text).toContain('Déclaration à l’ARS : MSP des Pentes');
  // The option chosen is the one ticked, and only it.
  const ticked = await editor.locator('li[data-checked="true"]').allInnerTexts();
  expect(ticked).toEqual([expect.stringContaining('2.2. Étendre le programme à un établissement')]);
  await page.screenshot({ path: `${suite.shots}/agreement-laptop.png`, fullPage: false });
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);
