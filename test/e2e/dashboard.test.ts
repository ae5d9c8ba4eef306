import type { Locator, Page } from 'playwright-core';
import { addDays, civilDateAt, zonedTimeToInstant } from '../../domain/deadlines/civil-date';
import { HttpClient } from '../helpers/app';
import { screenshot, switchLocale } from '../helpers/browser';
import { eventually } from '../helpers/engine';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The 工作台 in the browser: the lawyer's and the partner's tiles on a seeded firm, and each tile's
 * link landing on its list with the same count. Screenshots at 1280 and 390 px, zh-CN and en.
 */
let stack: UiStack;
const TZ = 'Asia/Shanghai';
let today: string;

async function openCase(api: HttpClient, lead: string, client: string, title: string): Promise<string> {
  const c = (await api.post('/api/v1/clients', { kind: 'organisation', name: client })).body;
  const r = await api.post('/api/v1/cases', {
    title,
    clientId: c.id,
    practiceArea: 'civil',
    caseType: 'first_instance',
    court: '上海市浦东新区人民法院',
    leadLawyerId: lead,
  });
  expect(r.status).toBe(201);
  await eventually(() => stack.tdb.db('tasks').where({ case_id: r.body.id, status: 'open' }).first('id'));
  return r.body.id;
}

beforeAll(async () => {
  stack = await startUiStack('dashboard-ui');
  today = civilDateAt(Date.now(), TZ);
  const users = await stack.tdb.db('users').select('id', 'email');
  const id = (who: string) => users.find((u) => u.email === `${who}@demo.lexflow`)!.id as string;
  const li = new HttpClient(stack.app.url);
  await li.login('li.ming@demo.lexflow');
  const zhang = new HttpClient(stack.app.url);
  await zhang.login('zhang.ting@demo.lexflow');
  const mine = await openCase(li, id('li.ming'), '工作台界面甲有限公司', '甲公司买卖合同纠纷');
  const theirs = await openCase(zhang, id('zhang.ting'), '工作台界面丙有限公司', '丙公司租赁合同纠纷');
  const task = async (c: HttpClient, caseId: string, title: string, dueDate: string, who: string) => {
    const r = await c.post('/api/v1/tasks', { caseId, title, dueDate, assigneeId: id(who) });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  await task(li, mine, '提交证据目录', addDays(today, -2), 'li.ming');
  await task(li, mine, '与客户确认和解方案', today, 'li.ming');
  await task(li, mine, '准备质证意见', addDays(today, 1), 'li.ming');
  const appeal = await task(li, mine, '提交上诉状', addDays(today, 13), 'li.ming');
  await task(li, mine, '十五天后的上诉期限', addDays(today, 15), 'li.ming');
  await task(zhang, theirs, '张婷的逾期任务', addDays(today, -1), 'zhang.ting');
  await stack.tdb.db('tasks').where({ id: appeal }).update({ due_basis: '《民事诉讼法》第171条：上诉期十五日' });
  const at = new Date(zonedTimeToInstant(addDays(today, 2), 9, 30, TZ));
  expect(
    (
      await li.post('/api/v1/calendar/events', {
        caseId: mine,
        kind: 'hearing',
        title: '开庭 · 甲公司买卖合同纠纷',
        startsAt: at.toISOString(),
        endsAt: new Date(at.getTime() + 2 * 3_600_000).toISOString(),
        location: '第十法庭',
      })
    ).status,
  ).toBe(201);
  expect(
    (await li.post('/api/v1/conflict-checks', { subjects: [{ name: '工作台界面丙有限公司', role: 'opposing' }] })).body.result,
  ).not.toBe('clear');
  // Zhang Ting's case has had nothing happen for 31 days.
  const ago = stack.tdb.db.raw(`now() - interval '31 days'`);
  await stack.tdb.db('cases').where({ id: theirs }).update({ created_at: ago });
  await stack.tdb.db('stage_history').where({ case_id: theirs }).update({ entered_at: ago });
  await stack.tdb.db('case_events').where({ case_id: theirs }).update({ created_at: ago });
  await stack.tdb.db('documents').where({ case_id: theirs }).update({ updated_at: ago });
}, 180_000);
afterAll(() => stack?.close());

const numberIn = async (l: Locator) => Number((await l.innerText()).match(/\d+/)?.[0] ?? NaN);

/** Waits until the list's total (a text holding one number) reads `n`; fails with what it read. */
async function totalIs(l: Locator, n: number) {
  const until = Date.now() + 15_000;
  let seen = NaN;
  while (Date.now() < until) {
    if (await l.count()) seen = await numberIn(l);
    if (seen === n) return;
    await l.page().waitForTimeout(200);
  }
  expect(seen).toBe(n);
}

async function board(page: Page) {
  await page.goto(`${stack.app.url}/`);
  await page.locator('[data-test=tiles]').waitFor();
}

/** Clicks a tile's link (or a line of it) and checks the list it lands on counts the same. */
async function landsWithSameCount(page: Page, link: string, count: number, total: string, url: RegExp) {
  await page.locator(link).first().click();
  await page.waitForURL(url);
  await totalIs(page.locator(total), count);
}

describe('the dashboard in the browser', () => {
  it("the lawyer's tiles: tasks overdue and due today, statutory deadlines, hearings — each lands on its list with the same count", async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await board(page);
    const count = async (name: string) => numberIn(page.locator(`[data-test=tile-count-${name}]`));
    // The workflow's own first task may also be due: the counts are at least the seeded ones.
    const n = { overdue: await count('overdue'), today: await count('today'), deadlines: await count('deadlines') };
    expect(n.overdue).toBeGreaterThanOrEqual(1);
    expect(n.today).toBeGreaterThanOrEqual(1);
    expect(n.deadlines).toBeGreaterThanOrEqual(1);
    expect(await count('hearings')).toBe(1);
    await page.locator('[data-test="tile-task-与客户确认和解方案"]').waitFor();
    expect(await page.locator('[data-test=tile-deadlines]').innerText()).toContain('第171条');
    expect(await page.locator('[data-test=tile-hearings]').innerText()).toContain('第十法庭');
    expect(await page.locator('[data-test=tile-hearings]').innerText()).toContain('上海市浦东新区人民法院');
    expect(await page.locator('[data-test=tile-stages]').count()).toBe(0);
    expect(await page.locator('[data-test=system-status]').count()).toBe(0);
    await screenshot(page, 'dashboard-01-lawyer-zh-1280');

    await landsWithSameCount(page, '[data-test=tile-link-today]', n.today, '[data-test=task-total]', /\/tasks\?/);
    await page.locator('[data-test=due-filter]').waitFor();
    await page.locator('[data-test="task-与客户确认和解方案"]').waitFor();
    expect(await page.locator('[data-test="task-准备质证意见"]').count()).toBe(0);
    await screenshot(page, 'dashboard-02-tasks-due-today-zh');
    // The chip removes the filter: the list widens to every open task of mine.
    await page.locator('[data-test=due-filter] .v-chip__close').click();
    await page.locator('[data-test="task-准备质证意见"]').waitFor();

    await board(page);
    await landsWithSameCount(page, '[data-test=tile-link-overdue]', n.overdue, '[data-test=task-total]', /status=overdue/);
    await board(page);
    await landsWithSameCount(page, '[data-test=tile-link-deadlines]', n.deadlines, '[data-test=task-total]', /statutory=true/);
    await page.locator('[data-test=statutory-filter]').waitFor();
    await board(page);
    await landsWithSameCount(page, '[data-test=tile-link-hearings]', 1, '[data-test=cal-total]', /kind=hearing/);
    await page.locator('[data-test="agenda-开庭 · 甲公司买卖合同纠纷"]').waitFor();
    await screenshot(page, 'dashboard-03-hearings-agenda-zh');

    await board(page);
    await switchLocale(page, 'en');
    await page.locator('[data-test=tile-today]', { hasText: 'Due today' }).waitFor();
    await screenshot(page, 'dashboard-04-lawyer-en-1280');
    await switchLocale(page, 'zh-CN');
    expect(errors).toEqual([]);
  }, 180_000);

  it("the lawyer's dashboard on a phone: one column, zh-CN and en", async () => {
    const { page, errors } = await stack.newPage({ width: 390, height: 844 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await board(page);
    const a = await page.locator('[data-test=tile-overdue]').boundingBox();
    const b = await page.locator('[data-test=tile-today]').boundingBox();
    // One column: the second tile sits below the first, as wide as it.
    expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
    expect(Math.abs(a!.x - b!.x)).toBeLessThan(2);
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'dashboard-05-lawyer-zh-390');
    await switchLocale(page, 'en');
    await page.locator('[data-test=tile-today]', { hasText: 'Due today' }).waitFor();
    await screenshot(page, 'dashboard-06-lawyer-en-390');
    await switchLocale(page, 'zh-CN');
    expect(errors).toEqual([]);
  }, 180_000);

  it("the partner's tiles: cases by stage, overdue work per person, idle cases, conflict checks — each lands on its list with the same count", async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await board(page);
    await page.locator('[data-test=tile-stages]').waitFor();
    await screenshot(page, 'dashboard-07-partner-zh-1280');

    const stage = page.locator('[data-test=tile-stages] .v-list-item').first();
    const stageCount = await numberIn(stage.locator('[data-test^=stage-count-]'));
    expect(stageCount).toBeGreaterThan(0);
    await stage.click();
    await page.waitForURL(/\/cases\?.*stage=/);
    await totalIs(page.locator('[data-test=case-total]'), stageCount);

    await board(page);
    const zhang = page.locator('[data-test=person-张婷]');
    const zhangCount = await numberIn(page.locator('[data-test=person-count-张婷]'));
    expect(zhangCount).toBeGreaterThanOrEqual(1);
    await zhang.click();
    await page.waitForURL(/assigneeId=/);
    await totalIs(page.locator('[data-test=task-total]'), zhangCount);
    await page.locator('[data-test=assignee-filter]').waitFor();

    await board(page);
    const idle = await numberIn(page.locator('[data-test=tile-count-idle]'));
    expect(idle).toBe(1);
    expect(await page.locator('[data-test=tile-idle]').innerText()).toContain('丙公司租赁合同纠纷');
    await landsWithSameCount(page, '[data-test=tile-link-idle]', idle, '[data-test=case-total]', /idleDays=30/);
    await page.locator('[data-test=idle-filter]').waitFor();
    await screenshot(page, 'dashboard-08-idle-cases-zh');

    await board(page);
    const awaiting = await numberIn(page.locator('[data-test=tile-count-conflicts]'));
    expect(awaiting).toBeGreaterThanOrEqual(1);
    await landsWithSameCount(page, '[data-test=tile-link-conflicts]', awaiting, '[data-test=conflict-total]', /awaiting=true/);
    await page.locator('[data-test=awaiting-filter]').waitFor();
    await screenshot(page, 'dashboard-09-conflict-checks-zh');

    await board(page);
    await switchLocale(page, 'en');
    await page.locator('[data-test=tile-stages]', { hasText: 'Active matters by stage' }).waitFor();
    await screenshot(page, 'dashboard-10-partner-en-1280');
    await switchLocale(page, 'zh-CN');
    expect(errors).toEqual([]);
  }, 180_000);

  it("the partner's dashboard on a phone, zh-CN and en", async () => {
    const { page, errors } = await stack.newPage({ width: 390, height: 844 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await board(page);
    await page.locator('[data-test=tile-stages]').waitFor();
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'dashboard-11-partner-zh-390');
    await switchLocale(page, 'en');
    await page.locator('[data-test=tile-stages]', { hasText: 'Active matters by stage' }).waitFor();
    await screenshot(page, 'dashboard-12-partner-en-390');
    await switchLocale(page, 'zh-CN');
    expect(errors).toEqual([]);
  }, 180_000);
});
