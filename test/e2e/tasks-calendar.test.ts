import type { Page } from 'playwright-core';
import { HttpClient } from '../helpers/app';
import { screenshot, pick } from '../helpers/browser';
import { eventually } from '../helpers/engine';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

let stack: UiStack;
let caseNumber: string;

beforeAll(async () => {
  stack = await startUiStack('tasks-ui');
  // A civil case whose judgment was served on 2026-12-01: the lawyer must analyse it and decide on an appeal.
  const api = new HttpClient(stack.app.url);
  await api.login('li.ming@demo.lexflow');
  const users = await stack.tdb.db('users').select('id', 'email');
  const id = (who: string) => users.find((u) => u.email === `${who}@demo.lexflow`)!.id as string;
  const client = (await stack.tdb.db('clients').where({ name: '上海星河科技有限公司' }).first()).id;
  const c = await api.post('/api/v1/cases', {
    title: '星河科技诉蓝海软件技术服务合同纠纷',
    clientId: client,
    practiceArea: 'civil',
    caseType: 'first_instance',
    court: '上海市浦东新区人民法院',
    leadLawyerId: id('li.ming'),
    team: [{ userId: id('partner'), role: 'partner' }],
  });
  expect(c.status).toBe(201);
  caseNumber = c.body.number;
  await eventually(async () => (await stack.tdb.db('tasks').where({ case_id: c.body.id })).length > 0);
  expect(
    (await api.post(`/api/v1/cases/${c.body.id}/advance`, { reason: '一审已开庭，等待判决', toStageId: 'Stage_Judgment' })).status,
  ).toBe(200);
  expect((await api.post(`/api/v1/cases/${c.body.id}/events`, { name: 'judgmentServed', date: '2026-12-01' })).status).toBe(200);
}, 90_000);
afterAll(() => stack?.close());

/**
 * The preferences dialog from the user menu. Its item is clicked once the menu has finished opening
 * (`pick`), and the dialog opens once the menu has finished closing: one click each, no retry.
 */
async function openPreferences(page: Page) {
  await page.locator('[data-test=user-menu]').click();
  await pick(page.locator('[data-test=open-prefs]'));
  await page.locator('[data-test=open-prefs]').waitFor({ state: 'hidden' });
  await page.locator('[data-test=prefs-dialog]').waitFor();
}

