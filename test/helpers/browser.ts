import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { projectRoot } from '../../cli/runtime/paths';
import { testEnv } from '../environment';

export const SCREENSHOT_DIR = path.join(projectRoot(), 'test-results', 'screenshots');

/** Debian's Chromium, headless, with no network beyond the loopback app. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: testEnv('chromium'),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.waitForTimeout(400); // let Vuetify's transitions settle: the picture shows the resting page
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Fails the test on any uncaught error in the page (a broken UI must not pass quietly). */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Clicks an item of a menu, a select's list or any other overlay once the overlay has finished
 * opening. Vuetify grows an overlay from its activator with a Web Animation; on a loaded machine
 * Playwright can find the item "stable" between two slow frames and click where it stood a moment
 * before, so the click lands on a neighbour or the menu's header, the menu closes and the wanted
 * action never happens (the user menu's preferences, the locale switch and select options were all
 * lost this way in CI). Waiting for the overlay's animations to finish removes the race.
 */
/** The little of the DOM `pick` uses in the page (this project's TypeScript has no DOM library). */
interface Animated {
  closest(selector: string): Animated | null;
  getAnimations(options: { subtree: boolean }): { finished: Promise<unknown> }[];
}

export async function pick(item: Locator): Promise<void> {
  await item.waitFor({ state: 'visible' });
  await item.evaluate(async (el: Animated) => {
    const overlay = el.closest('.v-overlay__content') ?? el;
    await Promise.all(overlay.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined)));
    const frame = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
    await new Promise<void>((done) => frame(() => frame(done)));
  });
  await item.click();
}

/** Switches the interface language with the app bar's menu and waits until the page is in it (<html lang>). */
export async function switchLocale(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.locator('[data-test=locale-switch]').click();
  await pick(page.locator(`[data-test=locale-${locale}]`));
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}
