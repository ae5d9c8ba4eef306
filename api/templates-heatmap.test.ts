import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { eventually } from '../test/helpers/engine';

/**
 * The case heat map of a template: per diagram node, the open cases sitting there now and the
 * median time they have spent there, from stage_history and tasks — cases really run by the
 * engine, then their entry times moved into the past so the medians are known.
 */
let stack: ApiStack;
const DAY = 86_400_000;
const KEY = 'dd-heat';

beforeAll(async () => {
  stack = await startApiStack('heatmap', { historical: 0 });
  const { partner } = stack.as;
  expect((await partner.post('/api/v1/process-templates', { key: KEY, name: '尽调（分布）', copyFrom: 'due-diligence' })).status).toBe(201);
  const draft: string = (await partner.get(`/api/v1/process-templates/${KEY}`)).body.draftXml;
  await partner.request('PUT', `/api/v1/process-templates/${KEY}/draft`, { raw: draft, contentType: 'application/xml' });
  expect((await partner.post(`/api/v1/process-templates/${KEY}/publish`, { changeNote: 'v1' })).status).toBe(201);
}, 120_000);
afterAll(async () => stack?.close());

async function openCase(title: string): Promise<string> {
  const lawyer = stack.as['li.ming'];
  const client = await stack.tdb.db('clients').first();
  const r = await lawyer.post('/api/v1/cases', {
    title,
    clientId: client.id,
    practiceArea: 'non_litigation',
    caseType: 'compliance_review',
    leadLawyerId: stack.ids['li.ming'],
    team: [{ userId: stack.ids.partner, role: 'partner' }],
    templateKey: KEY,
  });
  expect(r.status).toBe(201);
  await eventually(async () => (await stack.tdb.db('tasks').where({ case_id: r.body.id, node_id: 'Task_Engagement' })).length === 1);
  return r.body.id;
}

/** Moves a stage visit of a case into the past (entered / left so many days ago). */
async function backdate(caseId: string, stageId: string, enteredDaysAgo: number, exitedDaysAgo?: number) {
  const now = Date.now();
  const n = await stack.tdb
    .db('stage_history')
    .where({ case_id: caseId, stage_id: stageId })
    .update({
      entered_at: new Date(now - enteredDaysAgo * DAY),
      ...(exitedDaysAgo !== undefined ? { exited_at: new Date(now - exitedDaysAgo * DAY) } : {}),
    });
  expect(n).toBe(1);
}

const near = (ms: number | null, days: number) => {
  expect(ms).not.toBeNull();
  // Open visits are measured to the request: allow a minute for the test's own run time.
  expect(Math.abs(ms! - days * DAY)).toBeLessThan(60_000);
};

describe('the template heat map', () => {
  it('counts open cases per stage and task and gives the median time spent there; closed cases drop out', async () => {
    const { partner } = stack.as;
    const a = await openCase('热力图案件甲');
    const b = await openCase('热力图案件乙');
    const c = await openCase('热力图案件丙');
    // B and C leave the set-up stage: the partner approves their engagement.
    for (const id of [b, c]) {
      const task = await stack.tdb.db('tasks').where({ case_id: id, node_id: 'Task_Engagement' }).first();
      expect((await partner.post(`/api/v1/tasks/${task.id}/complete`, { outputs: {} })).status).toBe(200);
      await eventually(async () => (await stack.tdb.db('tasks').where({ case_id: id, node_id: 'Task_Corporate' })).length === 1);
      await eventually(async () =>
        Boolean(await stack.tdb.db('stage_history').where({ case_id: id, stage_id: 'Stage_Setup' }).whereNotNull('exited_at').first()),
      );
    }
    await backdate(a, 'Stage_Setup', 3);
    await backdate(b, 'Stage_Setup', 10, 6);
    await backdate(c, 'Stage_Setup', 10, 8);
    await backdate(b, 'Stage_Review', 2);
    await backdate(c, 'Stage_Review', 6);

    const r = await partner.get(`/api/v1/process-templates/${KEY}/heatmap`);
    expect(r.status).toBe(200);
    expect(r.body.totalOpenCases).toBe(3);
    const node = (id: string) => r.body.nodes.find((n: { nodeId: string }) => n.nodeId === id);
    expect(node('Stage_Setup')).toMatchObject({ kind: 'stage', openCases: 1, doneVisits: 2 });
    near(node('Stage_Setup').medianOpenMs, 3);
    // Finished visits: 4 days and 2 days.
    expect(node('Stage_Setup').medianDoneMs).toBe(3 * DAY);
    expect(node('Stage_Review')).toMatchObject({ kind: 'stage', openCases: 2, doneVisits: 0, medianDoneMs: null });
    near(node('Stage_Review').medianOpenMs, 4);
    expect(node('Task_Engagement')).toMatchObject({ kind: 'task', openCases: 1, doneVisits: 2 });
    expect(node('Task_Corporate')).toMatchObject({ kind: 'task', openCases: 2 });
    expect(node('Stage_Report')).toBeUndefined();

    // A closed case no longer sits anywhere; its finished visits still count.
    await stack.tdb.db('cases').where({ id: c }).update({ status: 'closed' });
    const after = (await partner.get(`/api/v1/process-templates/${KEY}/heatmap`)).body;
    expect(after.totalOpenCases).toBe(2);
    const review = after.nodes.find((n: { nodeId: string }) => n.nodeId === 'Stage_Review');
    expect(review.openCases).toBe(1);
    near(review.medianOpenMs, 2);
    expect(after.nodes.find((n: { nodeId: string }) => n.nodeId === 'Stage_Setup').medianDoneMs).toBe(3 * DAY);
  });

  it('is for managers: a lawyer is refused, an unknown template is not found', async () => {
    expect((await stack.as['li.ming'].get(`/api/v1/process-templates/${KEY}/heatmap`)).status).toBe(403);
    expect((await stack.as.admin.get(`/api/v1/process-templates/${KEY}/heatmap`)).status).toBe(200);
    expect((await stack.as.partner.get('/api/v1/process-templates/no-such-template/heatmap')).status).toBe(404);
  });
});
