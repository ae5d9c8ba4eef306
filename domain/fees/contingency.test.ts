import {
  BAN_BASIS,
  CAP_BASIS,
  checkContingencyFee,
  CONTINGENCY_TIERS,
  contingencyBan,
  contingencyCapFen,
  type ContingencyBanCode,
  type ContingencyFacts,
} from './index';

const YUAN = 100;
const WAN = 10_000 * YUAN;
const civil = (causeOfAction: string | null, caseType = 'first_instance', more: Partial<ContingencyFacts> = {}): ContingencyFacts => ({
  practiceArea: 'civil',
  caseType,
  causeOfAction,
  amountInDisputeFen: 50 * WAN,
  ...more,
});

/** [what, facts, family refused, article of the 办法 the basis cites] */
const REFUSED: [string, ContingencyFacts, ContingencyBanCode, 11 | 12][] = [
  [
    'criminal practice area',
    { practiceArea: 'criminal', caseType: 'defence', causeOfAction: '合同诈骗罪', amountInDisputeFen: 300 * WAN },
    'criminal',
    12,
  ],
  [
    'administrative practice area',
    { practiceArea: 'administrative', caseType: 'first_instance', amountInDisputeFen: 80 * WAN },
    'administrative',
    12,
  ],
  ['刑事附带民事 filed as civil', civil('刑事附带民事赔偿'), 'criminal', 12],
  ['state compensation case type', civil(null, 'state_compensation'), 'state-compensation', 12],
  ['国家赔偿 in the 案由', civil('刑事赔偿（国家赔偿）'), 'state-compensation', 12],
  ['collective flag (群体性诉讼)', civil('证券虚假陈述责任纠纷', 'first_instance', { collective: true }), 'collective', 12],
  ['class action case type', civil('证券虚假陈述责任纠纷', 'class_action'), 'collective', 12],
  ['离婚纠纷', civil('离婚纠纷'), 'marriage', 11],
  ['离婚后财产纠纷', civil('离婚后财产纠纷'), 'marriage', 11],
  ['婚约财产纠纷 (彩礼)', civil('婚约财产纠纷'), 'marriage', 11],
  ['夫妻财产约定纠纷', civil('夫妻财产约定纠纷'), 'marriage', 11],
  ['同居关系析产纠纷', civil('同居关系析产纠纷'), 'marriage', 11],
  ['同居关系子女抚养纠纷 is marriage first', civil('同居关系子女抚养纠纷'), 'marriage', 11],
  ['divorce case type, no 案由', civil(null, 'divorce'), 'marriage', 11],
  ['法定继承纠纷', civil('法定继承纠纷'), 'succession', 11],
  ['遗嘱继承纠纷', civil('遗嘱继承纠纷'), 'succession', 11],
  ['遗赠扶养协议纠纷 is succession first', civil('遗赠扶养协议纠纷'), 'succession', 11],
  ['分割遗产', civil('共有物分割纠纷（分割遗产）'), 'succession', 11],
  ['inheritance case type', civil(null, 'inheritance_dispute'), 'succession', 11],
  ['养老保险待遇纠纷', civil('养老保险待遇纠纷'), 'social-security', 11],
  ['工伤保险待遇纠纷 is a social insurance benefit', civil('工伤保险待遇纠纷'), 'social-security', 11],
  ['社会保险纠纷', civil('社会保险纠纷'), 'social-security', 11],
  ['最低生活保障待遇', civil('请求给予最低生活保障待遇'), 'social-security', 11],
  ['social insurance case type', civil(null, 'social_insurance'), 'social-security', 11],
  ['赡养费纠纷', civil('赡养费纠纷'), 'family-support', 11],
  ['抚养费纠纷', civil('抚养费纠纷'), 'family-support', 11],
  ['扶养费纠纷', civil('扶养费纠纷'), 'family-support', 11],
  ['child support case type', civil(null, 'child_support'), 'family-support', 11],
  ['抚恤金', civil('请求给付抚恤金'), 'pension-relief', 11],
  ['救济金', civil('救济金给付纠纷'), 'pension-relief', 11],
  ['工伤赔偿', civil('劳动争议（工伤赔偿）'), 'work-injury', 11],
  ['职业病', civil('职业病待遇赔偿'), 'work-injury', 11],
  ['work injury case type', civil(null, 'work_injury'), 'work-injury', 11],
  ['追索劳动报酬纠纷', civil('追索劳动报酬纠纷'), 'labour-remuneration', 11],
  ['劳动合同纠纷 about unpaid wages', civil('劳动合同纠纷（拖欠工资）'), 'labour-remuneration', 11],
  ['加班费', civil('劳动争议（加班费）'), 'labour-remuneration', 11],
  ['labour arbitration for wages', { ...civil('追索劳动报酬纠纷'), practiceArea: 'arbitration' }, 'labour-remuneration', 11],
  ['unpaid wages case type', civil(null, 'unpaid_wages'), 'labour-remuneration', 11],
];

