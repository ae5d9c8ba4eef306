import { ApplicationFailure } from '@temporalio/common';
import type { Activities } from '../../activities';
import type { DueInfo } from '../../activities/case-types';
import { fixedDurationMs, parseIsoDuration } from '../../domain/deadlines/iso-duration';
import { conditionHolds } from '../../process-templates/model/expression';
import type { ModelNode, NodeOf, TimerSpec } from '../../process-templates/model/schema';
import { openTasks } from './progress';
import type {
  AdvanceStageInput,
  BoundaryState,
  CaseState,
  CloseCaseInput,
  CommandResult,
  CompleteTaskInput,
  MigrateTemplateInput,
  RecordCaseEventInput,
  StageState,
  TaskState,
  Token,
} from './state';
import {
  activeStageFor,
  validateAdvanceStage,
  validateClose,
  validateCompleteTask,
  validateMigrate,
  validateRecordEvent,
} from './validators';

/** Every effect the interpreter has on the world (each an activity of the worker). */
export const EFFECT_NAMES = [
  'openTask',
  'rescheduleTask',
  'completeTaskRow',
  'closeTaskRows',
  'taskAlert',
  'recordStageEntry',
  'recordStageExit',
  'raiseBillingEvent',
  'sendCaseEmail',
  'requestDocument',
  'setCaseStatus',
  'finishCase',
  'logCaseEvent',
  'switchTemplateVersion',
  'resolveTimer',
] as const satisfies ReadonlyArray<keyof Activities>;

export type Effects = Pick<Activities, (typeof EFFECT_NAMES)[number]>;

/** A template that flows in a circle without ever waiting would spin for ever; this many steps stop it. */
const MAX_STEPS = 5000;

/**
 * The token interpreter of a compiled template. All state lives in `state` (plain JSON), all
 * effects go through `fx` (activities in the workflow, plain objects in unit tests), and time
 * comes from `now` (workflow time). Deterministic: the same state, inputs and results give the
 * same commands.
 */
export class CaseInterpreter {
  constructor(
    readonly state: CaseState,
    private readonly fx: Effects,
    private readonly now: () => number,
  ) {}

  private get caseId() {
    return this.state.caseId;
  }

  private node<T extends ModelNode['type'] = ModelNode['type']>(id: string): NodeOf<T> {
    return this.state.model.nodes[id] as NodeOf<T>;
  }

  private nextId(prefix: string): string {
    return `${prefix}${++this.state.seq}`;
  }

  private spawn(node: string, scope: string | null, via?: string): void {
    this.state.tokens.push({ id: this.nextId('k'), node, scope, ...(via ? { via } : {}) });
  }

  private remove(token: Token): void {
    this.state.tokens = this.state.tokens.filter((t) => t.id !== token.id);
  }

  private moveOn(token: Token, flows: string[]): void {
    this.remove(token);
    for (const f of flows) this.spawn(this.state.model.flows[f].target, token.scope, f);
  }

  private result(): CommandResult {
    return { openTasks: openTasks(this.state), status: this.state.status };
  }

  // ——— moving tokens ———

  /** Begins at the start event, or (a reopened case) at a top-level stage. */
  async start(at?: string): Promise<void> {
    this.spawn(at ?? this.state.model.start, null);
    await this.advance();
  }

  async advance(): Promise<void> {
    for (let steps = 0; this.state.status === 'running'; steps++) {
      if (steps > MAX_STEPS) throw ApplicationFailure.nonRetryable('the template loops without ever waiting', 'TemplateLoop');
      const token = this.state.tokens.find((t) => !t.wait);
      if (token) {
        // Only steps with effects are awaited: every promise in a workflow costs a captured stack trace.
        const effect = this.step(token);
        if (effect) await effect;
      } else if (!(await this.completeScopes())) return;
    }
  }

  private step(token: Token): Promise<void> | void {
    const n = this.node(token.node);
    switch (n.type) {
      case 'start':
      case 'boundaryTimer':
        return this.moveOn(token, n.outgoing);
      case 'end':
        this.remove(token);
        return n.terminate ? this.cancelScope(token.scope, 'cancelled', 'terminate end event') : undefined;
      case 'stage':
        return this.enterStage(token, n);
      case 'userTask':
        return this.openTask(token, n);
      case 'serviceTask':
        return this.runService(token, n).then(() => this.moveOn(token, n.outgoing));
      case 'exclusiveGateway': {
        const flow = this.choose(n);
        if (flow) this.moveOn(token, [flow]);
        else token.wait = { kind: 'gateway' };
        return;
      }
      case 'parallelGateway':
        return this.parallel(token, n);
      case 'timerCatch':
        return this.timerAt(n.timer, this.now()).then((at) => {
          token.wait = { kind: 'timer', at, ...(at === null && n.timer.kind === 'variable' ? { variable: n.timer.variable } : {}) };
        });
      case 'messageCatch': {
        const event = this.state.events.find((e) => e.name === n.message && !e.consumed);
        if (event) {
          event.consumed = true;
          this.moveOn(token, n.outgoing);
        } else {
          token.wait = { kind: 'message', message: n.message };
        }
        return;
      }
    }
  }

