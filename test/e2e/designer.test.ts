import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot, pick } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('designer');
}, 60_000);
afterAll(() => stack?.close());

const problemCount = async (page: Page) => {
  const badge = page.locator('[data-test=problem-count]');
  return (await badge.count()) ? Number((await badge.innerText()).trim()) : 0;
};

/** Selects a diagram element and runs one of its context-pad actions. */
async function contextAction(page: Page, elementId: string, action: string) {
  const element = page.locator(`.djs-element[data-element-id="${elementId}"]`).first();
  // A click on the selected element toggles it off: select only what is not selected yet.
  if (!(await element.getAttribute('class'))?.includes('selected')) await element.click();
  await page.locator(`.djs-context-pad [data-action="${action}"]`).click();
  // bpmn-js opens the new element's label for typing; leave it (names are set in the panel).
  await page.keyboard.press('Escape');
}

async function openGroup(page: Page, id: string) {
  const group = page.locator(`[data-group-id="group-${id}"]`);
  if (!(await group.locator('.bio-properties-panel-group-entries.open').count()))
    await group.locator('.bio-properties-panel-group-header').click();
}

async function fillEntry(page: Page, id: string, value: string) {
  const input = page.locator(`#bio-properties-panel-${id}`);
  await input.fill(value);
  await input.press('Tab');
}