describe('contingencyBan refuses each banned family with its basis', () => {
  it.each(REFUSED)('%s', (_what, facts, code, article) => {
    const ban = contingencyBan(facts);
    expect(ban?.code).toBe(code);
    expect(ban?.basis).toEqual(BAN_BASIS[article]);
    expect(ban?.reason.zh).toContain(ban?.family.zh);
    expect(ban?.reason.en).toContain(ban?.family.en);
    expect(`${ban?.reason.zh}${ban?.reason.en}${ban?.basis.zh}${ban?.basis.en}`).not.toMatch(/[{}]/);
  });

  it('names the article of the 办法 and item (五) of the 2021 意见 in both languages', () => {
    expect(BAN_BASIS[11].zh).toBe('《律师服务收费管理办法》第十一条；《关于进一步规范律师服务收费的意见》（2021）第（五）项');
    expect(BAN_BASIS[12].zh).toContain('第十二条');
    expect(BAN_BASIS[11].en).toMatch(/art\. 11; .*\(2021\) item \(5\)$/);
    expect(BAN_BASIS[12].en).toMatch(/art\. 12;/);
  });

  it.each([
    ['no amount in dispute', civil('买卖合同纠纷', 'first_instance', { amountInDisputeFen: null })],
    ['an amount of 0', civil('名誉权纠纷', 'first_instance', { amountInDisputeFen: 0 })],
  ])('refuses a matter with no property relationship: %s', (_what, facts) => {
    const ban = contingencyBan(facts);
    expect(ban?.code).toBe('no-property');
    expect(ban?.basis.zh).toContain('第十一条');
    expect(ban?.basis.zh).toContain('财产关系');
  });
});

describe('contingencyBan allows property-related cases outside the banned families', () => {
  it.each<[string, ContingencyFacts]>([
    ['买卖合同纠纷', civil('买卖合同纠纷', 'first_instance')],
    ['民间借贷纠纷, loan case type', civil('民间借贷纠纷', 'loan_dispute')],
    ['a creditor’s claim on a couple’s joint debt', civil('民间借贷纠纷（夫妻共同债务）')],
    ['劳动合同纠纷 for severance, not wages', civil('劳动合同纠纷（经济补偿金）', 'labour_contract')],
    ['机动车交通事故 is not 工伤', civil('机动车交通事故责任纠纷', 'traffic_accident')],
    ['劳务合同 pay is not 劳动报酬', civil('劳务合同纠纷（劳务报酬）')],
    ['监护人责任纠纷 is a tort, not guardianship', civil('监护人责任纠纷')],
    ['real estate is not an estate', civil('房屋买卖合同纠纷', 'real_estate')],
    ['equipment maintenance is not maintenance payments', civil('承揽合同纠纷', 'equipment_maintenance')],
    ['非物质文化遗产 is not an estate', civil('著作权权属纠纷（非物质文化遗产）')],
    ['保险人代位求偿 is not a social insurance benefit', civil('保险人代位求偿权纠纷')],
    [
      'commercial arbitration',
      { practiceArea: 'arbitration', caseType: 'commercial', causeOfAction: '建设工程施工合同纠纷', amountInDisputeFen: 2000 * WAN },
    ],
    [
      'non-litigation debt recovery',
      { practiceArea: 'non_litigation', caseType: 'debt_recovery', causeOfAction: null, amountInDisputeFen: 10 * WAN },
    ],
  ])('%s', (_what, facts) => {
    expect(contingencyBan(facts)).toBeNull();
  });
});