  private choose(n: NodeOf<'exclusiveGateway'>): string | undefined {
    for (const id of n.outgoing) {
      if (id === n.default) continue;
      const f = this.state.model.flows[id];
      if (!f.condition || conditionHolds(f.condition.ast, this.state.variables)) return id;
    }
    return n.default;
  }

  private parallel(token: Token, n: NodeOf<'parallelGateway'>): void {
    if (n.incoming.length <= 1) return this.moveOn(token, n.outgoing);
    const key = `${n.id}@${token.scope ?? ''}`;
    const arrived = (this.state.joins[key] ??= []);
    if (token.via && !arrived.includes(token.via)) arrived.push(token.via);
    this.remove(token);
    if (n.incoming.every((f) => arrived.includes(f))) {
      delete this.state.joins[key];
      for (const f of n.outgoing) this.spawn(this.state.model.flows[f].target, token.scope, f);
    }
  }

  private async enterStage(token: Token, n: NodeOf<'stage'>): Promise<void> {
    const now = this.now();
    const stage: StageState = { id: this.nextId('s'), stage: n.id, token: token.id, enteredAt: now, status: 'active', boundaries: [] };
    token.wait = { kind: 'stage', stage: stage.id };
    this.state.stages.push(stage);
    await this.fx.recordStageEntry({ caseId: this.caseId, stageInstanceId: stage.id, stageId: n.id, stageName: n.name, at: now });
    stage.boundaries = await this.armBoundaries(n.boundary, now);
    this.spawn(n.start, stage.id);
  }

  private async openTask(token: Token, n: NodeOf<'userTask'>): Promise<void> {
    const now = this.now();
    const id = this.nextId('t');
    const stage = this.state.stages.find((s) => s.id === token.scope);
    const r = await this.fx.openTask({
      caseId: this.caseId,
      instanceId: id,
      node: n,
      stageInstanceId: token.scope,
      startedAt: now,
      stageStartedAt: stage?.enteredAt ?? now,
      variables: this.state.variables,
      timeZone: this.state.timeZone,
    });
    this.state.tasks[id] = {
      id,
      node: n.id,
      taskId: r.taskId,
      assigneeId: r.assigneeId,
      token: n.required ? token.id : null,
      scope: token.scope,
      startedAt: now,
      due: r.due,
      ...(r.waitingFor ? { waitingFor: r.waitingFor } : {}),
      remindersSent: this.pastReminders(r.due, now),
      escalated: false,
      boundaries: await this.armBoundaries(n.boundary, now),
    };
    if (n.required) token.wait = { kind: 'task', task: id };
    else this.moveOn(token, n.outgoing);
  }

  /** Reminders already past when a due date becomes known: all but the latest are not sent. */
  private pastReminders(due: DueInfo | null, now: number): number {
    if (!due) return 0;
    const past = due.reminders.filter((at) => at <= now).length;
    return Math.max(0, past - 1);
  }

  private async runService(token: Token, n: NodeOf<'serviceTask'>): Promise<void> {
    const key = `${this.caseId}:${n.id}:${token.id}`;
    const s = n.service;
    switch (s.action) {
      case 'billingEvent':
        return this.fx.raiseBillingEvent({
          caseId: this.caseId,
          key,
          nodeId: n.id,
          label: s.label,
          amountFen: s.amountFen,
          percent: s.percent,
        });
      case 'email':
        return this.fx.sendCaseEmail({ caseId: this.caseId, key, to: s.to as never, template: s.template, at: this.now() });
      case 'generateDocument':
        return this.fx.requestDocument({ caseId: this.caseId, key, template: s.template, ...(s.review ? { review: true } : {}) });
      case 'setStatus':
        return this.fx.setCaseStatus({ caseId: this.caseId, status: s.status });
    }
  }

