import { HttpClient } from '../helpers/app';
import { screenshot } from '../helpers/browser';
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
  expect((await api.post(`/api/v1/cases/${c.body.id}/advance`, { reason: '一审已开庭，等待判决', toStageId: 'Stage_Judgment' })).status).toBe(200);
  expect((await api.post(`/api/v1/cases/${c.body.id}/events`, { name: 'judgmentServed', date: '2026-12-01' })).status).toBe(200);
}, 90_000);
afterAll(() => stack?.close());

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

    await page.locator('[data-test="complete-研判判决并向客户报告"]').click();
    const dialog = page.locator('[data-test=complete-dialog]');
    await dialog.waitFor();
    // The outcome is required: the dialog says so and stays open.
    await page.locator('[data-test=complete-confirm]').click();
    await dialog.locator('.v-messages__message', { hasText: '请填写此项' }).first().waitFor();
    await dialog.locator('[data-test=output-outcome]').click();
    await page.locator('.v-overlay .v-list-item', { hasText: 'lost' }).click();
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
    await page.locator('.v-snackbar', { hasText: '新任务：提交上诉状' }).waitFor();
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
