import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';

const DIR = process.env.SHOTS_DIR ?? '/tmp/shots-accounts';
const SIZES = [{ width: 1366, height: 800, name: 'laptop' }, { width: 360, height: 740, name: 'phone' }] as const;

/**
 * The page at a laptop's and a phone's size: axe-core clean at both, a screenshot of each for a
 * person to look at, and nothing wider than the screen on the phone. Leaves the laptop size on.
 */
export async function lookAt(page: Page, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.evaluate(() => document.fonts.ready);
    await expectNoSeriousA11yViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) throw new Error(`${name}: ${overflow}px wider than a ${size.width}px screen`);
    await page.screenshot({ path: `${DIR}/${name}-${size.name}.png`, fullPage: true });
  }
}