describe('tasks and the calendar in the browser', () => {
  it('completes a workflow task from the task list with its required output; the next stage’s task appears and the calendar shows its deadline', async () => {
    const { page, errors } = await stack.newPage({ width: 1400, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await page.locator('[data-test=nav-tasks]').click();
    const report = page.locator('[data-test="task-研判判决并向客户报告"]');
    await report.waitFor();
    expect(await report.innerText()).toContain(caseNumber);
    const row = page.locator('[data-test=tasks-table] tbody tr', { has: report });
    // Three days from service (2026-12-01) is Friday 2026-12-04.
    expect(await row.innerText()).toContain('2026-12-04');
    await screenshot(page, 'tasks-01-my-tasks');

    // Li Ming was told of the report task when it opened: the bell shows it as unread.
    const badge = page.locator('[data-test=unread-badge]');
    await badge.waitFor();
    const unreadBefore = Number(await badge.innerText());
    await page.locator('[data-test="complete-研判判决并向客户报告"]').click();
    const dialog = page.locator('[data-test=complete-dialog]');
    await dialog.waitFor();
    // The outcome is required: the dialog says so and stays open.
    await page.locator('[data-test=complete-confirm]').click();
    await dialog.locator('.v-messages__message', { hasText: '请填写此项' }).first().waitFor();
    await dialog.locator('[data-test=output-outcome]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: 'lost' }));
    await dialog.locator('[data-test=output-appeal] input').check();
    await screenshot(page, 'tasks-02-complete-with-outputs');
    await page.locator('[data-test=complete-confirm]').click();
    await dialog.waitFor({ state: 'detached' });

    // The appeal stage opens: its filing task is in my list, due 15 days from service (2026-12-16).
    const appeal = page.locator('[data-test="task-提交上诉状"]');
    await appeal.waitFor({ timeout: 15_000 });
    const appealRow = page.locator('[data-test=tasks-table] tbody tr', { has: appeal });
    expect(await appealRow.innerText()).toContain('2026-12-16');
    expect(await page.locator('[data-test="task-研判判决并向客户报告"]').count()).toBe(0);
    // The assignment notice arrived live (server-sent events), without reloading the page.
    await page.locator('[data-test=unread-badge]', { hasText: String(unreadBefore + 1) }).waitFor();
    await page.locator('[data-test=bell]').click();
    await page.locator('[data-test=notification-taskAssigned]', { hasText: '新任务：提交上诉状' }).waitFor();
    await page.keyboard.press('Escape');
    await screenshot(page, 'tasks-03-next-stage-task');

    await page.locator('[data-test=nav-calendar]').click();
    await page.locator('[data-test=calendar]').waitFor();
    // The month of the deadline (a link can name the date the calendar opens on).
    await page.goto(`${stack.app.url}/calendar?date=2026-12-16`);
    await page.locator('[data-test=cal-title]', { hasText: '2026年12月' }).waitFor();
    const deadline = page.locator('[data-test="cal-item-提交上诉状"]');
    await deadline.waitFor();
    expect(await deadline.getAttribute('data-date')).toBe('2026-12-16');
    expect(await deadline.innerText()).toContain(caseNumber);
    await screenshot(page, 'tasks-04-calendar-deadline');

    await page.goto(`${stack.app.url}/calendar?date=2026-12-01&view=agenda`);
    await page.locator('[data-test="agenda-提交上诉状"]').waitFor();
    await screenshot(page, 'tasks-05-agenda');
    // Clicking the deadline opens its task.
    await page.locator('[data-test="agenda-提交上诉状"]').click();
    await page.locator('[data-test=task-detail]', { hasText: '提交上诉状' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('events, double bookings, the feed and the bell in the browser', () => {
  it('warns of a double booking while the event is drawn up, saves it, serves it in the personal feed and rings the bell', async () => {
    const users = await stack.tdb.db('users').select('id', 'email', 'name');
    const li = users.find((u) => u.email === 'li.ming@demo.lexflow')!;
    // Li Ming already meets a client on 2026-12-09 10:00–11:00.
    const [busy] = await stack.tdb
      .db('calendar_events')
      .insert({
        kind: 'meeting',
        title: '客户来访',
        starts_at: new Date('2026-12-09T02:00:00Z'),
        ends_at: new Date('2026-12-09T03:00:00Z'),
      })
      .returning('id');
    await stack.tdb.db('calendar_event_attendees').insert({ event_id: busy.id, user_id: li.id });

    const { page, errors } = await stack.newPage({ width: 1400, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/calendar?date=2026-12-09&view=week`);
    await page.locator('[data-test=new-event]').click();
    const dialog = page.locator('[data-test=event-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=event-title] input').fill('案件讨论会');
    await dialog.locator('[data-test=event-date] input').fill('2026-12-09');
    await dialog.locator('[data-test=event-start] input').fill('10:30');
    await dialog.locator('[data-test=event-end] input').fill('11:30');
    await dialog.locator('[data-test=event-attendees]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '李明' }));
    await page.keyboard.press('Escape');
    const warning = dialog.locator('[data-test=double-booking]');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('李明：客户来访（2026-12-09 10:00–11:00）');
    await screenshot(page, 'calendar-01-double-booking');
    await dialog.locator('[data-test=event-save]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.v-snackbar', { hasText: '1 处时间冲突' }).waitFor();
    await page.locator('[data-test="cal-item-案件讨论会"]').waitFor();
    await screenshot(page, 'calendar-02-week');

    // The partner's subscription link: shown once, and a calendar client reading it finds the meeting.
    await openPreferences(page);
    await page.locator('[data-test=feed-new]').click();
    const url = await page.locator('[data-test=feed-url] input').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{32}\.ics$/);
    await screenshot(page, 'calendar-03-feed');
    const ics = await (await fetch(stack.app.url + url.slice(url.indexOf('/api/')))).text();
    expect(ics).toContain('SUMMARY:会议: 案件讨论会');
    expect(ics).toContain('DTSTART:20261209T023000Z');
    await page.locator('[data-test=prefs-digest-hour]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '07:00' }));
    await page.locator('[data-test=prefs-save]').click();
    await page.locator('[data-test=prefs-dialog]').waitFor({ state: 'detached' });
    expect(
      await stack.tdb
        .db('user_preferences')
        .where({ user_id: users.find((u) => u.email === 'partner@demo.lexflow')!.id })
        .first(),
    ).toMatchObject({ digest_hour: 7 });

    // A notice written while the page is open rings the bell at once.
    const badge = page.locator('[data-test=unread-badge]');
    const before = (await badge.count()) ? Number(await badge.innerText()) : 0;
    await stack.tdb.db('notifications').insert({
      user_id: users.find((u) => u.email === 'partner@demo.lexflow')!.id,
      kind: 'escalation',
      title: '逾期升级：提交上诉状',
      body: '',
      link: '/tasks',
      key: `e2e-${Date.now()}`,
    });
    await page.locator('[data-test=unread-badge]', { hasText: String(before + 1) }).waitFor();
    await page.locator('[data-test=bell]').click();
    await page.locator('[data-test=notification-escalation]', { hasText: '逾期升级：提交上诉状' }).waitFor();
    await screenshot(page, 'calendar-04-bell');
    await page.locator('[data-test=read-all]').click();
    await page.locator('[data-test=unread-badge]').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});

describe('manual tasks in the browser', () => {
  it('makes a task on a case with a checklist, ticks an item, comments, and completes it', async () => {
    const { page, errors } = await stack.newPage({ width: 1400, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await page.locator('[data-test=nav-tasks]').click();
    await page.locator('[data-test=new-task]').click();
    const dialog = page.locator('[data-test=new-task-dialog]');
    await dialog.waitFor();
    // Nothing filled in: the form says what is missing and makes nothing.
    await dialog.locator('[data-test=new-task-confirm]').click();
    await dialog.locator('.v-messages__message', { hasText: '请填写此项' }).first().waitFor();
    await dialog.locator('[data-test=new-task-case] input').fill(caseNumber);
    await pick(page.locator('.v-overlay .v-list-item', { hasText: caseNumber }));
    await dialog.locator('[data-test=new-task-title] input').fill('准备上诉费用预算');
    await dialog.locator('[data-test=new-task-due] input').fill('2026-12-10');
    await dialog.locator('input[placeholder="添加清单项"]').fill('核对一审诉讼费');
    await dialog.locator('input[placeholder="添加清单项"]').press('Enter');
    await dialog.locator('.v-chip', { hasText: '核对一审诉讼费' }).waitFor();
    await screenshot(page, 'tasks-06-new-task');
    await dialog.locator('[data-test=new-task-confirm]').click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.locator('[data-test="task-准备上诉费用预算"]');
    await row.waitFor();
    expect(await page.locator('[data-test=tasks-table] tbody tr', { has: row }).innerText()).toContain('2026-12-10');
    await row.click();
    const detail = page.locator('[data-test=task-detail]');
    await detail.waitFor();
    // The one who made it can move its due date.
    await detail.locator('[data-test=task-edit-due] input').fill('2026-12-11');
    await detail.locator('[data-test=task-edit-due] input').press('Tab');
    await detail.locator('text=2026-12-11').first().waitFor();
    await detail.locator('.v-checkbox', { hasText: '核对一审诉讼费' }).locator('input').check();
    await detail.locator('[data-test=task-comment] textarea').first().fill('预算表已发财务复核');
    await detail.locator('[data-test=task-comment-send]').click();
    await detail.locator('.v-list-item', { hasText: '预算表已发财务复核' }).waitFor();
    await screenshot(page, 'tasks-07-task-detail');
    const task = await stack.tdb.db('tasks').where({ title: '准备上诉费用预算' }).first();
    expect(task).toMatchObject({ manual: true, due_date: '2026-12-11', checklist: [{ text: '核对一审诉讼费', done: true }] });

    await detail.locator('[data-test=task-detail-complete]').click();
    await page
      .locator('.v-dialog', { hasText: '确认将任务「准备上诉费用预算」标记为完成？' })
      .locator('button', { hasText: '完成' })
      .click();
    await row.waitFor({ state: 'detached' });
    expect((await stack.tdb.db('tasks').where({ id: task.id }).first()).status).toBe('done');
    expect(errors).toEqual([]);
  });
});
