import fs from 'node:fs';
import path from 'node:path';
import { compile } from './model/compiler';
import { writeBpmn } from './tools/bpmn-writer';
import { SHIPPED_TEMPLATES } from './tools/shipped';
import { CaseInterpreter } from '../workflows/case/interpreter';
import { progressOf } from '../workflows/case/progress';
import { fakeEffects } from '../test/helpers/fake-effects';
import { walkToEnd } from '../test/helpers/walk';

const dir = __dirname;
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bpmn'))
  .sort();

/** The way through each template these golden walks take: decisions at its gateways, and the stages met. */
const PATHS: Record<string, Array<[Record<string, unknown>, string[]]>> = {
  'civil-first-instance': [
    [
      { settled: false, appeal: false, needsEnforcement: true },
      ['Stage_Filing', 'Stage_Evidence', 'Stage_Trial', 'Stage_Judgment', 'Stage_Enforcement'],
    ],
    [{ settled: true }, ['Stage_Filing', 'Stage_Evidence', 'Stage_Trial']],
    [{ appeal: true }, ['Stage_Filing', 'Stage_Evidence', 'Stage_Trial', 'Stage_Judgment', 'Stage_Appeal']],
  ],
  'civil-second-instance': [[{}, ['Stage_AppealFiling', 'Stage_SecondTrial', 'Stage_SecondJudgment']]],
  'criminal-defence': [
    [{ appeal: true }, ['Stage_Investigation', 'Stage_Prosecution', 'Stage_Trial', 'Stage_Appeal']],
    [{ appeal: false }, ['Stage_Investigation', 'Stage_Prosecution', 'Stage_Trial']],
  ],
  'administrative-litigation': [[{ appeal: false }, ['Stage_Filing', 'Stage_Answer', 'Stage_Trial']]],
  'commercial-arbitration': [
    [
      { setAside: false, needsEnforcement: true },
      ['Stage_Application', 'Stage_Tribunal', 'Stage_Hearing', 'Stage_Award', 'Stage_Enforcement'],
    ],
    [{ setAside: true }, ['Stage_Application', 'Stage_Tribunal', 'Stage_Hearing', 'Stage_Award', 'Stage_SetAside']],
  ],
  'due-diligence': [[{ approved: true }, ['Stage_Setup', 'Stage_Review', 'Stage_Report']]],
};

describe('shipped templates', () => {
  it('are the six the product promises, each generated from its description without drift', () => {
    expect(files).toEqual(SHIPPED_TEMPLATES.map((t) => `${t.id}.bpmn`).sort());
    for (const t of SHIPPED_TEMPLATES) expect(fs.readFileSync(path.join(dir, `${t.id}.bpmn`), 'utf8')).toBe(writeBpmn(t));
  });

  it.each(files)('%s compiles clean, with layout for every element', async (file) => {
    const xml = fs.readFileSync(path.join(dir, file), 'utf8');
    const r = await compile(xml);
    expect(r.errors).toEqual([]);
    for (const id of Object.keys(r.model!.nodes)) expect(xml).toContain(`bpmnElement="${id}"`);
    for (const id of Object.keys(r.model!.flows)) expect(xml).toContain(`bpmnElement="${id}"`);
    expect(r.model!.practiceArea).toBeDefined();
    expect(r.model!.caseTypes.length).toBeGreaterThan(0);
  });

  it.each(files)('%s shows every stage to the client in both languages, and tells the client of the stages that matter', async (file) => {
    const model = (await compile(fs.readFileSync(path.join(dir, file), 'utf8'))).model!;
    for (const id of model.stages) {
      const stage = model.nodes[id];
      expect(stage.type === 'stage' && stage.client).toEqual({
        label: expect.any(String),
        labelEn: expect.any(String),
        description: expect.any(String),
        descriptionEn: expect.any(String),
        notify: expect.any(Boolean),
      });
    }
    const notified = model.stages.filter((id) => {
      const n = model.nodes[id];
      return n.type === 'stage' && n.client?.notify;
    });
    // The first stage is entered when the case is opened (the client has just engaged the firm); later ones are news.
    expect(notified.length).toBeGreaterThan(0);
    expect(notified).not.toContain(model.stages[0]);
  });

  it.each(Object.entries(PATHS).flatMap(([id, paths]) => paths.map(([d, stages]) => [id, d, stages] as const)))(
    '%s walks to the end (%j)',
    async (id, decisions, stages) => {
      const model = (await compile(fs.readFileSync(path.join(dir, `${id}.bpmn`), 'utf8'))).model!;
      const fx = fakeEffects();
      const state = {
        caseId: 'c1',
        versionId: 'v1',
        timeZone: 'Asia/Shanghai',
        model,
        variables: {
          practiceArea: model.practiceArea,
          caseType: model.caseTypes[0],
          clientIsAppellant: true,
          firstJudgmentServedAt: '2026-09-10',
          arrestedAt: '2026-08-01',
          actKnownAt: '2026-09-01',
        },
        seq: 0,
        status: 'running' as const,
        tokens: [],
        tasks: {},
        stages: [],
        joins: {},
        events: [],
        completedTasks: 0,
        startedAt: 0,
      };
      const it = new CaseInterpreter(state, fx, () => Date.parse('2026-09-01T01:00:00Z'));
      await it.start();
      const done = await walkToEnd(
        {
          progress: async () => progressOf(state),
          complete: async (t, outputs) => void (await it.completeTask({ instanceId: t.instanceId, outputs, by: 'u' })),
          event: async (name, date) => void (await it.recordCaseEvent({ name, date, by: 'u', key: name })),
        },
        decisions,
      );
      expect(state.status).toBe('completed');
      expect(done.length).toBeGreaterThan(2);
      expect(fx.of('raiseBillingEvent').length).toBeGreaterThan(0);
      expect(fx.of('recordStageEntry').map((s) => s.stageId)).toEqual(stages);
      expect(fx.of('recordStageExit')).toHaveLength(stages.length);
      expect(fx.of('finishCase')).toHaveLength(1);
    },
  );
});