describe('the template designer', () => {
  it('copies the civil template, adds a task with a deadline and a reminder, publishes, and a new case runs it', async () => {
    const { page, errors } = await stack.newPage({ width: 1500, height: 950 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/templates`);
    await page.locator('[data-test=design-civil-first-instance]').waitFor();
    await screenshot(page, 'designer-01-library');

    // Copy the shipped civil template.
    await page.locator('[data-test=new-template]').click();
    await page.locator('[data-test=template-name] input').fill('本所民事一审流程');
    await page.locator('[data-test=template-key] input').fill('civil-house');
    await page.locator('[data-test=template-source]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '复制：民事诉讼一审' }));
    await page.locator('[data-test=template-create]').click();
    await page.waitForURL(/\/templates\/civil-house\/edit$/);
    await page.locator('.djs-element[data-element-id="Filing_Start"]').waitFor();
    expect(await problemCount(page)).toBe(0);

    // A new task after the filing stage's start: it leads nowhere yet, so the compiler objects …
    await contextAction(page, 'Filing_Start', 'append.user-task');
    await page.locator('[data-test=problem-count]').waitFor();
    expect(await problemCount(page)).toBeGreaterThan(0);
    await page.locator('[data-test=tab-problems]').click();
    expect(await page.locator('[data-test=problems]').innerText()).toContain('没有出去的连线');
    await screenshot(page, 'designer-02-error');
    await page.locator('[data-test=tab-properties]').click();
    const taskId = (await page.locator('.djs-element.selected').first().getAttribute('data-element-id')) ?? '';
    expect(taskId).toMatch(/^Activity_/);

    // … it gets a name, a deadline and a reminder in the properties panel …
    await openGroup(page, 'general');
    await fillEntry(page, 'name', '核查当事人主体信息');
    await openGroup(page, 'lexflow-due');
    await page.locator('#bio-properties-panel-lexflow-dueMode').selectOption('duration');
    // Durations are a number and a unit (ISO-8601 stays in the BPMN): 10 days, a reminder 2 days before.
    await fillEntry(page, 'lexflow-due-amount', '10');
    await page.locator('[data-test=duration-lexflow-due-text]', { hasText: '10 日' }).waitFor();
    await page.locator('[data-test=lexflow-reminders-add]').click();
    await page.locator('[data-test=duration-lexflow-reminders-0-text]', { hasText: '2 日' }).waitFor();
    await screenshot(page, 'designer-03-properties');

    // … and an end: the error goes away.
    await contextAction(page, taskId, 'append.end-event');
    await page.locator('[data-test=problem-count]').waitFor({ state: 'detached' });
    expect(await problemCount(page)).toBe(0);

    // Undo brings the error back, redo removes it again.
    await page.locator('[data-test=undo]').click();
    await page.locator('[data-test=problem-count]').waitFor();
    await page.locator('[data-test=redo]').click();
    await page.locator('[data-test=problem-count]').waitFor({ state: 'detached' });

    // The draft is kept on the server: it survives a reload.
    await page.locator('[data-test=save]').click();
    await page.locator('[data-test=snackbar]', { hasText: '草稿已保存' }).waitFor();
    await page.locator('[data-test=unsaved]').waitFor({ state: 'detached' });
    await page.reload();
    await page.locator(`.djs-element[data-element-id="${taskId}"]`).waitFor();
    expect(await page.locator(`.djs-element[data-element-id="${taskId}"]`).textContent()).toContain('核查当事人主体信息');

    await page.locator('[data-test=publish]').click();
    await page.locator('[data-test=change-note] textarea').fill('立案阶段增加主体核查');
    await page.locator('[data-test=publish-confirm]').click();
    await page.locator('[data-test=snackbar]', { hasText: '已发布第 1 版' }).waitFor();
    // A copy names the civil template's case type, which that template keeps: the dialog says the copy serves no new case.
    await page.locator('[data-test=publish-serves-none]', { hasText: '不会有新案件匹配到它' }).waitFor();
    expect(await page.locator('[data-test=publish-serves-taken]').innerText()).toContain('一审（civil-first-instance）');
    await screenshot(page, 'designer-04-published');
    await page.locator('[data-test=publish-done]').click();
    await page.locator('[data-test=publish-notice]').waitFor({ state: 'detached' });

    const version = await stack.tdb
      .db('process_template_versions as v')
      .join('process_templates as t', 't.id', 'v.template_id')
      .where('t.key', 'civil-house')
      .first('v.id', 'v.model');
    expect(version.model.nodes[taskId]).toMatchObject({
      name: '核查当事人主体信息',
      due: { kind: 'duration', duration: 'P10D' },
      reminders: ['P2D'],
    });

    // A case on the new version shows the new task.
    await page.locator('[data-test=nav-cases]').click();
    await page.locator('[data-test=new-case]').click();
    await page.locator('[data-test=case-client]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '上海星河科技有限公司' }));
    // The intake runs the conflict check before the details (nothing on record for this client).
    await page.locator('[data-test=intake-next]').click();
    await page.locator('[data-test=conflict-result-clear]').waitFor();
    await page.locator('[data-test=intake-next]').click();
    await page.locator('[data-test=case-title] input').fill('星河科技诉华信建设买卖合同纠纷');
    await page.locator('[data-test=case-area]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '民事' }));
    await page.getByRole('combobox', { name: '案件类型' }).fill('first_instance');
    await page.locator('[data-test=case-template]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '本所民事一审流程' }));
    await page.locator('[data-test=case-lead]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '李明' }));
    await page.locator('[data-test=case-create]').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const row = page.locator(`[data-test=task-${taskId}]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('核查当事人主体信息');
    expect(await row.innerText()).toMatch(/期限 \d{4}-\d{2}-\d{2}/);
    const caseRow = await stack.tdb.db('cases').orderBy('created_at', 'desc').first();
    expect(caseRow.template_version_id).toBe(version.id);
    await screenshot(page, 'designer-05-case');
    await page.locator('[data-test=tab-tasks]').click();
    await page.locator(`[data-test=task-row-${taskId}]`).waitFor();
    expect(errors).toEqual([]);
  });

  it('opens a BPMN file from another tool and lists what LexFlow cannot run, by element id', async () => {
    const { page } = await stack.newPage({ width: 1500, height: 950 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'admin@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/templates/due-diligence/edit`);
    await page.locator('.djs-element[data-element-id="Stage_Setup"]').waitFor();
    const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Onboarding" isExecutable="true">
    <bpmn:startEvent id="Start_1"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="Script_1" name="Score risk" scriptFormat="groovy"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:scriptTask>
    <bpmn:userTask id="Review_1" name="Review" camunda:assignee="demo"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End_1"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start_1" targetRef="Script_1" />
    <bpmn:sequenceFlow id="F2" sourceRef="Script_1" targetRef="Review_1" />
    <bpmn:sequenceFlow id="F3" sourceRef="Review_1" targetRef="End_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Di"><bpmndi:BPMNPlane id="Pl" bpmnElement="Onboarding">
    <bpmndi:BPMNShape id="Start_1_di" bpmnElement="Start_1"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Script_1_di" bpmnElement="Script_1"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Review_1_di" bpmnElement="Review_1"><dc:Bounds x="360" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="End_1_di" bpmnElement="End_1"><dc:Bounds x="520" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="460" y="118" /><di:waypoint x="520" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
    await page
      .locator('[data-test=import-file]')
      .setInputFiles({ name: 'onboarding.bpmn', mimeType: 'application/xml', buffer: Buffer.from(foreign) });
    await page.locator('.djs-element[data-element-id="Script_1"]').waitFor();
    await page.locator('[data-test=problems]').waitFor();
    const text = await page.locator('[data-test=problems]').innerText();
    expect(text).toContain('Script_1');
    expect(text).toContain('ScriptTask is not supported');
    expect(text).toContain('Review_1');
    expect(text).toContain('camunda:assignee');
    expect(await page.locator('[data-test=publish]').isDisabled()).toBe(true);
    await screenshot(page, 'designer-06-import-problems');
    // Clicking a problem selects its element.
    await page.locator('[data-test=problem-Script_1]').click();
    await page.locator('.djs-element.selected[data-element-id="Script_1"]').waitFor();
    await screenshot(page, 'designer-07-problem-selected');
  });

  it('lets a lawyer look but not change, publish or migrate', async () => {
    const { page } = await stack.newPage();
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/templates`);
    await page.locator('[data-test=design-civil-first-instance]').waitFor();
    expect(await page.locator('[data-test=new-template]').count()).toBe(0);
    expect(await page.locator('[data-test=archive-civil-first-instance]').count()).toBe(0);
    await page.locator('[data-test=design-civil-first-instance]').click();
    await page.locator('.djs-element[data-element-id="Stage_Filing"]').waitFor();
    expect(await page.locator('[data-test=publish]').count()).toBe(0);
    expect(await page.locator('[data-test=save]').count()).toBe(0);

    // Looking includes taking the diagram away: as .bpmn for another tool, as PNG for a memo.
    const download = async (item: string) => {
      // The menu of the previous export must have closed: a click on an item of a menu still
      // fading out does nothing (the production bundle is fast enough to get there first).
      await page.locator('.v-overlay--active [data-test^=export-]').first().waitFor({ state: 'detached' });
      await page.locator('[data-test=export]').click();
      const entry = page.locator(`.v-overlay--active [data-test=${item}]`);
      await entry.waitFor();
      const [file] = await Promise.all([page.waitForEvent('download'), entry.click()]);
      return { name: file.suggestedFilename(), body: fs.readFileSync((await file.path())!) };
    };
    const bpmn = await download('export-bpmn');
    expect(bpmn.name).toBe('civil-first-instance.bpmn');
    expect(bpmn.body.toString('utf8')).toContain('<bpmn:subProcess id="Stage_Filing"');
    const png = await download('export-png');
    expect(png.name).toBe('civil-first-instance.png');
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.body.length).toBeGreaterThan(10_000);

    await page.locator('[data-test=versions]').click();
    await page.locator('[data-test=versions-dialog]').waitFor();
    expect(await page.locator('[data-test=migration-preview]').count()).toBe(0);
  });
});
