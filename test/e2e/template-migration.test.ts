import type { Browser, Page } from 'playwright-core';
import { createActivities } from '../../activities';
import { uiDistDir } from '../../cli/runtime/ui-build';
import { HttpClient, startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot, watchPageErrors } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../helpers/temporal';
import { signInOk } from '../helpers/ui-stack';
import { seedDemo } from '../helpers/users';
import { migrationWorkflowId } from '../../workflows/definitions';
import { createGate } from '../helpers/gate';

/**
 * Each case of a run is one migrateCaseToVersion activity. A migration of two cases is over before
 * a person (or a screenshot) sees it move, so this worker's activity waits at a gate the test opens:
 * the dialog is seen half-way, then at the end. Everything else is the real worker.
 */
const gate = createGate();

let tdb: TestDatabase;
let app: TestApp;
let browser: Browser;
let worker: TestWorker;
let partner: HttpClient;
let lawyer: HttpClient;
const debugLog: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const taskQueue = uniqueTaskQueue('migration-ui');
  const { migrateCaseToVersion } = createActivities({ db: tdb.db });
  worker = await startTestWorker(tdb.db, taskQueue, {
    migrateCaseToVersion: async (input) => (await gate.pass(), migrateCaseToVersion(input)),
  });
  app = await startTestApp(tdb.db, {
    temporal: testTemporalHandle(taskQueue),
    uiDir: uiDistDir(),
  });
  browser = await launchBrowser();
  partner = new HttpClient(app.url);
  await partner.login('partner@demo.lexflow');
  lawyer = new HttpClient(app.url);
  await lawyer.login('li.ming@demo.lexflow');
}, 60_000);
afterAll(async () => {
  gate.release();
  await browser?.close();
  await app?.close();
  await worker?.stop();
  await tdb?.drop();
});

const put = (path: string, xml: string) => partner.request('PUT', path, { raw: xml, contentType: 'application/xml' });

/** A copy of the due-diligence template with two cases running on v1, and a v2 that renames the first stage. */
async function twoCasesOnVersionOne(key: string) {
  const base = `/api/v1/process-templates/${key}`;
  expect(
    (
      await partner.post('/api/v1/process-templates', {
        key,
        name: '本所尽职调查流程',
        copyFrom: 'due-diligence',
      })
    ).status,
  ).toBe(201);
  const draft: string = (await partner.get(base)).body.draftXml;
  await put(`${base}/draft`, draft);
  expect((await partner.post(`${base}/publish`, { changeNote: '首版' })).body.version).toBe(1);
  const client = await tdb.db('clients').first();
  const me = (await lawyer.get('/api/v1/auth/me')).body;
  const cases: Array<{ id: string; number: string; title: string }> = [];
  for (const title of ['华信建设股权收购尽职调查', '星河科技A轮融资尽职调查']) {
    const opened = await lawyer.post('/api/v1/cases', {
      title,
      clientId: client.id,
      practiceArea: 'non_litigation',
      caseType: 'due_diligence',
      leadLawyerId: me.id,
      templateKey: key,
    });
    expect(opened.status).toBe(201);
    await eventually(async () => (await lawyer.get(`/api/v1/cases/${opened.body.id}/progress`)).body.openTasks?.length);
    cases.push({ id: opened.body.id, number: opened.body.number, title });
  }
  await put(
    `${base}/draft`,
    draft.replace('name="立项" lexflow:nameEn="Set-up"', 'name="立项与利冲审查" lexflow:nameEn="Set-up and conflict check"'),
  );
  const v2 = await partner.post(`${base}/publish`, {
    changeNote: '立项阶段更名',
  });
  expect(v2.body.version).toBe(2);
  return { cases, v2Id: v2.body.id as string };
}

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.on('console', (m) => debugLog.push(`console ${m.type()}: ${m.text()}`));
  page.on('response', (r) => debugLog.push(`${r.status()} ${r.request().method()} ${r.url()}`));
  return { page, errors: watchPageErrors(page) };
}

