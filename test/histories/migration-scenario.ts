import { randomUUID } from 'node:crypto';
import { insertVersion } from '../../db/repositories/templates';
import { migrationWorkflowId, type MigrateCasesProgress } from '../../workflows/definitions';
import { compileOrThrow, storeTemplate } from '../helpers/engine';
import { openCase, shippedVersion, userId } from './case-driver';
import type { Scenario } from './scenarios';

/** A firm's own copy of the shipped due-diligence template (as api/templates-migrate.test.ts makes one): shipped templates stay at version 1 for the other scenarios. */
const KEY = 'dd-bulk';
const RENAMED = ['name="签署委托协议与保密协议"', 'name="签署委托协议、保密协议与利冲声明"'] as const;

/**
 * migrateCasesWorkflow as the API starts it (the engine client's startCaseMigration): two running
 * cases of one template moved to its newly published version 2 by one run, and one unknown case id
 * that the run itself tries and answers as failed — the path of a case that stopped running after
 * the preview (the route refuses an id it already knows to be foreign before the run starts). The
 * change is a task's name only, so the moved cases switch version without rescheduling: a command
 * sequence commercial-arbitration (new due date and reminders) does not show. The first moved case
 * is walked to the end on version 2 and recorded too; the second has the same history shape.
 */
export const migrateCasesScenario: Scenario = {
  name: 'migrate-cases',
  covers:
    'migrateCasesWorkflow: two running cases moved to version 2 in one run, an unknown case id failed; the first moved case walked to the end (recorded as .case)',
  async run(stack) {
    const partner = await userId(stack, 'partner@demo.lexflow');
    const shipped = await shippedVersion(stack, 'due-diligence');
    await storeTemplate(stack.db, KEY, shipped.xml);
    const cases = [await openCase(stack, stack.dev, KEY), await openCase(stack, stack.dev, KEY)];
    for (const c of cases) await c.walk((p) => p.openTasks.length > 0);

    const xml = shipped.xml.replace(...RENAMED);
    if (xml === shipped.xml) throw new Error('migrate-cases: the version-2 edit did not apply');
    const v1 = await shippedVersion(stack, KEY);
    const v2 = await insertVersion(stack.db, {
      templateId: v1.templateId,
      bpmnXml: xml,
      model: await compileOrThrow(xml),
      changeNote: '委托阶段加签利冲声明',
      publishedBy: partner,
    });

    const unknown = randomUUID();
    const caseIds = [...cases.map((c) => c.caseId), unknown];
    const id = await stack.api.startCaseMigration({ templateKey: KEY, toVersionId: v2.id, caseIds, refused: [], mapping: {}, by: partner });
    const run = stack.dev.client.workflow.getHandle(migrationWorkflowId(id));
    const done = (await run.result()) as MigrateCasesProgress;
    const expected = { migrated: caseIds.slice(0, 2), failed: [{ caseId: unknown, error: 'the case is no longer running' }] };
    if (JSON.stringify({ migrated: done.migrated, failed: done.failed }) !== JSON.stringify(expected)) {
      throw new Error(`migrate-cases: the run ended ${JSON.stringify(done)}, expected ${JSON.stringify(expected)}`);
    }

    await cases[0].walk(
      () => false,
      () => ({ approved: true }),
    );
    await cases[0].finished();
    return {
      fixtures: async (name) => [{ file: `${name}.json`, history: await run.fetchHistory() }, ...(await cases[0].fixtures(`${name}.case`))],
    };
  },
};