describe('contingencyCapFen: the 2021 tiers, exact in fen, rounded down', () => {
  /** [标的额 in fen, cap in fen] — each tier boundary, one fen either side, ¥0 and the largest safe amount. */
  it.each<[number, number]>([
    [0, 0],
    [1, 0],
    [6, 1],
    [100 * WAN - 1, 17_999_999],
    [100 * WAN, 18 * WAN],
    [100 * WAN + 1, 18 * WAN],
    [100 * WAN + 7, 18 * WAN + 1],
    [500 * WAN - 1, 77_999_999],
    [500 * WAN, 78 * WAN],
    [500 * WAN + 1, 78 * WAN],
    [1000 * WAN - 1, 137_999_999],
    [1000 * WAN, 138 * WAN],
    [1000 * WAN + 1, 138 * WAN],
    [5000 * WAN - 1, 497_999_999],
    [5000 * WAN, 498 * WAN],
    [5000 * WAN + 1, 498 * WAN],
    [6000 * WAN, 558 * WAN],
    [Number.MAX_SAFE_INTEGER, 540_432_153_284_459],
  ])('%i fen → %i fen', (amount, cap) => {
    expect(contingencyCapFen(amount)).toBe(cap);
  });

  it('the tiers are contiguous and never above the 30 % ceiling', () => {
    CONTINGENCY_TIERS.slice(1).forEach((tier, i) => expect(tier.fromFen).toBe(CONTINGENCY_TIERS[i].toFen));
    expect(Math.max(...CONTINGENCY_TIERS.map((t) => t.rateBp))).toBeLessThan(3000);
  });

  it.each([-1, 0.5, Number.NaN])('refuses %p', (amount) => {
    expect(() => contingencyCapFen(amount)).toThrow(RangeError);
  });
});

describe('checkContingencyFee: the fee at full recovery against the cap', () => {
  it.each<[string, number, number, number, number | null]>([
    ['18 % of ¥1,000,000 is the cap itself', 0, 1800, 100 * WAN, null],
    ['18.01 % of ¥1,000,000', 0, 1801, 100 * WAN, 18 * WAN],
    ['one fen of base above the cap', 1, 1800, 100 * WAN, 18 * WAN],
    ['15.6 % of ¥5,000,000 is the cap itself', 0, 1560, 500 * WAN, null],
    ['¥100,000 base + 14 % of ¥5,000,000 (¥800,000)', 10 * WAN, 1400, 500 * WAN, 78 * WAN],
    ['¥1,380,000 on ¥10,000,000, all base', 138 * WAN, 1, 1000 * WAN, 138 * WAN],
    ['9.96 % of ¥50,000,000 is the cap itself', 0, 996, 5000 * WAN, null],
    ['rounded up above a cap rounded down: 18 % of ¥9.99', 0, 1800, 999, 179],
  ])('%s', (_what, baseFeeFen, percentBp, amountInDisputeFen, capFen) => {
    const problem = checkContingencyFee({ baseFeeFen, percentBp, amountInDisputeFen }, 'components[0]');
    if (capFen === null) return expect(problem).toBeNull();
    expect(problem).toMatchObject({ code: 'contingency-cap-exceeded', path: 'components[0]', capFen, basis: CAP_BASIS });
  });

  it('says the total and the cap in both languages, and cites item (六) and 第十三条', () => {
    const problem = checkContingencyFee({ baseFeeFen: 0, percentBp: 2000, amountInDisputeFen: 100 * WAN });
    expect(problem?.message.zh).toContain('¥200,000.00');
    expect(problem?.message.zh).toContain('¥180,000.00');
    expect(problem?.message.en).toContain('¥180,000.00');
    expect(problem?.basis?.zh).toBe('《关于进一步规范律师服务收费的意见》（2021）第（六）项；《律师服务收费管理办法》第十三条');
    expect(problem?.message.zh).not.toMatch(/[{}]/);
  });
});