/** The same moment on a desktop and on a phone. */
async function shoot(page: Page, name: string) {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const TEXT = {
  'zh-CN': {
    oldStage: '立项',
    newStage: '立项与利冲审查',
    half: '已处理 1 / 2 件',
    end: '已处理 2 / 2 件',
    all: '2 件案件已全部迁移到第 2 版',
  },
  // The preview names the stage as the case row stores it (the template's own name), as the case list does.
  en: {
    oldStage: '立项',
    newStage: 'Set-up and conflict check',
    half: '1 of 2 cases done',
    end: '2 of 2 cases done',
    all: 'All 2 cases moved to version 2',
  },
} as const;

describe.each(['zh-CN', 'en'] as const)('the versions dialog (%s)', (locale) => {
  it('previews, migrates two running cases to v2 with progress, and the cases run on v2', async () => {
    const text = TEXT[locale];
    const key = `dd-move-${locale.toLowerCase()}`;
    const { cases, v2Id } = await twoCasesOnVersionOne(key);
    expect((await partner.patch('/api/v1/auth/me', { locale })).status).toBe(200);
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', debugLog);
    const shot = `migration-${locale}`;

    await page.goto(`${app.url}/templates/${key}/edit`);
    await page.locator('[data-test=versions]').click();
    const dialog = page.locator('[data-test=versions-dialog]');
    await dialog.waitFor();
    await page.locator('[data-test=migration-preview]').click();
    const table = page.locator('[data-test=migration-table]');
    await table.waitFor();
    for (const c of cases) {
      const row = table.locator('tr', { hasText: c.number });
      expect(await row.innerText()).toContain(c.title);
      expect(await row.innerText()).toContain('v1');
      expect(await row.innerText()).toContain(text.oldStage);
    }
    await shoot(page, `${shot}-1-preview`);

    // The first case goes through, the second waits: the dialog shows the run half-way.
    gate.holdAfter(1);
    await page.locator('[data-test=migration-run]').click();
    const progress = page.locator('[data-test=migration-progress]');
    await progress.filter({ hasText: text.half }).waitFor({ timeout: 20_000 });
    expect(await progress.locator('[role=progressbar]').getAttribute('aria-valuenow')).toBe('50');
    await shoot(page, `${shot}-2-running`);

    gate.release();
    await page.locator('[data-test=migration-result]').waitFor({ timeout: 20_000 });
    await shoot(page, `${shot}-3-done`);
    expect(await page.locator('[data-test=migration-result]').innerText()).toContain(text.all);
    expect(await progress.innerText()).toContain(text.end);
    expect(await progress.locator('[role=progressbar]').getAttribute('aria-valuenow')).toBe('100');

    // What moved: each case runs on v2 (API), and its page shows the renamed stage of v2.
    for (const c of cases) {
      expect((await partner.get(`/api/v1/cases/${c.id}`)).body.templateVersionId).toBe(v2Id);
      expect((await partner.get(`/api/v1/cases/${c.id}/progress`)).body.versionId).toBe(v2Id);
      await page.goto(`${app.url}/cases/${c.id}`);
      await page.locator('[data-test=stage-Stage_Setup]', { hasText: text.newStage }).waitFor();
    }
    await screenshot(page, `${shot}-4-case-desktop`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the versions dialog, a run the engine stops half-way', () => {
  it('stops following the run, says it stopped and why, and offers the case it did not reach again', async () => {
    const { cases } = await twoCasesOnVersionOne('dd-stopped');
    expect((await partner.patch('/api/v1/auth/me', { locale: 'zh-CN' })).status).toBe(200);
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', debugLog);
    await page.goto(`${app.url}/templates/dd-stopped/edit`);
    await page.locator('[data-test=versions]').click();
    await page.locator('[data-test=migration-preview]').click();
    await page.locator('[data-test=migration-table]').waitFor();

    gate.holdAfter(1);
    const started = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/dd-stopped/migrate'));
    await page.locator('[data-test=migration-run]').click();
    const runId: string = (await (await started).json()).id;
    const progress = page.locator('[data-test=migration-progress]');
    await progress.filter({ hasText: '已处理 1 / 2 件' }).waitFor({ timeout: 20_000 });
    await app.temporal.client.workflow.getHandle(migrationWorkflowId(runId)).terminate('stopped by an operator');
    gate.abort('the run was terminated');

    const stopped = page.locator('[data-test=migration-stopped]');
    await stopped.waitFor({ timeout: 20_000 });
    await screenshot(page, 'migration-stopped-desktop');
    expect(await progress.innerText()).toContain('迁移中止：已处理 1 / 2 件');
    expect(await stopped.innerText()).toContain('the run was terminated: stopped by an operator');
    expect(await page.locator('[data-test=migration-result]').innerText()).toContain('已迁移 1 件，失败 0 件');
    // The dialog stopped following the run: the preview is loaded again and lists the case the run did not reach.
    const rows = page.locator('[data-test=migration-table] tbody tr');
    await rows.filter({ hasText: cases[1].number }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
