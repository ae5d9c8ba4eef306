import { compile } from '../../process-templates/model/compiler';
import type { TemplateModel } from '../../process-templates/model/schema';
import { bpmn, chain } from '../../process-templates/model/test-support/bpmn';
import { fakeEffects } from '../../test/helpers/fake-effects';
import { CaseInterpreter } from './interpreter';
import { progressOf } from './progress';
import type { CaseState } from './state';

async function model(xml: string): Promise<TemplateModel> {
  const r = await compile(xml);
  if (!r.model) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

function stateOf(m: TemplateModel, variables: Record<string, unknown> = {}): CaseState {
  return {
    caseId: 'c1',
    versionId: 'v1',
    timeZone: 'Asia/Shanghai',
    model: m,
    variables,
    seq: 0,
    status: 'running',
    tokens: [],
    tasks: {},
    stages: [],
    joins: {},
    events: [],
    completedTasks: 0,
    startedAt: 0,
  };
}

const T0 = Date.parse('2026-09-01T02:00:00Z');

function run(m: TemplateModel, variables: Record<string, unknown> = {}) {
  let now = T0;
  const fx = fakeEffects();
  const state = stateOf(m, variables);
  const it = new CaseInterpreter(state, fx, () => now);
  const open = (node: string) => Object.values(state.tasks).find((t) => t.node === node);
  return {
    fx,
    state,
    it,
    open,
    setNow: (ms: number) => (now = ms),
    complete: (node: string, outputs = {}) => it.completeTask({ instanceId: open(node)!.id, outputs, by: 'u1' }),
  };
}

const task = (id: string, attrs = '', body = '') => `<bpmn:userTask id="${id}" name="${id}" ${attrs}>${body}</bpmn:userTask>`;
const stage = (id: string, inner: string) => `<bpmn:subProcess id="${id}" name="${id}">${inner}</bpmn:subProcess>`;

describe('the case interpreter', () => {
  it('walks stages in order, recording entry and exit, and closes the case at the end', async () => {
    const m = await model(
      bpmn(`<bpmn:startEvent id="S"/>${stage('A', `<bpmn:startEvent id="As"/>${task('T1')}<bpmn:endEvent id="Ae"/>${chain('As', 'T1', 'Ae')}`)}
        ${stage('B', `<bpmn:startEvent id="Bs"/>${task('T2')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T2', 'Be')}`)}
        <bpmn:serviceTask id="Bill" name="bill" lexflow:action="billingEvent" lexflow:amountFen="500000"/>
        <bpmn:endEvent id="E"/>${chain('S', 'A', 'B', 'Bill', 'E')}`),
    );
    const r = run(m);
    await r.it.start();
    expect(progressOf(r.state).stages.map((s) => s.status)).toEqual(['active', 'pending']);
    expect(progressOf(r.state).percentComplete).toBe(0);
    await r.complete('T1');
    expect(progressOf(r.state).stages.map((s) => s.status)).toEqual(['done', 'active']);
    expect(progressOf(r.state).percentComplete).toBe(50);
    await r.complete('T2');
    expect(r.state.status).toBe('completed');
    expect(r.fx.of('recordStageEntry').map((s) => s.stageId)).toEqual(['A', 'B']);
    const entered = r.fx.of('recordStageEntry').map((s) => s.stageInstanceId);
    expect(r.fx.of('recordStageExit').map((s) => [s.stageInstanceId, s.skipped])).toEqual([
      [entered[0], false],
      [entered[1], false],
    ]);
    expect(r.fx.of('raiseBillingEvent')).toEqual([expect.objectContaining({ nodeId: 'Bill', amountFen: 500000 })]);
    expect(r.fx.of('finishCase')).toHaveLength(1);
    expect(progressOf(r.state).percentComplete).toBe(100);
  });

  it('joins parallel branches only when every branch has arrived', async () => {
    const m = await model(
      bpmn(`<bpmn:startEvent id="S"/><bpmn:parallelGateway id="F"/>${task('L')}${task('R')}<bpmn:parallelGateway id="J"/>${task('After')}<bpmn:endEvent id="E"/>
        ${chain('S', 'F')}${chain('F', 'L', 'J')}${chain('F', 'R', 'J')}${chain('J', 'After', 'E')}`),
    );
    const r = run(m);
    await r.it.start();
    expect(
      Object.values(r.state.tasks)
        .map((t) => t.node)
        .sort(),
    ).toEqual(['L', 'R']);
    await r.complete('L');
    expect(r.open('After')).toBeUndefined();
    await r.complete('R');
    expect(r.open('After')).toBeDefined();
    expect(r.fx.of('openTask').filter((t) => t.node.id === 'After')).toHaveLength(1);
  });

  it('decides with conditions over task outputs, and waits when nothing matches', async () => {
    const out = `<bpmn:extensionElements><lexflow:outputs><lexflow:output name="appeal" type="boolean" required="false"/></lexflow:outputs></bpmn:extensionElements>`;
    const m = await model(
      bpmn(`<bpmn:startEvent id="S"/>${task('Decide', '', out)}<bpmn:exclusiveGateway id="G"/>${task('Appeal')}${task('Close')}<bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/>
        ${chain('S', 'Decide', 'G')}
        <bpmn:sequenceFlow id="yes" sourceRef="G" targetRef="Appeal"><bpmn:conditionExpression>appeal == true</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="no" sourceRef="G" targetRef="Close"><bpmn:conditionExpression>appeal == false</bpmn:conditionExpression></bpmn:sequenceFlow>
        ${chain('Appeal', 'E1')}${chain('Close', 'E2')}`),
    );
    const r = run(m);
    await r.it.start();
    await r.complete('Decide', {});
    expect(progressOf(r.state).waiting).toEqual([{ node: 'G', name: 'G', kind: 'gateway' }]);
    await r.it.recordCaseEvent({ name: 'decided', variables: { appeal: true }, by: 'u1', key: 'k1' });
    expect(r.open('Appeal')).toBeDefined();
    expect(r.open('Close')).toBeUndefined();
  });

  it('advanceStage skips the open tasks of the stage, records the reason, and moves on', async () => {
    const m = await model(
      bpmn(`<bpmn:startEvent id="S"/>${stage('A', `<bpmn:startEvent id="As"/>${task('T1', 'lexflow:due="P10D" lexflow:reminders="P2D"')}${task('T2')}<bpmn:endEvent id="Ae"/>${chain('As', 'T1', 'T2', 'Ae')}`)}
        ${stage('B', `<bpmn:startEvent id="Bs"/>${task('T3')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T3', 'Be')}`)}
        <bpmn:endEvent id="E"/>${chain('S', 'A', 'B', 'E')}`),
    );
    const r = run(m);
    await r.it.start();
    expect(r.it.nextWakeAt()).toBe(r.open('T1')!.due!.reminders[0]);
    const skipped = r.open('T1')!.id;
    await r.it.advanceStage({ reason: '客户撤回立案申请', by: 'u1' });
    expect(r.fx.of('closeTaskRows')).toEqual([
      expect.objectContaining({ instanceIds: [skipped], status: 'skipped', reason: '客户撤回立案申请' }),
    ]);
    expect(r.fx.of('recordStageExit')[0]).toMatchObject({ skipped: true, reason: '客户撤回立案申请' });
    expect(r.open('T3')).toBeDefined();
    // The skipped task's reminder is gone with it.
    expect(r.it.nextWakeAt()).toBeUndefined();
  });

  it('advanceStage can jump to a named stage', async () => {
    const m = await model(
      bpmn(`<bpmn:startEvent id="S"/>${stage('A', `<bpmn:startEvent id="As"/>${task('T1')}<bpmn:endEvent id="Ae"/>${chain('As', 'T1', 'Ae')}`)}
        ${stage('B', `<bpmn:startEvent id="Bs"/>${task('T2')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T2', 'Be')}`)}
        ${stage('C', `<bpmn:startEvent id="Cs"/>${task('T3')}<bpmn:endEvent id="Ce"/>${chain('Cs', 'T3', 'Ce')}`)}
        <bpmn:endEvent id="E"/>${chain('S', 'A', 'B', 'C', 'E')}`),
    );
    const r = run(m);
    await r.it.start();
    await r.it.advanceStage({ reason: '跳至执行', toStageId: 'C', by: 'u1' });
    expect(progressOf(r.state).stages.map((s) => s.status)).toEqual(['skipped', 'pending', 'active']);
    expect(r.open('T3')).toBeDefined();
  });

  it('fires reminders and the escalation at their instants, once each', async () => {
    const m = await model(
      bpmn(
        `<bpmn:startEvent id="S"/>${task('T', 'lexflow:due="P15D" lexflow:reminders="P3D,P1D" lexflow:escalateAfter="P2D" lexflow:escalateTo="partner"')}<bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}`,
      ),
    );
    const r = run(m);
    await r.it.start();
    const due = r.open('T')!.due!;
    // Opened 2026-09-01 (Shanghai): 15 days → 2026-09-16, a Wednesday; due at 24:00.
    expect(due.dueDate).toBe('2026-09-16');
    expect(due.dueAt).toBe(Date.parse('2026-09-16T16:00:00Z'));
    r.setNow(due.dueAt - 3 * 86_400_000 - 1);
    await r.it.fireDue();
    expect(r.fx.of('taskAlert')).toHaveLength(0);
    r.setNow(due.dueAt - 3 * 86_400_000);
    await r.it.fireDue();
    await r.it.fireDue();
    expect(r.fx.of('taskAlert')).toEqual([expect.objectContaining({ kind: 'reminder', index: 0, at: due.dueAt - 3 * 86_400_000 })]);
    r.setNow(due.dueAt + 2 * 86_400_000);
    await r.it.fireDue();
    expect(r.fx.of('taskAlert').map((a) => [a.kind, a.at])).toEqual([
      ['reminder', due.dueAt - 3 * 86_400_000],
      ['reminder', due.dueAt - 86_400_000],
      ['escalation', due.dueAt + 2 * 86_400_000],
    ]);
    expect(r.it.nextWakeAt()).toBeUndefined();
  });

  it('re-arms a deadline that counts from a case date when that date is recorded', async () => {
    const m = await model(
      bpmn(
        `<bpmn:startEvent id="S"/>${task('Appeal', 'lexflow:duePeriod="civil.appeal_judgment" lexflow:dueFrom="variable" lexflow:dueVariable="judgmentServedAt" lexflow:reminders="P1D"')}<bpmn:endEvent id="E"/>${chain('S', 'Appeal', 'E')}`,
        'lexflow:variables="judgmentServedAt:date"',
      ),
    );
    const r = run(m);
    await r.it.start();
    expect(r.open('Appeal')).toMatchObject({ due: null, waitingFor: 'judgmentServedAt' });
    await r.it.recordCaseEvent({ name: 'judgmentServed', date: '2026-09-22', by: 'u1', key: 'k' });
    // 15 days from 2026-09-22 is 2026-10-07, inside the National Day holiday: due 2026-10-08.
    expect(r.open('Appeal')!.due).toMatchObject({ dueDate: '2026-10-08', unadjusted: '2026-10-07', rolledOver: true });
    expect(r.fx.of('rescheduleTask')).toHaveLength(1);
  });

  it('an interrupting boundary timer cancels the task and takes its path; a non-interrupting one adds a path', async () => {
    const m = await model(
      bpmn(`<bpmn:startEvent id="S"/>${task('Wait')}<bpmn:endEvent id="E"/>
        <bpmn:boundaryEvent id="B1" attachedToRef="Wait" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        ${task('Nudge')}<bpmn:endEvent id="E2"/>
        <bpmn:boundaryEvent id="B2" attachedToRef="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        ${task('Escalated')}<bpmn:endEvent id="E3"/>
        ${chain('S', 'Wait', 'E')}${chain('B1', 'Nudge', 'E2')}${chain('B2', 'Escalated', 'E3')}`),
    );
    const r = run(m);
    await r.it.start();
    r.setNow(T0 + 86_400_000);
    await r.it.fireDue();
    await r.it.advance();
    expect(r.open('Wait')).toBeDefined();
    expect(r.open('Nudge')).toBeDefined();
    r.setNow(T0 + 7 * 86_400_000);
    await r.it.fireDue();
    await r.it.advance();
    expect(r.open('Wait')).toBeUndefined();
    expect(r.open('Escalated')).toBeDefined();
    expect(r.fx.of('closeTaskRows')).toEqual([expect.objectContaining({ status: 'timed_out', instanceIds: [expect.any(String)] })]);
  });

  it('waits at a message catch until the case event is recorded (or takes one recorded earlier)', async () => {
    const m = await model(
      bpmn(
        `<bpmn:startEvent id="S"/>${task('Prep')}<bpmn:intermediateCatchEvent id="C"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>${task('After')}<bpmn:endEvent id="E"/>${chain('S', 'Prep', 'C', 'After', 'E')}`,
        '',
        '<bpmn:message id="M" name="awardReceived"/>',
      ),
    );
    const r = run(m);
    await r.it.start();
    await r.it.recordCaseEvent({ name: 'awardReceived', date: '2026-09-03', by: 'u1', key: 'k1' });
    expect(r.open('After')).toBeUndefined();
    await r.complete('Prep');
    expect(r.open('After')).toBeDefined();
    expect(r.state.variables.awardReceivedAt).toBe('2026-09-03');
  });

  it('migrates to a new version at the current stage, keeping completed history', async () => {
    const v1 = await model(
      bpmn(`<bpmn:startEvent id="S"/>${stage('A', `<bpmn:startEvent id="As"/>${task('T1')}<bpmn:endEvent id="Ae"/>${chain('As', 'T1', 'Ae')}`)}
        ${stage('B', `<bpmn:startEvent id="Bs"/>${task('T2')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T2', 'Be')}`)}<bpmn:endEvent id="E"/>${chain('S', 'A', 'B', 'E')}`),
    );
    const v2 = await model(
      bpmn(`<bpmn:startEvent id="S"/>${stage('A', `<bpmn:startEvent id="As"/>${task('T1')}<bpmn:endEvent id="Ae"/>${chain('As', 'T1', 'Ae')}`)}
        ${stage('B2', `<bpmn:startEvent id="Bs"/>${task('T2b', 'lexflow:due="P5D"')}${task('T2c')}<bpmn:endEvent id="Be"/>${chain('Bs', 'T2b', 'T2c', 'Be')}`)}<bpmn:endEvent id="E"/>${chain('S', 'A', 'B2', 'E')}`),
    );
    const r = run(v1);
    await r.it.start();
    await r.complete('T1');
    await expect(r.it.migrateTemplate({ versionId: 'v2', model: v2, mapping: {}, by: 'u1' })).rejects.toThrow(/no place for B, T2/);
    await r.it.migrateTemplate({ versionId: 'v2', model: v2, mapping: { B: 'B2', T2: 'T2b' }, by: 'u1' });
    expect(r.state.versionId).toBe('v2');
    expect(r.fx.of('switchTemplateVersion')).toEqual([{ caseId: 'c1', versionId: 'v2' }]);
    expect(r.open('T2b')!.due).not.toBeNull();
    const p = progressOf(r.state);
    expect(p.stages.map((s) => [s.id, s.status])).toEqual([
      ['A', 'done'],
      ['B2', 'active'],
    ]);
    expect(p.completedTasks).toBe(1);
    await r.complete('T2b');
    expect(r.open('T2c')).toBeDefined();
  });

  it('rejects bad commands with typed failures', async () => {
    const out = `<bpmn:extensionElements><lexflow:outputs><lexflow:output name="hearingAt" type="date"/></lexflow:outputs></bpmn:extensionElements>`;
    const m = await model(bpmn(`<bpmn:startEvent id="S"/>${task('T', '', out)}<bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}`));
    const r = run(m);
    await r.it.start();
    const id = r.open('T')!.id;
    await expect(r.it.completeTask({ instanceId: id, outputs: {}, by: null })).rejects.toMatchObject({
      type: 'Invalid',
      message: expect.stringContaining('hearingAt required'),
    });
    await expect(r.it.completeTask({ instanceId: id, outputs: { hearingAt: '2026-02-30' }, by: null })).rejects.toMatchObject({
      type: 'Invalid',
    });
    await expect(r.it.completeTask({ instanceId: 'nope', outputs: {}, by: null })).rejects.toMatchObject({ type: 'NotFound' });
    await expect(r.it.advanceStage({ reason: 'x', by: null })).rejects.toMatchObject({ type: 'Conflict' });
    await r.it.closeCase({ outcome: 'withdrawn', by: null });
    await expect(r.it.completeTask({ instanceId: id, outputs: { hearingAt: '2026-10-08' }, by: null })).rejects.toMatchObject({
      type: 'Conflict',
    });
  });
});
