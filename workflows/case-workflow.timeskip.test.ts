import { flakyEffect } from '../test/helpers/flaky-steps';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities';
import { listNotifications } from '../db/repositories/notifications';
import { findTask } from '../db/repositories/tasks';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import type { TemplateModel } from '../process-templates/model/schema';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { compileOrThrow, eventually, insertTestCase, storeTemplate } from '../test/helpers/engine';
import { startTimeSkippingWorker, type TimeSkippingWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import type { CaseWorkflowInput, CommandResult } from './case/state';
import { CASE_UPDATES, caseWorkflowId } from './definitions';

const DAY = 86_400_000;
let tdb: TestDatabase;
let env: TestWorkflowEnvironment;
let skipping: TimeSkippingWorker;
let taskQueue: string;
/** Makes the next attempts of the step that sends a reminder (taskAlert) fail after their work is committed, as a lost reply or a crash would. */
const flaky = { failNext: 0, calls: 0 };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const real = createActivities({ db: tdb.db, publicUrl: 'http://lexflow.test' });
  skipping = await startTimeSkippingWorker({
    ...real,
    ...flakyEffect(
      real,
      'taskAlert',
      () => flaky.failNext > 0 && flaky.failNext-- > 0,
      () => flaky.calls++,
    ),
  });
  ({ env, taskQueue } = skipping);
});
afterAll(async () => {
  await skipping?.stop();
  await tdb?.drop();
});

async function start(
  model: TemplateModel,
  opts: { versionId?: string; variables?: Record<string, unknown>; continueAsNewAfterEvents?: number } = {},
) {
  const { caseId, partnerId } = await insertTestCase(tdb.db, opts.versionId ?? null);
  const input: CaseWorkflowInput = {
    caseId,
    versionId: opts.versionId ?? 'v-test',
    model,
    variables: opts.variables ?? {},
    timeZone: 'Asia/Shanghai',
    continueAsNewAfterEvents: opts.continueAsNewAfterEvents,
  };
  const handle = await env.client.workflow.start('caseWorkflow', { taskQueue, workflowId: caseWorkflowId(caseId), args: [input] });
  const update = (name: keyof typeof CASE_UPDATES, arg: unknown) =>
    handle.executeUpdate<CommandResult, [unknown]>(CASE_UPDATES[name], { args: [arg] });
  const openTask = (node: string) => eventually(() => tdb.db('tasks').where({ case_id: caseId, node_id: node, status: 'open' }).first());
  return { caseId, partnerId, handle, update, openTask };
}

/**
 * Resolves once the workflow has handled everything that reached it: no workflow task scheduled
 * after its last completed one (engine activities are local: they run inside workflow tasks), no
 * remote activity open. env.sleep() returns with every timer due in the skipped span already in
 * the history, so an effect still missing once the workflow has caught up was not caused: the
 * positive signal a negative check needs, where a fixed wait only hopes it was long enough.
 */
async function caughtUp(handle: WorkflowHandle): Promise<void> {
  await eventually(async () => {
    const events = (await handle.fetchHistory()).events ?? [];
    const lastDone = events.findLastIndex((e) => e.workflowTaskCompletedEventAttributes);
    const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes).length;
    const closed = events.filter(
      (e) =>
        e.activityTaskCompletedEventAttributes ||
        e.activityTaskFailedEventAttributes ||
        e.activityTaskTimedOutEventAttributes ||
        e.activityTaskCanceledEventAttributes,
    ).length;
    return lastDone >= 0 && !events.slice(lastDone + 1).some((e) => e.workflowTaskScheduledEventAttributes) && scheduled === closed;
  });
}

const task = (id: string, attrs = '', body = '') => `<bpmn:userTask id="${id}" name="${id}" ${attrs}>${body}</bpmn:userTask>`;

