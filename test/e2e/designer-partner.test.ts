import type { Page } from 'playwright-core';
import { computeDeadline } from '../../domain/deadlines/periods';
import { loadHolidayCalendar } from '../../db/repositories/holidays';
import { HttpClient } from '../helpers/app';
import { eventually } from '../helpers/engine';
import { screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * Issue 18, item 4: the designer in a partner's hands. The civil template opens fitted to the
 * view; a task's deadline is set as "10 个工作日" with a number, a unit and working days (no
 * ISO-8601 typed); the simulation counts it in working days and asks its questions by label; the
 * case heat map shows where the firm's open cases stand.
 */
let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('designer-partner');
  // Two open civil cases for the heat map, opened by the lawyer through the API (the engine runs them).
  const lawyer = new HttpClient(stack.app.url);
  await lawyer.login('li.ming@demo.lexflow');
  const me = (await lawyer.get('/api/v1/auth/me')).body;
  const client = await stack.tdb.db('clients').first();
  for (const title of ['分布测试案件一', '分布测试案件二']) {
    const r = await lawyer.post('/api/v1/cases', {
      title,
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: me.id,
      templateKey: 'civil-first-instance',
    });
    expect(r.status).toBe(201);
    await eventually(async () => (await stack.tdb.db('tasks').where({ case_id: r.body.id })).length > 0);
  }
}, 120_000);
afterAll(() => stack?.close());

/** Every shape of the diagram lies inside the canvas's box on screen, and none under the palette. */
async function shapesOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Runs in the page (the test's own tsconfig has no DOM types).
    const document = (globalThis as any).document;
    const canvas = document.querySelector('[data-test=canvas]')!.getBoundingClientRect();
    const palette = document.querySelector('.djs-palette')!.getBoundingClientRect();
    const out: string[] = [];
    for (const el of document.querySelectorAll('.djs-shape[data-element-id]') as any[]) {
      const id = el.getAttribute('data-element-id')!;
      if (id.endsWith('_label')) continue;
      const b = (el.querySelector('.djs-visual') ?? el).getBoundingClientRect();
      if (b.width === 0) continue;
      if (b.left < canvas.left - 1 || b.top < canvas.top - 1 || b.right > canvas.right + 1 || b.bottom > canvas.bottom + 1) out.push(id);
      else if (b.left < palette.right && b.right > palette.left && b.top < palette.bottom && b.bottom > palette.top)
        out.push(`${id} (under the palette)`);
    }
    return out;
  });
}

async function openGroup(page: Page, id: string) {
  const group = page.locator(`[data-group-id="group-${id}"]`);
  if (!(await group.locator('.bio-properties-panel-group-entries.open').count()))
    await group.locator('.bio-properties-panel-group-header').click();
}

