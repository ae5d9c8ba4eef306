import type { BrowserContext, Page } from 'playwright-core';
import { demoCaseHooks } from '../../api/cases';
import { createEngine } from '../../api/engine';
import { seedDemoBilling } from '../../db/seeds/demo-billing';
import { seedDemoCases } from '../../db/seeds/demo-cases';
import { seedDemoDocuments } from '../../db/seeds/demo-documents';
import { seedDemoPortal } from '../../db/seeds/demo-portal';
import { HttpClient } from '../helpers/app';
import { screenshot } from '../helpers/browser';
import { findLeaks, readScreen, vocabularyOf, type Vocabulary } from '../helpers/page-walk';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * No raw values on any screen (issue 18 item 6): the demo firm as `lexflow start` seeds it (closed
 * history, running cases opened through the real intake, documents, invoices, the client's portal),
 * then every route of ui/src/router — with real ids — as the roles that see different pages, the
 * case page's tabs and its new-task dialog, a template's versions, in zh-CN and in en. Each screen is read as a person
 * reads it (text, field values and placeholders, titles) and checked by the rules documented in
 * test/helpers/page-walk.ts; the test fails listing every page with the offending snippet.
 */
let stack: UiStack;
let vocab: Vocabulary;
const ids = { running: '', closed: '', client: '', template: '', person: '', portalCase: '' };

beforeAll(async () => {
  stack = await startUiStack('page-walk');
  const { db } = stack.tdb;
  const hooks = demoCaseHooks(db, createEngine(stack.app.temporal), 'Asia/Shanghai');
  await seedDemoCases(db, hooks, { historical: 8, active: 4, now: new Date() });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await seedDemoDocuments(db, stack.app.storage, { today, cases: 8 });
  await seedDemoBilling(db, { today, cases: 8 });
  ids.portalCase = (await seedDemoPortal(db, { today })).caseId ?? '';
  ids.running = (await db('cases').where({ status: 'active' }).orderBy('number').first('id')).id;
  ids.closed = (await db('cases').where({ status: 'closed' }).orderBy('number').first('id')).id;
  ids.client = (await db('clients').orderBy('created_at').first('id')).id;
  ids.template = (await db('process_templates').orderBy('key').first('key')).key;
  ids.person = (await db('users').where({ email: 'li.ming@demo.lexflow' }).first('id')).id;
  // One running case jumps a stage, so the stepper and the timeline show a skipped stage too.
  const partner = new HttpClient(stack.app.url);
  expect((await partner.login('partner@demo.lexflow')).status).toBe(200);
  const progress = (await partner.get(`/api/v1/cases/${ids.running}/progress`)).body as { stages: Array<{ id: string; status: string }> };
  const ahead = progress.stages.filter((s) => s.status === 'pending');
  if (ahead.length >= 2) {
    const r = await partner.post(`/api/v1/cases/${ids.running}/advance`, { reason: '当事人同意跳过该阶段', toStageId: ahead[1].id });
    expect(r.status).toBe(200);
  }
  vocab = await vocabularyOf(db);
}, 240_000);
afterAll(() => stack?.close());

/** Screens pictured even when clean: the places the walk's first runs found leaks in. */
const SHOTS = /^partner \/cases\/:running (tab overview|tab timeline|new-task dialog)$|versions dialog$/;

/** The main dialogs of list pages, by the button that opens them. */
const DIALOGS: Record<string, string> = { '/cases': 'new-case', '/clients': 'new-client', '/tasks': 'new-task' };

type Who = 'anonymous' | 'partner' | 'admin' | 'li.ming' | 'finance' | 'client';
const CASE_TABS = ['overview', 'tasks', 'documents', 'communication', 'timeline', 'parties', 'team', 'notes', 'finance'];

/** The walk: who visits which route (each role sees pages or parts the others do not). */
function walk(): Array<[Who, string]> {
  const staff = ['/', '/cases', '/clients', '/calendar', '/tasks', '/deadlines', '/documents', '/billing'];
  return [
    ...['/login', '/forgot-password', '/invite/not-a-token', '/reset-password/not-a-token', '/portal/invite/not-a-token'].map(
      (p): [Who, string] => ['anonymous', p],
    ),
    ...[...staff, '/templates', `/templates/${ids.template}/edit`, '/reports', `/cases/${ids.running}`, `/cases/${ids.closed}`]
      .concat([`/clients/${ids.client}`, '/conflict-checks', '/people', `/people/${ids.person}`, '/forbidden', '/no/such/page'])
      .map((p): [Who, string] => ['partner', p]),
    ...['/', '/admin', '/admin/firm', '/audit', '/people'].map((p): [Who, string] => ['admin', p]),
    ...['/', '/tasks', '/calendar'].map((p): [Who, string] => ['li.ming', p]),
    ...['/', '/billing', `/cases/${ids.running}`].map((p): [Who, string] => ['finance', p]),
    ...['/portal', `/portal/cases/${ids.portalCase}`].map((p): [Who, string] => ['client', p]),
  ];
}

/** Waits until the page has asked for nothing for a moment (the live notice stream aside). */
async function settle(page: Page, inflight: Set<unknown>): Promise<void> {
  await page.waitForLoadState('load');
  for (let quiet = 0, spent = 0; quiet < 3 && spent < 60; spent++) {
    await page.waitForTimeout(100);
    quiet = inflight.size === 0 ? quiet + 1 : 0;
  }
  await page.waitForTimeout(150); // the last answer's render
}

function watchRequests(page: Page): Set<unknown> {
  const inflight = new Set<unknown>();
  page.on('request', (r) => {
    if (!r.url().includes('/stream') && r.resourceType() !== 'eventsource') inflight.add(r);
  });
  page.on('requestfinished', (r) => inflight.delete(r));
  page.on('requestfailed', (r) => inflight.delete(r));
  return inflight;
}

async function walkIn(locale: 'zh-CN' | 'en'): Promise<string[]> {
  await stack.tdb.db('users').update({ locale });
  const context: BrowserContext = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  await context.addInitScript((l: string) => (globalThis as any).localStorage.setItem('lexflow.locale', l), locale);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const inflight = watchRequests(page);
  const found: string[] = [];
  const check = async (where: string) => {
    await settle(page, inflight);
    const leaks = findLeaks(await readScreen(page), locale, vocab);
    if (leaks.length) found.push(...leaks.map((l) => `[${locale}] ${where}: ${l}`));
    if (leaks.length || SHOTS.test(where)) await screenshot(page, `page-walk-${locale}-${where.replace(/[^\w]+/g, '-')}`.slice(0, 120));
  };
  let current: Who = 'anonymous';
  for (const [who, path] of walk()) {
    if (who !== current) {
      await context.clearCookies();
      if (who !== 'anonymous') {
        await page.goto(`${stack.app.url}/login`);
        await signInOk(page, `${who}@demo.lexflow`, stack.debugLog);
      }
      current = who;
    }
    await page.goto(`${stack.app.url}${path}`);
    const where = `${who} ${path
      .replace(ids.running, ':running')
      .replace(ids.closed, ':closed')
      .replace(/[0-9a-f-]{36}/, ':id')}`;
    await check(where);
    const opener = DIALOGS[path];
    if (opener && (await page.locator(`[data-test=${opener}]`).count())) {
      await page.locator(`[data-test=${opener}]`).click();
      await page.locator('.v-overlay--active .v-card').first().waitFor();
      await check(`${where} ${opener} dialog`); // the next route's page load closes it
    }
    if (path.endsWith('/edit')) {
      await page.locator('[data-test=versions]').click();
      await page.locator('.v-dialog').waitFor();
      await check(`${where} versions dialog`);
      await page.keyboard.press('Escape');
    }
    if (path.startsWith('/cases/')) {
      for (const tab of CASE_TABS) {
        const button = page.locator(`[data-test=tab-${tab}]`);
        if (!(await button.count())) continue;
        await button.click();
        await check(`${where} tab ${tab}`);
        if (tab === 'tasks' && (await page.locator('[data-test=case-new-task]').count())) {
          await page.locator('[data-test=case-new-task]').click();
          await page.locator('[data-test=new-task-dialog]').waitFor();
          await check(`${where} new-task dialog`);
          await page.keyboard.press('Escape');
        }
      }
    }
  }
  await context.close();
  return [...found, ...errors.map((e) => `[${locale}] page error: ${e}`)];
}

describe('every page in both languages', () => {
  it('shows no UUID, no long decimal, no API path, no headerless table and nothing of the other language', async () => {
    const t0 = Date.now();
    const leaks = [...(await walkIn('zh-CN')), ...(await walkIn('en'))];
    console.log(`page walk: ${walk().length} routes × 2 languages in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${leaks.length} leaks`);
    expect(leaks).toEqual([]);
  }, 300_000);
});
