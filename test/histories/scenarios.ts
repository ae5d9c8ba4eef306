import { listNotifications } from '../../db/repositories/notifications';
import { insertVersion } from '../../db/repositories/templates';
import type { CaseProgress } from '../../workflows/case/state';
import { compileOrThrow, eventually } from '../helpers/engine';
import { openCase, shippedVersion } from './case-driver';
import type { History } from './fixtures';
import { migrateCasesScenario } from './migration-scenario';
import type { RecordingStack } from './stack';

/** One history a scenario recorded, under its file name in the version folder. */
export interface RecordedFixture {
  file: string;
  history: History;
}

/** What a scenario ran (a case, or a migration run with a case it moved): its fixtures, named after the scenario. */
export interface Recording {
  fixtures(name: string): Promise<RecordedFixture[]>;
}

/** One recorded run: a shipped template walked through several stages (or a bulk migration), with what it exercises. */
export interface Scenario {
  /**
   * Its fixtures' file name: `<name>.json`, runs of a continue-as-new chain `<name>.run-<n>.json`,
   * further histories `<name>.<what>.json`. A scenario with any such file on disk is not run again.
   */
  name: string;
  covers: string;
  run(stack: RecordingStack): Promise<Recording>;
}

const DAY = 86_400_000;
const taskOpen = (node: string) => (p: CaseProgress) => p.openTasks.some((t) => t.nodeId === node);
const stageActive = (stage: string) => (p: CaseProgress) => p.stages.some((s) => s.id === stage && s.status === 'active');

export const SCENARIOS: Scenario[] = [
  {
    name: 'civil-first-instance',
    covers:
      'time-skipping server: a reminder and an escalation fire on the complaint task; walked through five stages to the end (completed)',
    async run(stack) {
      const c = await openCase(stack, stack.skipping, 'civil-first-instance');
      await c.walk(taskOpen('Task_DraftComplaint'));
      // Due in 7 days (24:00 firm time, rolled past weekends and holidays), reminder 2 days before,
      // escalation 1 day after: sleep past the escalation of the due date the task got (10 days are
      // not enough when the case opens on a Friday). The test server's clock starts at the real time.
      const [{ due_at: dueAt }] = await stack.db('tasks').where({ case_id: c.caseId, node_id: 'Task_DraftComplaint' }).select('due_at');
      await stack.skipping.sleep(Math.max(10 * DAY, new Date(dueAt).getTime() + DAY + 60_000 - Date.now()));
      for (const kind of ['reminder', 'escalation']) {
        await eventually(async () => (await listNotifications(stack.db, { caseId: c.caseId, kind })).length > 0, 30_000);
      }
      await c.walk(
        () => false,
        () => ({ settled: false, appeal: false, needsEnforcement: true }),
      );
      await c.finished();
      return c;
    },
  },
  {
    name: 'civil-second-instance',
    covers: 'the opponent appealed; the second-instance hearing stage is skipped by advanceStage; walked to the end (completed)',
    async run(stack) {
      const c = await openCase(stack, stack.dev, 'civil-second-instance', {
        variables: { clientIsAppellant: false, firstJudgmentServedAt: '2026-09-10' },
      });
      await c.walk(stageActive('Stage_SecondTrial'));
      await c.update('advanceStage', { stageId: 'Stage_SecondTrial', reason: '二审法院不开庭审理，径行裁判', by: c.by });
      await c.walk(() => false);
      await c.finished();
      return c;
    },
  },
  {
    name: 'criminal-defence',
    covers: 'investigation and prosecution review walked, then closeCase during the trial stage (closed)',
    async run(stack) {
      const c = await openCase(stack, stack.dev, 'criminal-defence', { variables: { arrestedAt: '2026-08-01' } });
      await c.walk(taskOpen('Task_Hearing'));
      await c.update('closeCase', { outcome: '检察院撤回起诉', reason: '撤回起诉，委托终结', by: c.by });
      await c.finished();
      return c;
    },
  },
  {
    name: 'administrative-litigation',
    covers: 'continueAsNewAfterEvents 40: the case hands over to new runs while walked through four stages to the end (every run recorded)',
    async run(stack) {
      const c = await openCase(stack, stack.dev, 'administrative-litigation', {
        variables: { actKnownAt: '2026-09-01' },
        continueAsNewAfterEvents: 40,
      });
      await c.walk(
        () => false,
        (t) => (t.nodeId === 'Task_JudgmentReport' ? { appeal: true, outcome: 'partial' } : {}),
      );
      await c.finished();
      return c;
    },
  },
  {
    name: 'commercial-arbitration',
    covers:
      'migrateTemplate to published version 2 (new due date and reminders on the open task) in the hearing stage; walked to the end (completed)',
    async run(stack) {
      const c = await openCase(stack, stack.dev, 'commercial-arbitration');
      await c.walk(taskOpen('Task_PostHearing'));
      const v1 = await shippedVersion(stack, 'commercial-arbitration');
      const xml = v1.xml.replace(
        /(<bpmn:userTask id="Task_PostHearing"[^>]*?)lexflow:due="P7D" lexflow:reminders="P2D"/,
        '$1lexflow:due="P10D" lexflow:reminders="P3D,P1D"',
      );
      if (xml === v1.xml) throw new Error('commercial-arbitration: the version-2 edit did not apply');
      const model = await compileOrThrow(xml);
      const v2 = await insertVersion(stack.db, {
        templateId: v1.templateId,
        bpmnXml: xml,
        model,
        changeNote: '代理词期限延长至十日',
        publishedBy: c.by,
      });
      await c.update('migrateTemplate', { versionId: v2.id, model, mapping: {}, by: c.by });
      await c.walk(
        () => false,
        () => ({ setAside: false, needsEnforcement: false }),
      );
      await c.finished();
      return c;
    },
  },
  {
    name: 'due-diligence',
    covers:
      'three parallel review tasks joined; the partner sends the report back once (loop), then approves; walked to the end (completed)',
    async run(stack) {
      const c = await openCase(stack, stack.dev, 'due-diligence');
      let reviews = 0;
      await c.walk(
        () => false,
        (t) => (t.nodeId === 'Task_PartnerReview' ? { approved: ++reviews > 1 } : {}),
      );
      await c.finished();
      return c;
    },
  },
  migrateCasesScenario,
];
