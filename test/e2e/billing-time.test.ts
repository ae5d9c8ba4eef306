import type { Page } from 'playwright-core';
import { screenshot, switchLocale, pick } from '../helpers/browser';
import { partnerCase } from '../helpers/documents-ui';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The timer and the timesheet against the real API (issue 16): 李明 starts the timer on one of his
 * cases from the app bar, a reload keeps it running (the timer lives on the server), he stops it
 * with a narrative and sees the entry in his timesheet awaiting approval; the partner opens the
 * 工时 tab of the billing page, picks 李明 and approves it. At 1280 and 390 px, in Chinese and English.
 */
let stack: UiStack;
let caseId: string;
let caseNumber: string;

beforeAll(async () => {
  stack = await startUiStack('billing-time-ui');
  caseId = await partnerCase(stack, { title: '华东建材诉远航物流运输合同纠纷', court: '上海市闵行区人民法院' });
  caseNumber = (await stack.tdb.db('cases').where({ id: caseId }).first()).number;
}, 90_000);
afterAll(() => stack?.close());

const chip = (page: Page) => page.locator('[data-test=timer-chip-running]');

describe('the timer and the timesheet', () => {
  it('a lawyer times work from the app bar, a reload keeps it, stopping records it, and a partner approves it', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 800 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);

    // 1. Start on his case from the app bar.
    await page.locator('[data-test=timer-menu]').click();
    await page.locator('[data-test=timer-start]').click();
    await page.locator('[data-test=timer-case-input] input').fill(caseNumber);
    await pick(page.locator('.v-overlay [role=option]', { hasText: caseNumber }));
    await screenshot(page, 'billing-time-01-start-zh-1280');
    await page.locator('[data-test=timer-start-confirm]').click();
    await chip(page).waitFor();
    await chip(page).locator('[data-test=timer-case]', { hasText: caseNumber }).waitFor();
    const user = await stack.tdb.db('users').where({ email: 'li.ming@demo.lexflow' }).first();
    expect(await stack.tdb.db('timers').where({ user_id: user.id, case_id: caseId }).count('* as n')).toEqual([{ n: '1' }]);

    // 2. Eleven minutes and a half counted already (set on the server): a reload shows it still running, ticking on.
    await stack.tdb.db('timers').where({ user_id: user.id }).update({ accumulated_seconds: 690 });
    await page.reload();
    await chip(page)
      .locator('[data-test=timer-clock]', { hasText: /^11:[345]\d$/ })
      .waitFor();
    const first = await chip(page).locator('[data-test=timer-clock]').innerText();
    await page.waitForTimeout(2100);
    expect(await chip(page).locator('[data-test=timer-clock]').innerText()).not.toBe(first);
    await screenshot(page, 'billing-time-02-running-zh-1280');

    // 3. On a phone the chip is an icon and the time only.
    await page.setViewportSize({ width: 390, height: 800 });
    await chip(page).locator('[data-test=timer-clock]').waitFor();
    // Vuetify hears of the resize a moment later: the case number goes, the time stays.
    await chip(page).locator('[data-test=timer-case]').waitFor({ state: 'detached' });
    await chip(page).locator('[data-test=timer-clock]').waitFor();
    await screenshot(page, 'billing-time-03-running-zh-390');
    await page.setViewportSize({ width: 1280, height: 800 });

    // 4. Stop with a narrative: 11½ minutes round up to 0.2 h (12 minutes, the firm's 6-minute increment).
    await chip(page).click();
    await page.locator('[data-test=timer-stop]').click();
    await page.locator('[data-test=timer-stop-narrative] textarea').fill('审阅运输合同及货损照片，起草律师函');
    await screenshot(page, 'billing-time-04-stop-zh-1280');
    await page.locator('[data-test=timer-stop-confirm]').click();
    await page.locator('.v-snackbar', { hasText: '已记录 0.2 小时' }).waitFor();
    await page.locator('[data-test=timer-menu]').waitFor();
    const entry = await stack.tdb.db('time_entries').where({ case_id: caseId, user_id: user.id }).first();
    expect({ minutes: entry.minutes, status: entry.status, narrative: entry.narrative }).toEqual({
      minutes: 12,
      status: 'submitted',
      narrative: '审阅运输合同及货损照片，起草律师函',
    });

    // 5. His timesheet shows it awaiting approval.
    await page.locator('[data-test=timer-menu]').click();
    await page.locator('[data-test=timer-my-time]').click();
    const row = page.locator(`[data-test=my-time-dialog] [data-test=entry-${entry.id}]`);
    await row.locator('[data-test=entry-status]', { hasText: '待审批' }).waitFor();
    await page.locator('[data-test=my-time-dialog] [data-test=week-total]', { hasText: '0.2' }).waitFor();
    expect(await row.locator('[data-test=entry-approve]').count()).toBe(0);
    await screenshot(page, 'billing-time-05-my-time-zh-1280');
    await page.setViewportSize({ width: 390, height: 800 });
    await screenshot(page, 'billing-time-06-my-time-zh-390');

    // 6. Half an hour recorded by hand (the dialog, full screen on a phone): the week now holds 0.7 h.
    await page.locator('[data-test=my-time-dialog] [data-test=timesheet-add]').click();
    await page.locator('[data-test=entry-case] input').fill(caseNumber);
    await pick(page.locator('.v-overlay [role=option]', { hasText: caseNumber }));
    await page.locator('[data-test=entry-narrative] textarea').fill('与客户电话沟通证据清单');
    await screenshot(page, 'billing-time-06b-entry-dialog-zh-390');
    await page.locator('[data-test=entry-save]').click();
    await page.locator('[data-test=my-time-dialog] [data-test=week-total]', { hasText: '0.7' }).waitFor();

    // 6b. The timer started on a task, from the task's detail: the chip shows its case, the server its task.
    await page.setViewportSize({ width: 1280, height: 800 });
    // His cases' tasks (the team's tab): the case's first task is the lead partner's.
    await page.goto(`${stack.app.url}/tasks?scope=team`);
    const task = await stack.tdb.db('tasks').where({ case_id: caseId, status: 'open' }).orderBy('created_at').first();
    await page.locator(`[data-test="task-${task.title}"]`).click();
    await page.locator('[data-test=task-detail] [data-test=task-start-timer]').click();
    await page.locator('.v-snackbar', { hasText: '已开始计时' }).waitFor();
    await chip(page).locator('[data-test=timer-case]', { hasText: caseNumber }).waitFor();
    expect((await stack.tdb.db('timers').where({ user_id: user.id }).first()).task_id).toBe(task.id);
    // A second start while it runs is refused with the reason.
    await page.locator('[data-test=task-detail] [data-test=task-start-timer]').click();
    await page.locator('.v-snackbar', { hasText: '已有计时在进行中' }).waitFor();
    await page.locator('[data-test=task-detail] button[aria-label="关闭"]').click();
    await page.locator('[data-test=task-detail]').waitFor({ state: 'detached' });
    await chip(page).click();
    await page.locator('[data-test=timer-discard]').click();
    await page.locator('[data-test=confirm-ok]').click();
    await page.locator('[data-test=timer-menu]').waitFor();
    expect(await stack.tdb.db('timers').where({ user_id: user.id }).first()).toBeUndefined();
    expect(errors).toEqual([]);

    // 7. The partner approves it on the billing page's 工时 tab.
    const partner = await stack.newPage({ width: 1280, height: 800 });
    const p = partner.page;
    await p.goto(`${stack.app.url}/login`);
    await signInOk(p, 'partner@demo.lexflow', stack.debugLog);
    await p.goto(`${stack.app.url}/billing`);
    await p.locator('[data-test=tab-time]').click();
    await p.locator('[data-test=timesheet-person]').click();
    await pick(p.locator('.v-overlay .v-list-item', { hasText: '李明' }));
    const theirs = p.locator(`[data-test=timesheet] [data-test=entry-${entry.id}]`);
    await theirs.locator('[data-test=entry-status]', { hasText: '待审批' }).waitFor();
    await screenshot(p, 'billing-time-07-partner-zh-1280');
    await theirs.locator('[data-test=entry-approve]').click();
    await theirs.locator('[data-test=entry-status]', { hasText: '已批准' }).waitFor();
    expect((await stack.tdb.db('time_entries').where({ id: entry.id }).first()).status).toBe('approved');
    expect(await theirs.locator('[data-test=entry-approve]').count()).toBe(0);
    await screenshot(p, 'billing-time-08-approved-zh-1280');

    // 8. The same in English, on a desktop and a phone.
    await switchLocale(p, 'en');
    await theirs.locator('[data-test=entry-status]', { hasText: 'Approved' }).waitFor();
    await screenshot(p, 'billing-time-09-approved-en-1280');
    await p.setViewportSize({ width: 390, height: 800 });
    await screenshot(p, 'billing-time-10-approved-en-390');
    expect(partner.errors).toEqual([]);
  }, 120_000);
});
