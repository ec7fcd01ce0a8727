import { expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { expectNoSeriousA11yViolations, signInThroughPage } from '../../helpers/browser';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

const suite = browserSuite('directory', { config: { demo: true } });

it('a member declares her organisation’s programme with the form; it waits for the coordination, out of public view', async () => {
  const { context, page, errors } = await suite.openPage(undefined, { width: 1366, height: 800 });
  await signInThroughPage(page, 'sophie.bernard@demo.maillage.fr', DEMO_PASSWORD);
  await page.goto('/programmes');
  await page.getByRole('link', { name: 'Déclarer ou gérer les programmes de ma structure' }).click();
  await page.getByRole('heading', { level: 1, name: 'Les programmes de ma structure' }).waitFor();
  await page.getByRole('cell', { name: 'MSP des Pentes' }).first().waitFor();
  await page.getByRole('link', { name: 'Déclarer un programme' }).click();
  await page.getByRole('heading', { level: 1, name: 'Déclarer un programme' }).waitFor();

  await page.getByLabel('Titre du programme').fill('Asthme : respirer en ville');
  await page.getByRole('group', { name: 'Maladies ou situations de santé' }).getByLabel('Asthme').check();
  await page.getByRole('group', { name: 'Publics' }).getByLabel('Adultes').check();
  await page.getByLabel('Commune 1').fill('Lyon 1er');
  await page.getByLabel('Département 1').selectOption({ label: '69 · Rhône' });
  await page.getByLabel('Lieu de réalisation').selectOption({ label: 'En ville' });
  await page.getByLabel('Format des séances').selectOption({ label: 'Séances collectives' });
  await page.getByLabel('Déclaré à l’ARS le').fill('2024-05-02');
  await page.getByRole('button', { name: 'Ajouter un partenaire' }).click();
  await page.getByLabel('Nom du partenaire 1').fill('Pharmacie des Pentes');
  await page.getByLabel('Type du partenaire 1').selectOption({ label: 'libéral' });
  await page.getByLabel('Adresse e-mail du contact').fill('etp@msp-pentes.example');
  await page.getByLabel('Présentation publique').fill('Quatre ateliers le soir à la MSP.');
  await page.screenshot({ path: `${suite.shots}/declare-form-1366.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Envoyer à la coordination pour validation' }).click();
  await page.getByText('Envoyé : la coordination régionale va relire cette version.').waitFor();
  await page.getByText('En attente de la coordination régionale.').waitFor();
  await page.waitForURL(/\/programmes\/[0-9a-f-]+\/modifier$/);
  const id = new URL(page.url()).pathname.split('/')[2];
  expect((await fetch(`${suite.server.url}/api/programmes/public/${id}`)).status).toBe(404);
  expect(await (await fetch(`${suite.server.url}/programmes.csv`)).text()).not.toContain('Asthme : respirer en ville');

  // On a phone, the same form reads in one column.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await page.getByLabel('Titre du programme').waitFor();
  expect(await page.getByLabel('Titre du programme').inputValue()).toBe('Asthme : respirer en ville');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${suite.shots}/declare-form-360.png`, fullPage: false });
  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
  await context.close();
});