describe('caseWorkflow on the time-skipping server', () => {
  it('fires a reminder exactly at due − offset and the escalation exactly at due + after, to the right people', async () => {
    const model = await compileOrThrow(
      bpmn(
        `<bpmn:startEvent id="S"/>${task('Answer', 'lexflow:due="P15D" lexflow:reminders="P3D" lexflow:escalateAfter="P2D" lexflow:escalateTo="partner"')}<bpmn:endEvent id="E"/>${chain('S', 'Answer', 'E')}`,
      ),
    );
    const c = await start(model);
    const row = await c.openTask('Answer');
    const dueAt = row.due_at.getTime();
    const reminderAt = dueAt - 3 * DAY;
    const escalationAt = dueAt + 2 * DAY;
    const alerts = async (kind: string) =>
      (await listNotifications(tdb.db, { caseId: c.caseId, kind })).map((n) => [n.userId, n.scheduledFor?.getTime()]);

    await env.sleep(reminderAt - (await env.currentTimeMs()) - 60_000);
    await caughtUp(c.handle);
    expect(await alerts('reminder')).toEqual([]);
    await env.sleep(120_000);
    const lead = row.assignee_id;
    expect(await eventually(async () => (await alerts('reminder')).length > 0 && alerts('reminder'))).toEqual([[lead, reminderAt]]);

    await env.sleep(escalationAt - (await env.currentTimeMs()) - 60_000);
    await caughtUp(c.handle);
    expect(await alerts('escalation')).toEqual([]);
    await env.sleep(120_000);
    expect(await eventually(async () => (await alerts('escalation')).length > 0 && alerts('escalation'))).toEqual([
      [c.partnerId, escalationAt],
    ]);
    expect((await findTask(tdb.db, c.caseId, row.workflow_task_id))!.escalatedAt!.getTime()).toBe(escalationAt);
    // The mails were queued once each, to the assignee and to the partner.
    const mails = await tdb.db('email_outbox').where('key', 'like', `task:${c.caseId}:%`).pluck('to_address');
    expect(mails.sort()).toEqual(['li.ming@demo.lexflow', 'partner@demo.lexflow']);
  });

  it('sends no second mail when Temporal retries the notify activity after it had written', async () => {
    const model = await compileOrThrow(
      bpmn(
        `<bpmn:startEvent id="S"/>${task('Reply', 'lexflow:due="P5D" lexflow:reminders="P1D"')}<bpmn:endEvent id="E"/>${chain('S', 'Reply', 'E')}`,
      ),
    );
    const c = await start(model);
    const row = await c.openTask('Reply');
    flaky.failNext = 2;
    const before = flaky.calls;
    await env.sleep(row.due_at.getTime() - DAY - (await env.currentTimeMs()) + 60_000);
    // Two failed attempts and the successful third: three runs of the activity, one notice, one mail.
    // (Engine activities are local activities: the worker retries them under the workflow's retry policy.)
    await eventually(async () => flaky.calls - before >= 3 && flaky.failNext === 0);
    // A fourth attempt would run inside the same workflow task, before the workflow catches up.
    await caughtUp(c.handle);
    expect(flaky.calls - before).toBe(3);
    expect(await listNotifications(tdb.db, { caseId: c.caseId, kind: 'reminder' })).toHaveLength(1);
    expect(await tdb.db('email_outbox').where('key', 'like', `task:${c.caseId}:%`).pluck('to_address')).toEqual(['li.ming@demo.lexflow']);
  });

  it('sets the appeal deadline from the date the judgment was served, across the National Day holiday', async () => {
    const model = await compileOrThrow(
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:intermediateCatchEvent id="Served"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>
        ${task('Appeal', 'lexflow:duePeriod="civil.appeal_judgment" lexflow:dueFrom="variable" lexflow:dueVariable="judgmentServedAt" lexflow:reminders="P5D,P1D"')}<bpmn:endEvent id="E"/>${chain('S', 'Served', 'Appeal', 'E')}`,
        '',
        '<bpmn:message id="M" name="judgmentServed"/>',
      ),
    );
    const c = await start(model);
    const progress = await eventually(async () => {
      const p = await c.handle.query<{ waiting: Array<{ message?: string }> }>('progress');
      return p.waiting.length > 0 && p;
    });
    expect(progress.waiting).toEqual([expect.objectContaining({ kind: 'message', message: 'judgmentServed' })]);
    await c.update('recordCaseEvent', { name: 'judgmentServed', date: '2026-09-22', by: null, key: `${c.caseId}:served` });
    const row = await c.openTask('Appeal');
    expect(row).toMatchObject({ due_date: '2026-10-08', due_unadjusted: '2026-10-07', due_rolled_over: true, due_provisional: false });
    expect(row.due_basis).toContain('第171条');
    expect(row.due_at.toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('advanceStage cancels the timers of the tasks it skips', async () => {
    const model = await compileOrThrow(
      bpmn(`<bpmn:startEvent id="S"/>
        <bpmn:subProcess id="A" name="立案"><bpmn:startEvent id="As"/>${task('T1', 'lexflow:due="P10D" lexflow:reminders="P2D" lexflow:escalateAfter="P1D" lexflow:escalateTo="partner"')}<bpmn:endEvent id="Ae"/>${chain('As', 'T1', 'Ae')}</bpmn:subProcess>
        <bpmn:subProcess id="B" name="庭审"><bpmn:startEvent id="Bs"/>${task('T2')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T2', 'Be')}</bpmn:subProcess>
        <bpmn:endEvent id="E"/>${chain('S', 'A', 'B', 'E')}`),
    );
    const c = await start(model);
    const t1 = await c.openTask('T1');
    await c.update('advanceStage', { reason: '当事人自行提交', by: null });
    expect(await tdb.db('tasks').where({ id: t1.id }).first()).toMatchObject({ status: 'skipped', close_reason: '当事人自行提交' });
    await c.openTask('T2');
    // Past both instants (reminder at due − 2 days, escalation at due + 1 day), the workflow caught up.
    await env.sleep(t1.due_at.getTime() + 2 * DAY - (await env.currentTimeMs()));
    await caughtUp(c.handle);
    expect(await listNotifications(tdb.db, { caseId: c.caseId, kind: 'reminder' })).toEqual([]);
    expect(await listNotifications(tdb.db, { caseId: c.caseId, kind: 'escalation' })).toEqual([]);
    expect(await tdb.db('stage_history').where({ case_id: c.caseId, stage_id: 'A' }).first()).toMatchObject({
      skipped: true,
      exit_reason: '当事人自行提交',
    });
  });

  it('joins parallel branches, one of them a timer', async () => {
    const model = await compileOrThrow(
      bpmn(`<bpmn:startEvent id="S"/><bpmn:parallelGateway id="F"/>${task('Draft')}
        <bpmn:intermediateCatchEvent id="Cool"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:parallelGateway id="J"/>${task('File')}<bpmn:endEvent id="E"/>
        ${chain('S', 'F')}${chain('F', 'Draft', 'J')}${chain('F', 'Cool', 'J')}${chain('J', 'File', 'E')}`),
    );
    const c = await start(model);
    const draft = await c.openTask('Draft');
    await c.update('completeTask', { instanceId: draft.workflow_task_id, outputs: {}, by: null });
    // A minute before the timer ends, with the workflow caught up, the join still waits; past it, it goes on.
    await env.sleep(draft.started_at.getTime() + 3 * DAY - 60_000 - (await env.currentTimeMs()));
    await caughtUp(c.handle);
    expect(await tdb.db('tasks').where({ case_id: c.caseId, node_id: 'File' }).first()).toBeUndefined();
    await env.sleep(120_000);
    const file = await c.openTask('File');
    expect(file.started_at.getTime()).toBeGreaterThanOrEqual(draft.started_at.getTime() + 3 * DAY);
  });

  it('migrateTemplate moves a running case to a new version and keeps its completed history', async () => {
    const stageA = `<bpmn:subProcess id="A" name="立案"><bpmn:startEvent id="As"/>${task('T1')}<bpmn:endEvent id="Ae"/>${chain('As', 'T1', 'Ae')}</bpmn:subProcess>`;
    const [v1, v2] = await storeTemplate(
      tdb.db,
      'migration-test',
      bpmn(
        `<bpmn:startEvent id="S"/>${stageA}<bpmn:subProcess id="B" name="审理"><bpmn:startEvent id="Bs"/>${task('T2')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T2', 'Be')}</bpmn:subProcess><bpmn:endEvent id="E"/>${chain('S', 'A', 'B', 'E')}`,
      ),
      bpmn(
        `<bpmn:startEvent id="S"/>${stageA}<bpmn:subProcess id="B2" name="审理（新）"><bpmn:startEvent id="Bs"/>${task('T2', 'lexflow:due="P5D"')}${task('T3')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T2', 'T3', 'Be')}</bpmn:subProcess><bpmn:endEvent id="E"/>${chain('S', 'A', 'B2', 'E')}`,
      ),
    );
    const c = await start(v1.model, { versionId: v1.id });
    const t1 = await c.openTask('T1');
    await c.update('completeTask', { instanceId: t1.workflow_task_id, outputs: {}, by: null });
    const t2 = await c.openTask('T2');
    expect(t2.due_at).toBeNull();
    await expect(c.update('migrateTemplate', { versionId: v2.id, model: v2.model, mapping: {}, by: null })).rejects.toThrow();
    await c.update('migrateTemplate', { versionId: v2.id, model: v2.model, mapping: { B: 'B2' }, by: null });
    expect(await tdb.db('cases').where({ id: c.caseId }).first()).toMatchObject({ template_version_id: v2.id });
    expect(await tdb.db('tasks').where({ id: t1.id }).first()).toMatchObject({ status: 'done' });
    expect(await tdb.db('stage_history').where({ case_id: c.caseId, stage_id: 'A' }).first()).toMatchObject({ skipped: false });
    expect((await tdb.db('tasks').where({ id: t2.id }).first()).due_at).not.toBeNull();
    await c.update('completeTask', { instanceId: t2.workflow_task_id, outputs: {}, by: null });
    await c.openTask('T3');
    const p = await c.handle.query<{ versionId: string; stages: Array<{ id: string; status: string }> }>('progress');
    expect(p.versionId).toBe(v2.id);
    expect(p.stages.map((s) => [s.id, s.status])).toEqual([
      ['A', 'done'],
      ['B2', 'active'],
    ]);
  });

  it('reminders survive continue-as-new', async () => {
    const model = await compileOrThrow(
      bpmn(`<bpmn:startEvent id="S"/><bpmn:parallelGateway id="F"/>${task('Long', 'lexflow:due="P30D" lexflow:reminders="P1D"')}${task('Busy')}${task('Busy2')}<bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/><bpmn:endEvent id="E3"/>
        ${chain('S', 'F')}${chain('F', 'Long', 'E1')}${chain('F', 'Busy', 'E2')}${chain('F', 'Busy2', 'E3')}`),
    );
    const c = await start(model, { continueAsNewAfterEvents: 8 });
    const long = await c.openTask('Long');
    const firstRun = (await c.handle.describe()).runId;
    for (const node of ['Busy', 'Busy2']) {
      const t = await c.openTask(node);
      await c.update('completeTask', { instanceId: t.workflow_task_id, outputs: {}, by: null });
    }
    const secondRun = await eventually(async () => {
      const d = await env.client.workflow.getHandle(caseWorkflowId(c.caseId)).describe();
      return d.runId !== firstRun && d.runId;
    });
    expect(secondRun).not.toBe(firstRun);
    const reminderAt = long.due_at.getTime() - DAY;
    await env.sleep(reminderAt - (await env.currentTimeMs()) + 60_000);
    const reminders = await eventually(async () => {
      const n = await listNotifications(tdb.db, { caseId: c.caseId, kind: 'reminder' });
      return n.length > 0 && n;
    });
    expect(reminders.map((n) => n.scheduledFor?.getTime())).toEqual([reminderAt]);
  });
});