describe('the designer in a partner’s hands', () => {
  it('opens fitted, sets 10 working days by number + unit, simulates it in working days, asks by label, shows the heat map', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 800 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/templates/civil-first-instance/edit`);
    const task = page.locator('.djs-element[data-element-id="Task_DraftComplaint"]').first();
    await task.waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('.djs-shape[data-element-id]').count()).toBeGreaterThan(20);
    expect(await shapesOutside(page)).toEqual([]);
    await screenshot(page, 'designer-partner-01-fitted-zh');

    // The task's deadline: 7 days as shipped, entered as number + unit; now 10 working days.
    await task.click();
    await page.locator('.djs-element.selected[data-element-id="Task_DraftComplaint"]').first().waitFor();
    await openGroup(page, 'lexflow-due');
    const amount = page.locator('#bio-properties-panel-lexflow-due-amount');
    expect(await amount.inputValue()).toBe('7');
    expect(await page.locator('[data-test=duration-lexflow-due-text]').innerText()).toBe('7 日');
    // No ISO-8601 text in the panel's deadline group.
    expect(await page.locator('[data-group-id="group-lexflow-due"]').innerText()).not.toMatch(/P\d+D|ISO/);
    await amount.fill('10');
    await amount.press('Tab');
    await page.locator('[data-test=duration-lexflow-due-text]', { hasText: '10 日' }).waitFor();
    await page.locator('#bio-properties-panel-lexflow-due-calendar').selectOption('workdays');
    await page.locator('[data-test=duration-lexflow-due-text]', { hasText: '10 个工作日' }).waitFor();
    await page.locator('[data-test=unsaved]').waitFor();
    await screenshot(page, 'designer-partner-02-ten-working-days-zh');
    // One command per edit: undo goes back to 10 calendar days, redo to working days again.
    await page.locator('[data-test=undo]').click();
    await page.locator('[data-test=duration-lexflow-due-text]', { hasText: '10 日' }).waitFor();
    await page.locator('[data-test=redo]').click();
    await page.locator('[data-test=duration-lexflow-due-text]', { hasText: '10 个工作日' }).waitFor();

    // The simulation from Monday 2026-09-28: ten working days skip the National Day holiday and the weekends.
    await page.locator('[data-test=tab-simulation]').click();
    await page.locator('[data-test=sim-start] input').fill('2026-09-28');
    await page.locator('[data-test=sim-run]').click();
    const row = page.locator('[data-test=sim-timeline] tr', { hasText: '起草并提交起诉状' }).filter({ hasText: '期限' }).first();
    await row.waitFor();
    const calendar = await loadHolidayCalendar(stack.tdb.db);
    const expected = computeDeadline('2026-09-28', { amount: 10, unit: 'workday', roll: 'forward' }, calendar).due;
    const calendarDays = computeDeadline('2026-09-28', { amount: 10, unit: 'day', roll: 'forward' }, calendar).due;
    expect(expected).toBe('2026-10-16');
    expect(calendarDays).not.toBe(expected);
    expect(await row.innerText()).toContain(`期限 ${expected}`);
    expect(await row.locator('[data-test=sim-due-rule]').innerText()).toBe('(10 个工作日)');
    // Questions by the outputs' labels, not variable names.
    const appeal = page.locator('[data-test=sim-q-appeal]');
    await appeal.waitFor();
    expect(await appeal.innerText()).toContain('是否上诉？');
    const questions = await page.locator('[data-test=simulation]').innerText();
    expect(questions).toContain('是否调解结案？');
    expect(questions).not.toMatch(/\bneedsEnforcement\b|\bappeal\b|\bsettled\b/);
    await screenshot(page, 'designer-partner-03-simulation-zh');

    // The heat map: the two open cases wait in the filing stage, at the complaint.
    await page.locator('[data-test=heatmap-toggle]').click();
    const heat = page.locator('[data-test=heat-Stage_Filing]');
    await heat.waitFor();
    expect(await heat.innerText()).toContain('2 件');
    expect(await page.locator('[data-test=heat-Task_DraftComplaint]').innerText()).toContain('2 件');
    expect(await page.locator('[data-test=heat-Stage_Trial]').count()).toBe(0);
    await page.locator('[data-test=heatmap-note]').waitFor();
    await screenshot(page, 'designer-partner-04-heatmap-zh');

    // The same in English.
    await switchLocale(page, 'en');
    await page.locator('[data-test=heatmap-toggle]', { hasText: 'Case heat map' }).waitFor();
    await page.locator('[data-test=sim-run]').click();
    await page.locator('[data-test=sim-due-rule]', { hasText: '(10 working days)' }).first().waitFor();
    expect(await page.locator('[data-test=sim-q-appeal]').innerText()).toContain('Appeal?');
    await page.locator('[data-test=heatmap-toggle]').click();
    await page.locator('[data-test=heatmap-toggle]').click();
    await page.locator('[data-test=heat-Stage_Filing]', { hasText: '2 open' }).waitFor();
    await screenshot(page, 'designer-partner-06-simulation-heatmap-en');

    // Saved, the BPMN keeps the rule as ISO-8601 + the calendar attribute.
    await page.locator('[data-test=save]').click();
    await page.locator('[data-test=unsaved]').waitFor({ state: 'detached' });
    const draft = (await stack.tdb.db('process_templates').where({ key: 'civil-first-instance' }).first()).draft_xml as string;
    expect(draft).toMatch(
      /id="Task_DraftComplaint"[^>]*lexflow:due="P10D"[^>]*lexflow:dueCalendar="workdays"|id="Task_DraftComplaint"[^>]*lexflow:dueCalendar="workdays"[^>]*lexflow:due="P10D"/,
    );
    expect(errors).toEqual([]);
  }, 240_000);

  it('at 390 px wide the designer still opens fitted (screenshots in both languages)', async () => {
    const { page, errors } = await stack.newPage({ width: 390, height: 844 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/templates/civil-first-instance/edit`);
    await page.locator('.djs-element[data-element-id="Task_DraftComplaint"]').first().waitFor();
    await page.waitForTimeout(300);
    expect(await shapesOutside(page)).toEqual([]);
    await screenshot(page, 'designer-partner-07-phone-zh');
    await switchLocale(page, 'en');
    await screenshot(page, 'designer-partner-08-phone-en');
    expect(errors).toEqual([]);
  }, 120_000);
});
