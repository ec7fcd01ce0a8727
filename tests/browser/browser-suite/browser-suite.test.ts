import { existsSync, rmSync } from 'node:fs';
import { expect, it } from 'vitest';
import { browserSuite } from '../../helpers/browser-suite';
import { createUser } from '../../helpers/factories';

// The set-up every browser file now shares: if lookAt let a page wider than a phone through, or a
// signed-in page were not signed in, every file built on it would pass while proving nothing.
const suite = browserSuite('browser-suite');

it('opens pages as a visitor and as a person, and lookAt refuses a page wider than a phone', async () => {
  const nadia = await createUser(suite.server.app, { name: 'Nadia Benali' });

  const visitor = await suite.openPage();
  await visitor.page.goto('/connexion');
  await visitor.page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  const shots = ['phone', 'laptop'].map((size) => `${suite.shots}/suite-sign-in-${size}.png`);
  for (const file of shots) rmSync(file, { force: true });
  await suite.lookAt(visitor.page, 'suite-sign-in');
  expect(shots.filter((file) => existsSync(file))).toEqual(shots);
  expect(visitor.page.viewportSize()).toEqual({ width: 1366, height: 800 });

  // Something 600 px wide on the sign-in page: a phone user would scroll sideways.
  await visitor.page.evaluate(() => {
    const wide = document.createElement('div');
    wide.style.cssText = 'width: 600px; height: 10px';
    document.querySelector('main')!.append(wide);
  });
  await expect(suite.lookAt(visitor.page, 'suite-too-wide')).rejects.toThrow('suite-too-wide at 360px');
  expect(visitor.errors).toEqual([]);

  // Through the sign-in page, then with the API's session: both land on her home, signed in.
  const signedIn = await suite.openPage(nadia, { width: 360, height: 740 });
  expect(signedIn.page.viewportSize()).toEqual({ width: 360, height: 740 });
  await expect.poll(() => signedIn.page.getByRole('heading', { level: 1 }).textContent()).toBe('Bonjour Nadia Benali');
  expect(suite.apiAs(nadia)).toBe(suite.apiAs(nadia));
  const withSession = await suite.pageWithSession(nadia);
  await withSession.page.goto('/');
  await expect.poll(() => withSession.page.getByRole('heading', { level: 1 }).textContent()).toBe('Bonjour Nadia Benali');
  expect([...signedIn.errors, ...withSession.errors]).toEqual([]);
});