  private async timerAt(spec: TimerSpec, armedAt: number): Promise<number | null> {
    if (spec.kind === 'duration') {
      const d = parseIsoDuration(spec.duration);
      const fixed = d && !d.years && !d.months ? fixedDurationMs(d) : undefined;
      if (fixed !== undefined) return armedAt + fixed;
    }
    return this.fx.resolveTimer({ spec, armedAt, variables: this.state.variables, timeZone: this.state.timeZone });
  }

  private async armBoundaries(ids: string[], armedAt: number): Promise<BoundaryState[]> {
    const result: BoundaryState[] = [];
    for (const id of ids) result.push({ node: id, at: await this.timerAt(this.node<'boundaryTimer'>(id).timer, armedAt), fired: false });
    return result;
  }

  // ——— scopes ———

  /** Closes stages with no token left inside; ends the case when nothing is left at all. Returns whether a token moved. */
  private async completeScopes(): Promise<boolean> {
    let released = false;
    for (const stage of this.state.stages.filter((s) => s.status === 'active')) {
      if (this.state.tokens.some((t) => t.scope === stage.id)) continue;
      await this.exitStage(stage, null, false);
      const host = this.state.tokens.find((t) => t.id === stage.token);
      if (host) {
        this.moveOn(host, this.node(host.node).outgoing);
        released = true;
      }
    }
    if (!released && this.state.tokens.length === 0 && this.state.status === 'running') {
      const outcome = this.state.variables.outcome;
      await this.finish(typeof outcome === 'string' ? outcome : null, null, 'completed');
    }
    return released;
  }

  private async exitStage(stage: StageState, reason: string | null, skipped: boolean): Promise<void> {
    await this.closeTasks((t) => t.scope === stage.id, 'skipped', reason ?? 'stage completed');
    stage.status = skipped ? 'skipped' : 'done';
    stage.exitedAt = this.now();
    const current = [...this.state.stages].reverse().find((s) => s.status === 'active');
    await this.fx.recordStageExit({
      caseId: this.caseId,
      stageInstanceId: stage.id,
      at: stage.exitedAt,
      reason,
      skipped,
      current: current ? { id: current.stage, name: this.node(current.stage).name } : null,
    });
  }

  private async closeTasks(which: (t: TaskState) => boolean, status: 'skipped' | 'cancelled' | 'timed_out', reason: string | null) {
    const tasks = Object.values(this.state.tasks).filter(which);
    if (!tasks.length) return;
    await this.fx.closeTaskRows({ caseId: this.caseId, instanceIds: tasks.map((t) => t.id), status, reason, at: this.now() });
    for (const t of tasks) delete this.state.tasks[t.id];
  }

  /** Removes every token and open task of a scope (a stage instance, or the process when null). */
  private async cancelScope(scope: string | null, status: 'skipped' | 'cancelled', reason: string): Promise<void> {
    const inScope = (s: string | null) => scope === null || s === scope;
    const nested = new Set(this.state.stages.filter((s) => s.status === 'active' && scope === null).map((s) => s.id));
    await this.closeTasks((t) => inScope(t.scope) || nested.has(t.scope ?? ''), status, reason);
    this.state.tokens = this.state.tokens.filter((t) => !(inScope(t.scope) || nested.has(t.scope ?? '')));
    for (const key of Object.keys(this.state.joins)) if (scope === null || key.endsWith(`@${scope}`)) delete this.state.joins[key];
  }

  private async finish(outcome: string | null, reason: string | null, status: 'completed' | 'closed'): Promise<void> {
    for (const stage of this.state.stages.filter((s) => s.status === 'active'))
      await this.exitStage(stage, reason ?? 'case closed', status === 'closed');
    await this.closeTasks(() => true, 'cancelled', reason ?? 'case closed');
    this.state.tokens = [];
    await this.fx.finishCase({ caseId: this.caseId, at: this.now(), outcome, reason, finishedAs: status });
    this.state.status = status;
  }

  // ——— time ———

  /** The next instant something is due (reminder, escalation, boundary or catch timer), if any. */
  nextWakeAt(): number | undefined {
    const at: number[] = [];
    for (const t of Object.values(this.state.tasks)) {
      if (t.due) {
        at.push(...t.due.reminders.slice(t.remindersSent));
        if (t.due.escalationAt !== undefined && !t.escalated) at.push(t.due.escalationAt);
      }
      for (const b of t.boundaries) if (!b.fired && b.at !== null) at.push(b.at);
    }
    for (const s of this.state.stages)
      if (s.status === 'active') for (const b of s.boundaries) if (!b.fired && b.at !== null) at.push(b.at);
    for (const t of this.state.tokens) if (t.wait?.kind === 'timer' && t.wait.at !== null) at.push(t.wait.at);
    return at.length ? Math.min(...at) : undefined;
  }

