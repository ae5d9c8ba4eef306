import { createActivities } from '.';
import { saveStaffProfile } from '../db/repositories/staff-profiles';
import { compileOrThrow, insertTestCase } from '../test/helpers/engine';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { seedDemo } from '../test/helpers/users';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import type { NodeOf } from '../process-templates/model/schema';

/**
 * An overdue task escalates to its assignee's supervisor (staff profile) when one is set and
 * active; otherwise to the role the template names — `supervisor` without one: the partners.
 */
let tdb: TestDatabase;
let acts: ReturnType<typeof createActivities>;
let node: NodeOf<'userTask'>;
let zhangId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  acts = createActivities({ db: tdb.db, publicUrl: 'http://lexflow.test' });
  const m = await compileOrThrow(
    bpmn(
      `<bpmn:startEvent id="S"/><bpmn:userTask id="T" name="提交答辩状" lexflow:due="P15D" lexflow:escalateAfter="P1D" lexflow:escalateTo="supervisor"/><bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}`,
    ),
  );
  node = m.nodes.T as NodeOf<'userTask'>;
  expect(node.escalation).toEqual({ after: 'P1D', toRole: 'supervisor' });
  zhangId = (await tdb.db('users').where({ email: 'zhang.ting@demo.lexflow' }).first('id')).id;
});
afterAll(() => tdb.drop());

/** A case whose task t1 (assigned to the lead, 李明) escalates to `toRole`; answers who was mailed. */
async function escalate(toRole: 'supervisor' | 'partner' | 'lead') {
  const { caseId } = await insertTestCase(tdb.db);
  const start = Date.parse('2026-09-05T02:00:00Z');
  await acts.openTask({
    caseId,
    instanceId: 't1',
    node,
    stageInstanceId: null,
    startedAt: start,
    stageStartedAt: 0,
    variables: {},
    timeZone: 'Asia/Shanghai',
  });
  const alert = {
    caseId,
    instanceId: 't1',
    kind: 'escalation' as const,
    index: 0,
    at: start + 20 * 86_400_000,
    dueAt: start + 19 * 86_400_000,
    toRole,
  };
  await acts.taskAlert(alert);
  await acts.taskAlert(alert);
  const to = await tdb.db('email_outbox').where('key', 'like', `task:${caseId}:t1:escalation%`).orderBy('to_address').pluck('to_address');
  const noticed = await tdb
    .db('notifications as n')
    .join('users as u', 'u.id', 'n.user_id')
    .where({ 'n.case_id': caseId, 'n.kind': 'escalation' })
    .pluck('u.email');
  return { to, noticed };
}

const liMingId = async () => (await tdb.db('users').where({ email: 'li.ming@demo.lexflow' }).first('id')).id as string;

describe('escalation target', () => {
  it('without a supervisor: the template role (supervisor → the partners)', async () => {
    expect(await escalate('supervisor')).toEqual({ to: ['partner@demo.lexflow'], noticed: ['partner@demo.lexflow'] });
    expect((await escalate('lead')).to).toEqual(['li.ming@demo.lexflow']);
  });

  it("with one: the assignee's supervisor, whatever role the template names, once per retry", async () => {
    await saveStaffProfile(tdb.db, await liMingId(), { supervisorId: zhangId });
    expect(await escalate('partner')).toEqual({ to: ['zhang.ting@demo.lexflow'], noticed: ['zhang.ting@demo.lexflow'] });
    expect((await escalate('supervisor')).to).toEqual(['zhang.ting@demo.lexflow']);
  });

  it('a supervisor who has left does not receive it: the template role does', async () => {
    await saveStaffProfile(tdb.db, await liMingId(), { supervisorId: zhangId });
    await tdb.db('users').where({ id: zhangId }).update({ active: false });
    try {
      expect((await escalate('partner')).to).toEqual(['partner@demo.lexflow']);
    } finally {
      await tdb.db('users').where({ id: zhangId }).update({ active: true });
    }
  });
});
