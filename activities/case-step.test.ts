import { createActivities } from '.';
import { compileOrThrow, insertTestCase } from '../test/helpers/engine';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { seedDemo } from '../test/helpers/users';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import type { NodeOf } from '../process-templates/model/schema';
import { DATA_ERROR_FAILURE } from '../workflows/definitions';

let tdb: TestDatabase;
let acts: ReturnType<typeof createActivities>;
let node: NodeOf<'userTask'>;
let caseId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  acts = createActivities({ db: tdb.db, publicUrl: 'http://lexflow.test' });
  const m = await compileOrThrow(
    bpmn(
      `<bpmn:startEvent id="S"/><bpmn:userTask id="T" name="提交答辩状" lexflow:due="P15D"/><bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}`,
    ),
  );
  node = m.nodes.T as NodeOf<'userTask'>;
  ({ caseId } = await insertTestCase(tdb.db));
});
afterAll(() => tdb.drop());

const rows = async (table: string, where: Record<string, unknown>) => Number((await tdb.db(table).where(where).count('* as n').first())!.n);
const entry = (stageInstanceId: string) => ({
  name: 'recordStageEntry' as const,
  input: { caseId, stageInstanceId, stageId: 'T', stageName: '阶段', at: Date.parse('2026-09-05T02:00:00Z') },
});
const open = (instanceId: string) => ({
  name: 'openTask' as const,
  input: {
    caseId,
    instanceId,
    node,
    stageInstanceId: null,
    startedAt: Date.parse('2026-09-05T02:00:00Z'),
    stageStartedAt: 0,
    variables: {},
    timeZone: 'Asia/Shanghai',
  },
});

describe('applyCaseStep: a step of the case as one transaction', () => {
  it('applies the effects in order and answers the last one; run again (a retry), it writes nothing twice', async () => {
    const step = { effects: [entry('s1'), open('t1')] };
    const first = await acts.applyCaseStep(step);
    const again = await acts.applyCaseStep(step);
    expect(first.effects).toEqual(['recordStageEntry', 'openTask']);
    expect((again.answer as { taskId: string }).taskId).toBe((first.answer as { taskId: string }).taskId);
    expect(await rows('stage_history', { case_id: caseId, stage_instance_id: 's1' })).toBe(1);
    expect(await rows('tasks', { case_id: caseId, workflow_task_id: 't1' })).toBe(1);
  });

  it('is all or nothing: a write the database refuses undoes the step’s earlier writes (and fails for good)', async () => {
    const refused = { ...entry('s3'), input: { ...entry('s3').input, stageName: 'x'.repeat(10) + '\u0000' } };
    await expect(acts.applyCaseStep({ effects: [entry('s2'), open('t2'), refused] })).rejects.toMatchObject({
      type: DATA_ERROR_FAILURE,
      nonRetryable: true,
    });
    expect(await rows('stage_history', { case_id: caseId, stage_instance_id: 's2' })).toBe(0);
    expect(await rows('tasks', { case_id: caseId, workflow_task_id: 't2' })).toBe(0);
  });
});