  /** Fires everything whose instant has come: reminders, escalations, boundary timers, catch timers. */
  async fireDue(): Promise<void> {
    const now = this.now();
    for (const t of Object.values(this.state.tasks)) {
      if (!this.state.tasks[t.id] || !t.due) continue;
      const n = this.node<'userTask'>(t.node);
      while (t.remindersSent < t.due.reminders.length && t.due.reminders[t.remindersSent] <= now) {
        const at = t.due.reminders[t.remindersSent];
        await this.fx.taskAlert({
          caseId: this.caseId,
          instanceId: t.id,
          kind: 'reminder',
          index: t.remindersSent,
          at,
          dueAt: t.due.dueAt,
        });
        t.remindersSent++;
      }
      if (t.due.escalationAt !== undefined && !t.escalated && t.due.escalationAt <= now) {
        await this.fx.taskAlert({
          caseId: this.caseId,
          instanceId: t.id,
          kind: 'escalation',
          index: 0,
          at: t.due.escalationAt,
          dueAt: t.due.dueAt,
          toRole: n.escalation?.toRole,
        });
        t.escalated = true;
      }
    }
    for (const t of Object.values(this.state.tasks)) {
      for (const b of t.boundaries)
        if (this.state.tasks[t.id] && !b.fired && b.at !== null && b.at <= now) await this.fireTaskBoundary(t, b);
    }
    for (const s of this.state.stages.filter((x) => x.status === 'active')) {
      for (const b of s.boundaries)
        if (s.status === 'active' && !b.fired && b.at !== null && b.at <= now) await this.fireStageBoundary(s, b);
    }
    for (const t of this.state.tokens) {
      if (t.wait?.kind === 'timer' && t.wait.at !== null && t.wait.at <= now) this.moveOn(t, this.node(t.node).outgoing);
    }
  }

  private async fireTaskBoundary(task: TaskState, b: BoundaryState): Promise<void> {
    b.fired = true;
    const bn = this.node<'boundaryTimer'>(b.node);
    if (bn.interrupting) {
      const host = task.token ? this.state.tokens.find((t) => t.id === task.token) : undefined;
      await this.closeTasks((t) => t.id === task.id, 'timed_out', `timer ${bn.name}`);
      if (host) this.remove(host);
    }
    this.spawn(bn.id, task.scope);
  }

  private async fireStageBoundary(stage: StageState, b: BoundaryState): Promise<void> {
    b.fired = true;
    const bn = this.node<'boundaryTimer'>(b.node);
    if (bn.interrupting) {
      await this.cancelScope(stage.id, 'cancelled', `timer ${bn.name}`);
      await this.exitStage(stage, `timer ${bn.name}`, false);
      this.state.tokens = this.state.tokens.filter((t) => t.id !== stage.token);
    }
    this.spawn(bn.id, null);
  }

  // ——— variables ———

  /** Re-arms what depends on changed variables: due dates, variable timers, waiting decisions. */
  private async variablesChanged(names: string[]): Promise<void> {
    if (!names.length) return;
    const changed = new Set(names);
    for (const t of Object.values(this.state.tasks)) {
      const n = this.node<'userTask'>(t.node);
      if (n.due?.from !== 'variable' || !changed.has(n.due.variable ?? '')) continue;
      await this.reschedule(t, n);
    }
    for (const tok of this.state.tokens) {
      if (tok.wait?.kind === 'gateway') tok.wait = undefined;
      if (tok.wait?.kind === 'timer' && tok.wait.variable && changed.has(tok.wait.variable)) {
        const at = await this.timerAt(this.node<'timerCatch'>(tok.node).timer, this.now());
        tok.wait = { kind: 'timer', at, ...(at === null ? { variable: tok.wait.variable } : {}) };
      }
    }
  }

  private async reschedule(t: TaskState, n: NodeOf<'userTask'>): Promise<void> {
    const stage = this.state.stages.find((s) => s.id === t.scope);
    const r = await this.fx.rescheduleTask({
      caseId: this.caseId,
      instanceId: t.id,
      node: n,
      startedAt: t.startedAt,
      stageStartedAt: stage?.enteredAt ?? t.startedAt,
      variables: this.state.variables,
      timeZone: this.state.timeZone,
    });
    const moved = r.due?.dueAt !== t.due?.dueAt;
    t.due = r.due;
    if (r.waitingFor) t.waitingFor = r.waitingFor;
    else delete t.waitingFor;
    if (moved) {
      t.remindersSent = this.pastReminders(r.due, this.now());
      t.escalated = false;
    }
  }

