import type { Page } from 'playwright-core';
import { addDays, civilDateAt } from '../../domain/deadlines/civil-date';
import { HttpClient } from '../helpers/app';
import { screenshot, switchLocale } from '../helpers/browser';
import { eventually } from '../helpers/engine';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * Issue 18, item 5, in the browser: the calendar titles a hearing "<type> · <case number> · <courtroom>"
 * in the viewer's language, shows its time, and colours it by hearing type (开庭 red, 调解 green, with
 * a legend); the event dialog shows the hearing fields. Screenshots at 1280 and 390 px, zh-CN and en.
 */
let stack: UiStack;
let caseNumber: string;
let day: string;
let caseId: string;

const openTask = async (c: HttpClient, nodeId: string) =>
  (await c.get(`/api/v1/cases/${caseId}/progress`)).body.openTasks?.find((t: { nodeId: string }) => t.nodeId === nodeId);

beforeAll(async () => {
  stack = await startUiStack('hearings-ui');
  day = addDays(civilDateAt(Date.now(), 'Asia/Shanghai'), 1);
  const li = new HttpClient(stack.app.url);
  await li.login('li.ming@demo.lexflow');
  const me = await stack.tdb.db('users').where({ email: 'li.ming@demo.lexflow' }).first('id');
  const client = (await li.post('/api/v1/clients', { kind: 'organisation', name: '开庭界面有限公司' })).body;
  const kase = await li.post('/api/v1/cases', {
    title: '开庭界面买卖合同纠纷',
    clientId: client.id,
    practiceArea: 'civil',
    caseType: 'first_instance',
    court: '上海市浦东新区人民法院',
    leadLawyerId: me.id,
  });
  expect(kase.status).toBe(201);
  caseNumber = kase.body.number;
  await eventually(() => stack.tdb.db('tasks').where({ case_id: kase.body.id, status: 'open' }).first('id'));
  const event = (title: string, hour: string, hearing: Record<string, unknown>) =>
    li.post('/api/v1/calendar/events', {
      caseId: kase.body.id,
      kind: 'hearing',
      title,
      startsAt: `${day}T${hour}:00+08:00`,
      endsAt: `${day}T${hour.replace(/^\d\d/, (h) => String(Number(h) + 2).padStart(2, '0'))}:00+08:00`,
      attendeeIds: [me.id],
      hearing,
    });
  const session = await event('一审开庭', '09:30', {
    type: 'court_session',
    court: '上海市浦东新区人民法院',
    courtroom: '第十法庭',
    judge: '王法官',
  });
  expect(session.status).toBe(201);
  expect((await event('诉前调解', '14:00', { type: 'mediation', court: '上海市浦东新区人民法院', courtroom: '第三调解室' })).status).toBe(
    201,
  );

  // The engine's own hearing: 确认开庭时间 records hearingAt (the day after tomorrow); 出庭 is due the day after it.
  caseId = kase.body.id;
  const partner = new HttpClient(stack.app.url);
  await partner.login('partner@demo.lexflow');
  expect((await li.post(`/api/v1/cases/${caseId}/advance`, { reason: '进入庭审', toStageId: 'Stage_Trial' })).status).toBe(200);
  const hearingDate = await eventually(() => openTask(li, 'Task_HearingDate'));
  const done = await partner.post(`/api/v1/cases/${caseId}/tasks/${hearingDate.taskId}/complete`, {
    outputs: { hearingAt: addDays(day, 1) },
  });
  expect(done.status).toBe(200);
  const brief = await eventually(() => openTask(li, 'Task_TrialBrief'));
  expect((await li.post(`/api/v1/cases/${caseId}/tasks/${brief.taskId}/complete`, { outputs: {} })).status).toBe(200);
  expect((await eventually(() => openTask(li, 'Task_AttendHearing'))).dueDate).toBe(addDays(day, 2));
}, 180_000);
afterAll(() => stack?.close());

/** The computed background colour of the first element the selector finds (in the page). */
const background = (page: Page, selector: string) =>
  page.locator('html').evaluate((root, sel) => {
    const el = root.querySelector(sel);
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle;
    return el ? style(el).backgroundColor : null;
  }, selector);

async function agenda(page: Page) {
  await page.goto(`${stack.app.url}/calendar?view=agenda&scope=team&date=${day}&days=7`);
  await page.locator('[data-test="agenda-一审开庭"]').waitFor();
}

