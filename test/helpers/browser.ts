import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
 * Switches the interface language with the app bar's menu and waits until the page is in it
 * (<html lang>). On a loaded CI machine a click on the menu item can land while the menu is still
 * opening and be lost (seen on the long admin page at phone width, twice in a row once): the menu
 * is then opened again, up to twice.
 */
export async function switchLocale(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    // A menu still open from a lost click is closed first, so the switch's click opens it afresh.
    if (attempt > 0 && (await page.locator(`[data-test=locale-${locale}]`).isVisible())) await page.keyboard.press('Escape');
    await page.locator('[data-test=locale-switch]').click();
    const item = page.locator(`[data-test=locale-${locale}]`);
    await item.waitFor({ state: 'visible' });
    await item.click();
    try {
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached', timeout: 8_000 });
      return;
    } catch (err) {
      if (attempt > 1) throw err;
    }
  }
}