  // ——— commands (Workflow Updates) ———

  async completeTask(input: CompleteTaskInput): Promise<CommandResult> {
    validateCompleteTask(this.state, input);
    const task = this.state.tasks[input.instanceId];
    const n = this.node<'userTask'>(task.node);
    const outputs = Object.fromEntries(
      n.outputs.filter((o) => input.outputs?.[o.name] !== undefined).map((o) => [o.name, input.outputs[o.name]]),
    );
    await this.fx.completeTaskRow({ caseId: this.caseId, instanceId: task.id, outputs, by: input.by, at: this.now() });
    delete this.state.tasks[task.id];
    this.state.completedTasks++;
    Object.assign(this.state.variables, outputs);
    const host = task.token ? this.state.tokens.find((t) => t.id === task.token) : undefined;
    if (host) this.moveOn(host, n.outgoing);
    await this.variablesChanged(Object.keys(outputs));
    await this.advance();
    return this.result();
  }

  async advanceStage(input: AdvanceStageInput): Promise<CommandResult> {
    validateAdvanceStage(this.state, input);
    const stage = activeStageFor(this.state, input.stageId)!;
    const reason = input.reason.trim();
    await this.cancelScope(stage.id, 'skipped', reason);
    await this.exitStage(stage, reason, true);
    const host = this.state.tokens.find((t) => t.id === stage.token);
    if (host && input.toStageId) {
      this.remove(host);
      this.spawn(input.toStageId, null);
    } else if (host) {
      this.moveOn(host, this.node(stage.stage).outgoing);
    }
    await this.advance();
    return this.result();
  }

  async recordCaseEvent(input: RecordCaseEventInput): Promise<CommandResult> {
    validateRecordEvent(this.state, input);
    const changed: Record<string, unknown> = { ...(input.variables ?? {}) };
    if (input.date) changed[`${input.name}At`] = input.date;
    await this.fx.logCaseEvent({
      caseId: this.caseId,
      key: input.key,
      name: input.name,
      date: input.date ?? null,
      variables: changed,
      by: input.by,
    });
    Object.assign(this.state.variables, changed);
    const waiting = this.state.tokens.filter((t) => t.wait?.kind === 'message' && t.wait.message === input.name);
    if (waiting.length) for (const t of waiting) this.moveOn(t, this.node(t.node).outgoing);
    else if (this.state.model.messages.includes(input.name))
      this.state.events.push({ name: input.name, date: input.date ?? '', consumed: false });
    await this.variablesChanged(Object.keys(changed));
    await this.advance();
    return this.result();
  }

  async closeCase(input: CloseCaseInput): Promise<CommandResult> {
    validateClose(this.state, input);
    await this.finish(input.outcome.trim(), input.reason?.trim() || 'closed by the team', 'closed');
    return this.result();
  }

  async migrateTemplate(input: MigrateTemplateInput): Promise<CommandResult> {
    validateMigrate(this.state, input);
    const map = (id: string) => input.mapping[id] ?? id;
    const old = this.state.model;
    for (const t of this.state.tokens) t.node = map(t.node);
    for (const s of this.state.stages) {
      s.stage = map(s.stage);
      s.boundaries = s.boundaries.filter((b) => input.model.nodes[map(b.node)]).map((b) => ({ ...b, node: map(b.node) }));
    }
    for (const t of Object.values(this.state.tasks)) {
      t.boundaries = t.boundaries.filter((b) => input.model.nodes[map(b.node)]).map((b) => ({ ...b, node: map(b.node) }));
    }
    this.state.joins = Object.fromEntries(
      Object.entries(this.state.joins).map(([k, v]) => [map(k.split('@')[0]) + '@' + k.split('@')[1], v]),
    );
    this.state.model = input.model;
    this.state.versionId = input.versionId;
    await this.fx.switchTemplateVersion({ caseId: this.caseId, versionId: input.versionId });
    for (const t of Object.values(this.state.tasks)) {
      const before = old.nodes[t.node] as NodeOf<'userTask'> | undefined;
      t.node = map(t.node);
      const after = this.node<'userTask'>(t.node);
      if (
        JSON.stringify(before?.due) !== JSON.stringify(after.due) ||
        JSON.stringify(before?.reminders) !== JSON.stringify(after.reminders)
      ) {
        await this.reschedule(t, after);
      }
    }
    await this.advance();
    return this.result();
  }
}
