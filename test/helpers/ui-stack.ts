import pino from 'pino';
import { startDocumentIndexer } from '../../activities/documents/indexer';
import type { Browser, Page } from 'playwright-core';
import { uiDistDir } from '../../cli/runtime/ui-build';
import { startTestApp, type TestApp } from './app';
import { launchBrowser, screenshot, watchPageErrors } from './browser';
import { createTestDatabase, type TestDatabase } from './db';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from './temporal';
import { seedDemo } from './users';

/** Everything a browser test needs: a seeded database, a worker, the app serving the built UI, Chromium. */
export interface UiStack {
  tdb: TestDatabase;
  app: TestApp;
  browser: Browser;
  debugLog: string[];
  newPage(opts?: { width?: number; height?: number }): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startUiStack(prefix: string): Promise<UiStack> {
  const tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const taskQueue = uniqueTaskQueue(prefix);
  const worker: TestWorker = await startTestWorker(tdb.db, taskQueue);
  const app = await startTestApp(tdb.db, { temporal: testTemporalHandle(taskQueue), uiDir: uiDistDir() });
  // The worker's background job: documents' text for search (as `lexflow worker` runs it).
  const stopIndexer = startDocumentIndexer({ db: tdb.db, storage: app.storage, logger: pino({ level: 'silent' }) }, 300);
  const browser = await launchBrowser();
  const debugLog: string[] = [];
  return {
    tdb,
    app,
    browser,
    debugLog,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      page.on('console', (m) => debugLog.push(`console ${m.type()}: ${m.text()}`));
      page.on('response', (r) => debugLog.push(`${r.status()} ${r.request().method()} ${r.url()}`));
      page.on('requestfailed', (r) => debugLog.push(`failed ${r.url()} ${r.failure()?.errorText}`));
      return { page, errors: watchPageErrors(page) };
    },
    async close() {
      await browser.close();
      await stopIndexer();
      await app.close();
      await worker.stop();
      await tdb.drop();
    },
  };
}

export async function signIn(page: Page, email: string, password = 'lexflow-demo') {
  const emailField = page.locator('[data-test=email] input');
  const passwordField = page.locator('[data-test=password] input');
  // The page autofocuses the email field once mounted; text typed just before can land there. Retype until both hold.
  for (let attempt = 0; attempt < 5; attempt++) {
    await emailField.fill(email);
    await passwordField.fill(password);
    if ((await emailField.inputValue()) === email && (await passwordField.inputValue()) === password) break;
    await page.waitForTimeout(100);
  }
  await page.locator('[data-test=submit]').click();
}

/** Signs in and waits to leave the login page; a refusal fails with the message the page shows. */
export async function signInOk(page: Page, email: string, debugLog: string[] = []) {
  await signIn(page, email);
  const left = page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 }).then(() => null);
  const refused = page
    .locator('[data-test=login-error]')
    .waitFor({ timeout: 20_000 })
    .then(() => page.locator('[data-test=login-error]').innerText());
  let error: string | null;
  try {
    error = await Promise.race([left, refused.catch(() => null)]);
  } catch (e) {
    await screenshot(page, `failed-sign-in-${email}`);
    throw new Error(`sign-in of ${email} went nowhere (url ${page.url()}): ${(e as Error).message}\n${debugLog.slice(-40).join('\n')}`);
  }
  if (error) throw new Error(`sign-in of ${email} refused: ${error}`);
}
