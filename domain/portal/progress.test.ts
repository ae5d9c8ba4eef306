import { portalProgress, portalStageDefs, type PortalStageDef, type PortalStageVisit } from './progress';

const TZ = 'Asia/Shanghai';
const c = (label: string, labelEn?: string, description?: string) => ({
  label,
  ...(labelEn ? { labelEn } : {}),
  ...(description ? { description } : {}),
});
/** 接案 (hidden) → 立案 (shown) → 证据 (hidden) → 庭审 (shown) → 判决 (shown). */
const TEMPLATE: PortalStageDef[] = [
  { id: 'intake', name: '接案' },
  { id: 'filing', name: '立案', nameEn: 'Filing', client: c('立案', 'Filing', '向法院提交起诉状') },
  { id: 'evidence', name: '证据' },
  { id: 'trial', name: '庭审', client: c('开庭审理', 'Hearing') },
  { id: 'judgment', name: '判决', client: c('判决', 'Judgment') },
];
const at = (d: string) => new Date(`${d}T02:00:00Z`);
const v = (stageId: string, entered: string, exited: string | null = null): PortalStageVisit => ({
  stageId,
  enteredAt: at(entered),
  exitedAt: exited ? at(exited) : null,
});
const statuses = (r: ReturnType<typeof portalProgress>) => r.stages.map((s) => `${s.id}:${s.status}`).join(' ');

describe('portalProgress', () => {
  const table: Array<{
    what: string;
    visits: PortalStageVisit[];
    current?: string | null;
    closed?: boolean;
    stages?: PortalStageDef[];
    want: string;
    currentStage: string | null;
  }> = [
    {
      what: 'a hidden first stage is folded into the first shown one after it',
      visits: [v('intake', '2026-01-05')],
      want: 'filing:current trial:upcoming judgment:upcoming',
      currentStage: 'filing',
    },
    {
      what: 'a hidden stage is folded into the shown stage before it',
      visits: [v('intake', '2026-01-05', '2026-01-06'), v('filing', '2026-01-06', '2026-01-09'), v('evidence', '2026-01-09')],
      want: 'filing:current trial:upcoming judgment:upcoming',
      currentStage: 'filing',
    },
    {
      what: 'the workflow says which stage is current, over the visits',
      visits: [v('filing', '2026-01-06', '2026-01-09'), v('evidence', '2026-01-09', '2026-02-01'), v('trial', '2026-02-01')],
      current: 'trial',
      want: 'filing:done trial:current judgment:upcoming',
      currentStage: 'trial',
    },
    {
      what: 'a stage skipped on the way counts as done',
      visits: [v('filing', '2026-01-06', '2026-01-09'), v('judgment', '2026-03-01')],
      current: 'judgment',
      want: 'filing:done trial:done judgment:current',
      currentStage: 'judgment',
    },
    {
      what: 'a case gone back to an earlier stage: the later one is upcoming again',
      visits: [v('filing', '2026-01-06', '2026-01-09'), v('trial', '2026-01-09', '2026-01-20'), v('filing', '2026-01-20')],
      current: 'filing',
      want: 'filing:current trial:upcoming judgment:upcoming',
      currentStage: 'filing',
    },
    {
      what: 'a closed case: every reached stage done, unreached ones left out, no current stage',
      visits: [v('filing', '2026-01-06', '2026-01-09'), v('trial', '2026-01-09', '2026-01-20')],
      closed: true,
      want: 'filing:done trial:done',
      currentStage: null,
    },
    {
      what: 'between stages (nothing open): reached stages done, the rest upcoming',
      visits: [v('filing', '2026-01-06', '2026-01-09')],
      current: null,
      want: 'filing:done trial:upcoming judgment:upcoming',
      currentStage: null,
    },
    {
      what: 'no stage with a client label: every stage under its own name',
      stages: TEMPLATE.map(({ client: _c, ...s }) => s),
      visits: [v('intake', '2026-01-05', '2026-01-06'), v('filing', '2026-01-06')],
      want: 'intake:done filing:current evidence:upcoming trial:upcoming judgment:upcoming',
      currentStage: 'filing',
    },
    {
      what: 'a case not started yet: everything upcoming',
      visits: [],
      want: 'filing:upcoming trial:upcoming judgment:upcoming',
      currentStage: null,
    },
  ];
  it.each(table)('$what', ({ visits, current, closed, stages, want, currentStage }) => {
    const r = portalProgress({ stages: stages ?? TEMPLATE, visits, currentStageId: current, closed: closed ?? false, timeZone: TZ });
    expect(statuses(r)).toBe(want);
    expect(r.currentStage?.id ?? null).toBe(currentStage);
  });

  it('uses client labels and descriptions, and dates in the firm time zone from the first entry to the last exit of the folded stages', () => {
    const r = portalProgress({
      stages: TEMPLATE,
      visits: [
        { stageId: 'intake', enteredAt: new Date('2026-01-04T17:00:00Z'), exitedAt: new Date('2026-01-06T01:00:00Z') },
        v('filing', '2026-01-06', '2026-01-09'),
        { stageId: 'evidence', enteredAt: at('2026-01-09'), exitedAt: new Date('2026-01-31T20:00:00Z') },
        v('trial', '2026-02-01'),
      ],
      currentStageId: 'trial',
      closed: false,
      timeZone: TZ,
    });
    expect(r.stages[0]).toEqual({
      id: 'filing',
      label: '立案',
      labelEn: 'Filing',
      description: '向法院提交起诉状',
      status: 'done',
      enteredOn: '2026-01-05',
      leftOn: '2026-02-01',
    });
    expect(r.stages[1]).toMatchObject({ label: '开庭审理', labelEn: 'Hearing', enteredOn: '2026-02-01', leftOn: null });
    expect(r.stages[2]).toMatchObject({ status: 'upcoming', enteredOn: null, leftOn: null });
    expect(r.currentStage).toEqual({ id: 'trial', label: '开庭审理', labelEn: 'Hearing', enteredOn: '2026-02-01' });
  });

  it('reads the stage order and nodes of a template model', () => {
    const defs = portalStageDefs({
      stages: ['a', 'b'],
      nodes: { a: { type: 'stage', name: 'A', nameEn: 'Aa', client: c('甲') }, b: { type: 'stage', name: 'B' } },
    });
    expect(defs).toEqual([
      { id: 'a', name: 'A', nameEn: 'Aa', client: { label: '甲' } },
      { id: 'b', name: 'B' },
    ]);
  });
});