describe('hearings on the calendar', () => {
  it("rescheduling the engine's hearing in the dialog moves 出庭's due date (zh-CN, 1280 px)", async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await agenda(page);
    const engineMade = page.locator('[data-test="agenda-开庭界面买卖合同纠纷 · 上海市浦东新区人民法院"]');
    expect(await engineMade.innerText()).toContain(`开庭 · ${caseNumber}`);
    await engineMade.click();
    await page.locator('[data-test=hearing-linked]').waitFor();
    expect(await page.locator('[data-test=hearing-court] input').inputValue()).toBe('上海市浦东新区人民法院');
    await page.locator('[data-test=event-date] input').fill(addDays(day, 4));
    await page.locator('[data-test=hearing-courtroom] input').fill('第十法庭');
    await screenshot(page, 'hearings-00-reschedule-dialog-zh-1280');
    await page.locator('[data-test=event-save]').click();
    await page.getByText('已改期').waitFor();
    const li = new HttpClient(stack.app.url);
    await li.login('li.ming@demo.lexflow');
    expect((await openTask(li, 'Task_AttendHearing')).dueDate).toBe(addDays(day, 5));
    expect(await page.locator('[data-test="agenda-开庭界面买卖合同纠纷 · 上海市浦东新区人民法院"]').innerText()).toContain(
      `开庭 · ${caseNumber} · 第十法庭`,
    );
    await screenshot(page, 'hearings-00-rescheduled-agenda-zh-1280');
    expect(errors).toEqual([]);
  }, 120_000);

  it.each([
    [1280, 900],
    [390, 844],
  ] as const)(
    'titled by type, case number and courtroom, timed and coloured by type, zh-CN and en (%i px)',
    async (width, height) => {
      const { page, errors } = await stack.newPage({ width, height });
      await page.goto(`${stack.app.url}/login`);
      await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
      await agenda(page);
      const session = page.locator('[data-test="agenda-一审开庭"]');
      expect(await session.innerText()).toContain(`开庭 · ${caseNumber} · 第十法庭`);
      expect(await session.innerText()).toContain('09:30–11:30');
      expect(await session.innerText()).toContain('王法官');
      expect(await page.locator('[data-test="agenda-诉前调解"]').innerText()).toContain(`调解 · ${caseNumber} · 第三调解室`);
      const red = await background(page, '[data-test="agenda-一审开庭"] .dot');
      const green = await background(page, '[data-test="agenda-诉前调解"] .dot');
      expect(red).toMatch(/^rgb/);
      expect(green).toMatch(/^rgb/);
      expect(red).not.toBe(green);
      // The legend names each hearing type in its colour.
      expect(await background(page, '[data-test=legend-hearing-court_session] .dot')).toBe(red);
      expect(await background(page, '[data-test=legend-hearing-mediation] .dot')).toBe(green);
      expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `hearings-01-agenda-zh-${width}`);

      if (width > 600) {
        await page.goto(`${stack.app.url}/calendar?scope=team&date=${day}`);
        const chip = page.locator('[data-test="cal-item-一审开庭"]');
        await chip.waitFor();
        expect(await chip.innerText()).toContain(`09:30 开庭 · ${caseNumber} · 第十法庭`);
        expect(await chip.getAttribute('data-color')).toBe('red-darken-1');
        expect(await page.locator('[data-test="cal-item-诉前调解"]').getAttribute('data-color')).toBe('green-darken-1');
        await screenshot(page, `hearings-02-month-zh-${width}`);
        await chip.click();
        await page.locator('[data-test=hearing-fields]').waitFor();
        expect(await page.locator('[data-test=hearing-courtroom] input').inputValue()).toBe('第十法庭');
        expect(await page.locator('[data-test=hearing-judge] input').inputValue()).toBe('王法官');
        await screenshot(page, `hearings-03-dialog-zh-${width}`);
        await page.keyboard.press('Escape');
      }

      await switchLocale(page, 'en');
      await agenda(page);
      expect(await page.locator('[data-test="agenda-一审开庭"]').innerText()).toContain(`Court session · ${caseNumber} · 第十法庭`);
      expect(await page.locator('[data-test="agenda-诉前调解"]').innerText()).toContain(`Mediation · ${caseNumber} · 第三调解室`);
      expect(await page.locator('[data-test=cal-legend]').innerText()).toContain('Pre-trial conference');
      await screenshot(page, `hearings-04-agenda-en-${width}`);
      await switchLocale(page, 'zh-CN');
      expect(errors).toEqual([]);
    },
    180_000,
  );
});
