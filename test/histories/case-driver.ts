import { randomUUID } from 'node:crypto';
import { addCaseMembers, insertCase } from '../../db/repositories/cases';
import { listClientOptions } from '../../db/repositories/clients';
import { findTemplateByKey, latestVersion } from '../../db/repositories/templates';
import { findUserByEmail } from '../../db/repositories/users';
import { ZTemplateModel, type TemplateModel } from '../../process-templates/model/schema';
import type { CaseProgress, CaseWorkflowInput, CommandResult, OpenTaskView } from '../../workflows/case/state';
import { CASE_QUERIES, CASE_UPDATES, WORKFLOW_TYPES, caseWorkflowId } from '../../workflows/definitions';
import { outputsFor } from '../helpers/walk';
import type { History } from './fixtures';
import type { RecordedFixture } from './scenarios';
import type { Engine, RecordingStack } from './stack';
import { caseMemo } from '../../api/engine/case-engine';

export interface CaseOptions {
  variables?: Record<string, unknown>;
  continueAsNewAfterEvents?: number;
}

/** Values a scenario chooses for a task's outputs (others get plausible defaults); `n` counts the tasks done so far. */
export type Decide = (task: OpenTaskView, n: number) => Record<string, unknown>;

const MEMBERS = [
  ['li.ming@demo.lexflow', 'lead'],
  ['partner@demo.lexflow', 'partner'],
  ['zhang.ting@demo.lexflow', 'lawyer'],
  ['assistant@demo.lexflow', 'assistant'],
  ['finance@demo.lexflow', 'finance'],
] as const;

export async function userId(stack: RecordingStack, email: string): Promise<string> {
  const u = await findUserByEmail(stack.db, email);
  if (!u) throw new Error(`demo user ${email} missing`);
  return u.id;
}

/** The newest published version of a shipped template. */
export async function shippedVersion(
  stack: RecordingStack,
  key: string,
): Promise<{ id: string; templateId: string; model: TemplateModel; xml: string }> {
  const t = await findTemplateByKey(stack.db, key);
  const v = t && (await latestVersion(stack.db, t.id));
  if (!t || !v) throw new Error(`shipped template ${key} missing`);
  return { id: v.id, templateId: t.id, model: ZTemplateModel.parse(v.model), xml: v.bpmnXml };
}

/** A case of the demo firm on `key`'s newest version, its whole team staffed, and its workflow started as the API starts it. */
export async function openCase(stack: RecordingStack, engine: Engine, key: string, opts: CaseOptions = {}): Promise<CaseDriver> {
  const version = await shippedVersion(stack, key);
  const lead = await userId(stack, MEMBERS[0][0]);
  const [client] = await listClientOptions(stack.db, { scope: { all: true } });
  const practiceArea = version.model.practiceArea ?? 'civil';
  const caseType = version.model.caseTypes[0];
  const c = await insertCase(stack.db, {
    number: `H${randomUUID().slice(0, 8)}`,
    title: `回放样例 ${key}`,
    clientId: client.id,
    practiceArea,
    caseType,
    priority: 'normal',
    templateVersionId: version.id,
    workflowId: null,
    leadLawyerId: lead,
    openedOn: '2026-09-01',
    createdBy: lead,
  });
  await addCaseMembers(
    stack.db,
    c.id,
    await Promise.all(MEMBERS.map(async ([email, role]) => ({ userId: await userId(stack, email), role }))),
  );
  const input: CaseWorkflowInput = {
    caseId: c.id,
    versionId: version.id,
    model: version.model,
    variables: { practiceArea, caseType, priority: 'normal', openedAt: '2026-09-01', ...opts.variables },
    timeZone: 'Asia/Shanghai',
    ...(opts.continueAsNewAfterEvents ? { continueAsNewAfterEvents: opts.continueAsNewAfterEvents } : {}),
  };
  const handle = await engine.client.workflow.start(WORKFLOW_TYPES.case, {
    taskQueue: engine.taskQueue,
    workflowId: caseWorkflowId(c.id),
    args: [input],
    memo: caseMemo(),
  });
  await handle.describe();
  return new CaseDriver(engine, c.id, lead);
}

/** Drives one case through real Workflow Updates, as the API would, and fetches its histories. */
export class CaseDriver {
  private done = 0;

  constructor(
    readonly engine: Engine,
    readonly caseId: string,
    readonly by: string,
  ) {}

  private get latest() {
    return this.engine.client.workflow.getHandle(caseWorkflowId(this.caseId));
  }

  update(name: keyof typeof CASE_UPDATES, arg: unknown): Promise<CommandResult> {
    return this.latest.executeUpdate<CommandResult, [unknown]>(CASE_UPDATES[name], { args: [arg] });
  }

  progress(): Promise<CaseProgress> {
    return this.latest.query<CaseProgress>(CASE_QUERIES.progress);
  }

  /**
   * Completes open tasks and records awaited case events until `until` holds or the case ends.
   * Returns the progress it stopped at.
   */
  async walk(until: (p: CaseProgress) => boolean, decide: Decide = () => ({})): Promise<CaseProgress> {
    for (let idle = 0; ;) {
      const p = await this.progress();
      if (p.status !== 'running' || until(p)) return p;
      const task = p.openTasks.find((t) => t.required) ?? p.openTasks[0];
      const message = p.waiting.find((w) => w.kind === 'message')?.message;
      if (task) {
        await this.update('completeTask', {
          instanceId: task.instanceId,
          outputs: outputsFor(task, decide(task, this.done++)),
          by: this.by,
        });
      } else if (message) {
        await this.update('recordCaseEvent', { name: message, date: '2026-09-22', by: this.by, key: `${this.caseId}:${message}` });
      } else if (++idle > 100) {
        throw new Error(`case ${this.caseId} is stuck: ${JSON.stringify(p.waiting)}`);
      } else {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Waits for the workflow chain to end (a completed or closed case). */
  async finished(): Promise<void> {
    await this.latest.result();
  }

  /** Every run of the chain, first to last (continue-as-new starts a new history per run). */
  async histories(): Promise<History[]> {
    const runs: History[] = [];
    let runId: string | undefined = (await this.latest.describe()).runId;
    while (runId) {
      const history = await this.engine.client.workflow.getHandle(caseWorkflowId(this.caseId), runId).fetchHistory();
      runs.unshift(history);
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
      if (runs.length > 50) throw new Error(`case ${this.caseId}: more than 50 runs`);
    }
    return runs;
  }

  /** The chain's fixtures: `<name>.json`, or `<name>.run-<n>.json` per run when it continued as new. */
  async fixtures(name: string): Promise<RecordedFixture[]> {
    const runs = await this.histories();
    return runs.map((history, i) => ({ file: runs.length > 1 ? `${name}.run-${i + 1}.json` : `${name}.json`, history }));
  }
}
