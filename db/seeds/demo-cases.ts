import { CASE_NUMBER_PREFIX } from '../../domain/records';
import type { Db } from '../connection';
import { seededRandom, type SeededRandom } from '../factories/seeded-random';
import { insertParties, type PartyInput } from '../repositories/case-parties';
import { reindexCase } from '../repositories/case-search';
import { addCaseMembers, nextCaseNumber } from '../repositories/cases';
import { insertClient, type NewClient } from '../repositories/clients';
import { insertNote } from '../repositories/case-notes';
import { insertCommunication } from '../repositories/communications';
import { insertTag, listTags, setCaseTags } from '../repositories/tags';
import { matchVersion } from '../repositories/templates';
import { loadHolidayCalendar } from '../repositories/holidays';
import type { HolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { seedDemoEvents, seedPartnersMeetings } from './demo-calendar';
import { demoTimeline, walkDemoCase, type WalkHooks } from './demo-walk';
import { settleAlerts } from './demo-backdate';
import { yuanToFen } from '../../domain/money';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { DEMO_TZ, demoInstant, workingDay } from './demo-calendar';

/**
 * The demo firm's case load: clients, tag vocabularies, about thirty closed historical cases
 * (recorded stage by stage, as a firm migrating its files would have them) and active cases
 * opened through the real intake so they run as workflows. All names, numbers and facts are
 * fictitious. Runs once: nothing happens if the firm has cases.
 */

export interface ActiveCaseInput {
  title: string;
  clientId: string;
  practiceArea: string;
  caseType: string;
  causeOfAction: string;
  court?: string;
  amountInDisputeFen?: number;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  leadLawyerId: string;
  team: Array<{ userId: string; role: 'lawyer' | 'assistant' | 'partner' }>;
  description: string;
  parties: Array<PartyInput & { role: 'opposing' | 'third_party' | 'related' }>;
  tagIds: string[];
}

export interface DemoCaseHooks extends WalkHooks {
  /** Opens a case through the intake (conflict check, template, workflow); returns its id. */
  openCase(input: ActiveCaseInput, byUserId: string): Promise<string>;
}

const COMPANIES: NewClient[] = [
  {
    kind: 'organisation',
    name: '杭州云帆电子商务有限公司',
    idNumber: '91330106MA2B1C2D3E',
    phone: '0571-8866 1200',
    address: '杭州市西湖区文三路 90 号',
    source: 'website',
    tags: ['长期顾问单位'],
  },
  {
    kind: 'organisation',
    name: '苏州恒远精密机械股份有限公司',
    idNumber: '91320594MA1N2P3Q4R',
    phone: '0512-6288 3300',
    address: '苏州工业园区星湖街 218 号',
    source: 'referral',
  },
  {
    kind: 'organisation',
    name: '广州南粤物流集团有限公司',
    idNumber: '91440101MA5C6D7E8F',
    phone: '020-3888 4400',
    address: '广州市天河区珠江新城花城大道 66 号',
    source: 'event',
  },
  {
    kind: 'organisation',
    name: '成都锦城置业有限公司',
    idNumber: '91510104MA6G7H8J9K',
    phone: '028-8555 6600',
    address: '成都市锦江区红星路三段 1 号',
    source: 'referral',
  },
  {
    kind: 'organisation',
    name: '南京紫金生物医药科技有限公司',
    idNumber: '91320113MA1Q2R3S4T',
    phone: '025-8322 7700',
    address: '南京市栖霞区仙林大道 10 号',
    source: 'existing-client',
  },
  {
    kind: 'organisation',
    name: '武汉长江新能源汽车有限公司',
    idNumber: '91420100MA4U5V6W7X',
    phone: '027-8777 8800',
    address: '武汉市经济技术开发区东风大道 8 号',
    source: 'website',
  },
  {
    kind: 'organisation',
    name: 'Brightwater Trading (Shanghai) Co., Ltd.',
    idNumber: '91310000MA1FL2X3Y4',
    phone: '021-6100 9900',
    address: '上海市静安区南京西路 1601 号',
    source: 'referral',
    tags: ['涉外'],
  },
];
const PEOPLE: NewClient[] = [
  { kind: 'person', name: '陈志强', idNumber: '320102198203154513', phone: '139 1234 5601', source: 'walk-in' },
  { kind: 'person', name: '黄雅琴', idNumber: '440304199011223326', phone: '138 2345 6702', source: 'referral' },
  { kind: 'person', name: '吴国平', idNumber: '330106197507084419', phone: '137 3456 7803', source: 'website' },
  { kind: 'person', name: '孙晓燕', idNumber: '110105198612126624', phone: '136 4567 8904', source: 'referral' },
  { kind: 'person', name: '马文斌', idNumber: '510104199305207735', phone: '135 5678 9005', source: 'walk-in' },
  { kind: 'person', name: '郑丽', idNumber: '420106198808088842', phone: '186 6789 0106', source: 'existing-client' },
];
/** Counterparties; 深圳市鹏程贸易有限公司 (法定代表人 林国栋) is the other side of a closed case. */
const OPPONENTS: Array<{ kind: 'person' | 'organisation'; name: string; idNumber?: string; representative?: string }> = [
  { kind: 'organisation', name: '深圳市鹏程贸易有限公司', idNumber: '91440300MA5DPCMY3L', representative: '林国栋' },
  { kind: 'organisation', name: '上海申达建筑装饰工程有限公司', representative: '顾建华' },
  { kind: 'organisation', name: '天津滨海融资租赁有限公司', representative: '刘振华' },
  { kind: 'organisation', name: '北京京师餐饮管理有限公司', representative: '何静' },
  { kind: 'organisation', name: '重庆山城物业服务有限公司', representative: '唐伟' },
  { kind: 'organisation', name: '宁波东海船务有限公司', representative: '邵海波' },
  { kind: 'organisation', name: '西安古城文化传媒有限公司', representative: '杜鹏' },
  { kind: 'organisation', name: '厦门鹭岛进出口有限公司', representative: '蔡明' },
  { kind: 'person', name: '赵大勇' },
  { kind: 'person', name: '钱玉兰' },
  { kind: 'person', name: '许志明' },
  { kind: 'person', name: '冯晓东' },
  { kind: 'person', name: '韩梅' },
  { kind: 'person', name: '杨帆' },
];
const COURTS = {
  civil: [
    '上海市浦东新区人民法院',
    '北京市朝阳区人民法院',
    '杭州市西湖区人民法院',
    '广州市天河区人民法院',
    '深圳市南山区人民法院',
    '苏州工业园区人民法院',
    '成都市锦江区人民法院',
    '上海市第一中级人民法院',
  ],
  civil2: ['上海市第一中级人民法院', '北京市第三中级人民法院', '广州市中级人民法院', '杭州市中级人民法院'],
  criminal: ['上海市浦东新区人民法院', '北京市海淀区人民法院', '杭州市上城区人民法院'],
  administrative: ['上海铁路运输法院', '北京市第四中级人民法院', '杭州铁路运输法院'],
  arbitration: ['上海国际仲裁中心', '中国国际经济贸易仲裁委员会', '北京仲裁委员会', '深圳国际仲裁院'],
  non_litigation: [''],
} as const;
const CIVIL_CAUSES = [
  { cause: '买卖合同纠纷', contract: '《设备采购合同》', claim: '支付货款及逾期付款违约金' },
  { cause: '民间借贷纠纷', contract: '《借款协议》', claim: '归还借款本金及利息' },
  { cause: '房屋租赁合同纠纷', contract: '《房屋租赁合同》', claim: '支付拖欠租金并腾退房屋' },
  { cause: '建设工程施工合同纠纷', contract: '《建设工程施工合同》', claim: '支付工程款及停工损失' },
  { cause: '股权转让纠纷', contract: '《股权转让协议》', claim: '支付股权转让款' },
  { cause: '服务合同纠纷', contract: '《技术服务合同》', claim: '支付服务费并赔偿损失' },
  { cause: '侵害商标权纠纷', contract: '注册商标专用权', claim: '停止侵权并赔偿经济损失' },
  { cause: '劳动争议', contract: '《劳动合同》', claim: '支付违法解除劳动合同赔偿金' },
  { cause: '物业服务合同纠纷', contract: '《物业服务合同》', claim: '支付物业服务费' },
  { cause: '融资租赁合同纠纷', contract: '《融资租赁合同》', claim: '确认合同解除并返还租赁物' },
] as const;
const CRIMINAL_CAUSES = ['合同诈骗罪', '职务侵占罪', '非法吸收公众存款罪', '危险驾驶罪'] as const;
const ADMIN_CAUSES = [
  { cause: '行政处罚', detail: '市场监督管理局作出的罚款决定' },
  { cause: '政府信息公开', detail: '区住房和城乡建设委员会不予公开的答复' },
  { cause: '房屋征收补偿', detail: '区人民政府作出的征收补偿决定' },
] as const;
const ARB_CAUSES = ['股权转让合同争议', '国际货物买卖合同争议', '合资经营合同争议'] as const;
const DD_CAUSES = ['并购尽职调查', 'A 轮融资法律尽职调查'] as const;
const OUTCOMES = {
  civil: ['胜诉', '部分胜诉', '调解结案', '撤诉', '和解结案'],
  criminal: ['不起诉', '判处缓刑', '改变罪名，从轻判处'],
  administrative: ['撤销行政行为', '确认违法', '驳回诉讼请求'],
  arbitration: ['裁决支持全部仲裁请求', '裁决部分支持', '和解撤案'],
  non_litigation: ['出具尽职调查报告'],
} as const;
const TAGS = [
  { vocabulary: 'tag', name: '重大案件', color: '#C62828' },
  { vocabulary: 'tag', name: '涉外', color: '#1565C0' },
  { vocabulary: 'tag', name: '长期顾问单位', color: '#2E7D32' },
  { vocabulary: 'tag', name: '群体性纠纷', color: '#6A1B9A' },
  { vocabulary: 'tag', name: '需合伙人复核', color: '#EF6C00' },
  { vocabulary: 'category', name: '合同纠纷', color: null },
  { vocabulary: 'category', name: '劳动人事', color: null },
  { vocabulary: 'category', name: '知识产权', color: null },
  { vocabulary: 'category', name: '公司股权', color: null },
  { vocabulary: 'category', name: '刑事合规', color: null },
  { vocabulary: 'category', name: '房地产建设工程', color: null },
] as const;
const CATEGORY_OF: Record<string, string> = {
  买卖合同纠纷: '合同纠纷',
  民间借贷纠纷: '合同纠纷',
  服务合同纠纷: '合同纠纷',
  融资租赁合同纠纷: '合同纠纷',
  物业服务合同纠纷: '合同纠纷',
  房屋租赁合同纠纷: '房地产建设工程',
  建设工程施工合同纠纷: '房地产建设工程',
  股权转让纠纷: '公司股权',
  侵害商标权纠纷: '知识产权',
  劳动争议: '劳动人事',
  股权转让合同争议: '公司股权',
  合资经营合同争议: '公司股权',
  国际货物买卖合同争议: '合同纠纷',
};

const DAY = 86_400_000;

interface Plan {
  area: 'civil' | 'criminal' | 'administrative' | 'arbitration' | 'non_litigation';
  caseType: string;
  title: string;
  cause: string;
  court?: string;
  amountFen?: number;
  description: string;
  parties: ActiveCaseInput['parties'];
  category?: string;
}

type Opponent = (typeof OPPONENTS)[number];

function plan(r: SeededRandom, client: { name: string; kind: string }, i: number, opp: Opponent = OPPONENTS[i % OPPONENTS.length]): Plan {
  const oppParty = {
    role: 'opposing' as const,
    kind: opp.kind,
    name: opp.name,
    idNumber: opp.idNumber ?? null,
    representative: opp.representative ?? null,
  };
  const kind = i % 10;
  if (kind <= 5) {
    const c = CIVIL_CAUSES[(i * 7) % CIVIL_CAUSES.length];
    const amount = r.int(8, 900) * 10_000;
    const second = kind === 5;
    const year = r.int(2022, 2025);
    const description =
      `${client.name}与${opp.name}${c.cause}一案。${year}年${r.int(1, 12)}月，双方签订${c.contract}，` +
      `${opp.name}未按约履行义务，经多次催告仍未改正。我方代理${client.name}主张${c.claim}，涉案金额人民币${amount.toLocaleString('en-US')}元。` +
      (second ? '一审判决后对方不服提起上诉，我方作为被上诉人代理二审。' : '已收集合同原件、往来函件及付款凭证，拟申请财产保全。');
    return {
      area: 'civil',
      caseType: second ? 'second_instance' : 'first_instance',
      title: `${client.name}诉${opp.name}${c.cause}`,
      cause: c.cause,
      court: r.pick(second ? COURTS.civil2 : COURTS.civil),
      amountFen: yuanToFen(amount),
      description,
      parties: [oppParty],
      category: CATEGORY_OF[c.cause],
    };
  }
  if (kind === 6) {
    const cause = CRIMINAL_CAUSES[i % CRIMINAL_CAUSES.length];
    const description = `${client.name}涉嫌${cause}，家属委托本所担任辩护人。已会见当事人，了解案件事实，拟就取保候审、证据合法性及量刑情节提出辩护意见，关注退赃退赔与认罪认罚从宽。`;
    return {
      area: 'criminal',
      caseType: 'defence',
      title: `${client.name}涉嫌${cause}辩护`,
      cause,
      court: r.pick(COURTS.criminal),
      description,
      parties: [{ role: 'related', kind: 'person', name: r.pick(['王秀英', '李建军', '张桂芳']), relation: '近亲属（委托人）' }],
      category: '刑事合规',
    };
  }
  if (kind === 7) {
    const c = ADMIN_CAUSES[i % ADMIN_CAUSES.length];
    const agency = r.pick(['上海市浦东新区市场监督管理局', '杭州市西湖区住房和城乡建设局', '北京市朝阳区人民政府']);
    const description = `${client.name}不服${agency}${c.detail}，委托本所提起行政诉讼，请求撤销该行政行为。已审查行政程序、法律依据及起诉期限。`;
    return {
      area: 'administrative',
      caseType: 'first_instance',
      title: `${client.name}诉${agency}${c.cause}`,
      cause: c.cause,
      court: r.pick(COURTS.administrative),
      description,
      parties: [{ role: 'opposing', kind: 'organisation', name: agency }],
    };
  }
  if (kind === 8) {
    const cause = ARB_CAUSES[i % ARB_CAUSES.length];
    const amount = r.int(100, 5000) * 10_000;
    const description = `${client.name}与${opp.name}${cause}仲裁案。依据合同仲裁条款申请仲裁，请求对方支付价款及违约金共计人民币${amount.toLocaleString('en-US')}元，并承担仲裁费用。`;
    return {
      area: 'arbitration',
      caseType: 'commercial',
      title: `${client.name}与${opp.name}${cause}`,
      cause,
      court: r.pick(COURTS.arbitration),
      amountFen: yuanToFen(amount),
      description,
      parties: [oppParty],
      category: CATEGORY_OF[cause],
    };
  }
  const cause = DD_CAUSES[i % DD_CAUSES.length];
  const target = r.pick(['上海澄明软件有限公司', '江苏禾丰农业科技有限公司', '深圳前海数智科技有限公司']);
  const description = `受${client.name}委托，对${target}进行${cause}，范围包括主体资格、股权结构、重大合同、知识产权、劳动人事、诉讼仲裁及合规事项，出具法律尽职调查报告。`;
  return {
    area: 'non_litigation',
    caseType: 'due_diligence',
    title: `${target}${cause}`,
    cause,
    court: '',
    description,
    parties: [{ role: 'third_party', kind: 'organisation', name: target }],
    category: '公司股权',
  };
}

export async function seedDemoCases(
  db: Db,
  hooks: DemoCaseHooks | null,
  opts: { now?: Date; historical?: number; active?: number } = {},
): Promise<{ seeded: boolean; cases: number }> {
  if (await db('cases').first('id')) return { seeded: false, cases: 0 };
  const now = opts.now ?? new Date();
  const r = seededRandom(20261129);
  const users = await db('users').where({ active: true }).select('id', 'name', 'role', 'email');
  const byEmail = (e: string) => users.find((u) => u.email === e);
  const partner = byEmail('partner@demo.lexflow') ?? users.find((u) => u.role === 'partner');
  const lawyers = users.filter((u) => u.role === 'lawyer');
  const assistant = users.find((u) => u.role === 'assistant');
  if (!partner || !lawyers.length) return { seeded: false, cases: 0 };
  const leads = [...lawyers, partner];

  for (const t of TAGS) await insertTag(db, t);
  const tags = await listTags(db);
  const tagId = (name: string) => tags.find((t) => t.name === name)?.id;

  const clients = await db('clients').select('id', 'name', 'kind');
  for (const c of [...COMPANIES, ...PEOPLE]) {
    if (!clients.some((x) => x.name === c.name)) clients.push(await insertClient(db, { ...c, createdBy: partner.id }));
  }

  const historical = opts.historical ?? 32;
  const active = opts.active ?? 24;
  let n = 0;
  for (let i = 0; i < historical; i++) {
    const client = clients[(i * 5) % clients.length];
    const p = plan(r, client, i);
    const version = await matchVersion(db, p.area, p.caseType);
    if (!version) continue;
    const model = version.model as { stages: string[]; nodes: Record<string, { name: string }> };
    const lead = leads[i % leads.length];
    const opened = new Date(now.getTime() - r.int(120, 1000) * DAY);
    await db.transaction(async (trx) => {
      const openedOn = opened.toISOString().slice(0, 10);
      const number = await nextCaseNumber(trx, opened.getUTCFullYear(), CASE_NUMBER_PREFIX[p.area]);
      // The stages it went through, each a few weeks; some cases end before the last stages.
      const through =
        p.area === 'civil' && p.caseType === 'first_instance'
          ? r.int(4, model.stages.length)
          : Math.max(1, model.stages.length - r.int(0, 1));
      let at = opened.getTime() + r.int(1, 5) * DAY;
      const stages: Array<{ id: string; name: string; enteredAt: Date; exitedAt: Date }> = [];
      for (const stageId of model.stages.slice(0, through)) {
        const enteredAt = new Date(at);
        at += r.int(12, 75) * DAY;
        stages.push({ id: stageId, name: model.nodes[stageId].name, enteredAt, exitedAt: new Date(at) });
      }
      const closedAt = new Date(Math.min(at, now.getTime() - 2 * DAY));
      const [row] = await trx('cases')
        .insert({
          number,
          title: p.title,
          client_id: client.id,
          practice_area: p.area,
          case_type: p.caseType,
          cause_of_action: p.cause,
          court: p.court || null,
          amount_in_dispute_fen: p.amountFen ?? null,
          priority: r.pick(['normal', 'normal', 'high', 'low']),
          status: 'closed',
          template_version_id: version.id,
          workflow_id: null,
          lead_lawyer_id: lead.id,
          opened_on: openedOn,
          closed_at: closedAt,
          outcome: r.pick(OUTCOMES[p.area]),
          description: p.description,
          created_by: partner.id,
          created_at: opened,
          updated_at: closedAt,
          archived_at: i % 3 === 0 ? new Date(Math.min(closedAt.getTime() + 10 * DAY, now.getTime() - DAY)) : null,
          archive_checklist:
            i % 3 === 0
              ? JSON.stringify({ judgmentFiled: true, feesSettled: true, clientNotified: true, originalsReturned: true, fileBound: true })
              : null,
        })
        .returning('id');
      const caseId = row.id as string;
      await addCaseMembers(trx, caseId, [
        { userId: lead.id, role: 'lead' },
        ...(assistant && i % 2 ? [{ userId: assistant.id, role: 'assistant' as const }] : []),
      ]);
      await insertParties(trx, caseId, [{ role: 'client', kind: client.kind, name: client.name }, ...p.parties]);
      let k = 0;
      for (const s of stages) {
        await trx('stage_history').insert({
          case_id: caseId,
          stage_instance_id: `hist-${++k}`,
          stage_id: s.id,
          stage_name: s.name,
          entered_at: s.enteredAt,
          exited_at: s.exitedAt > closedAt ? closedAt : s.exitedAt,
          exit_reason: 'completed',
        });
      }
      const caseTags = [p.category && tagId(p.category), (p.amountFen ?? 0) > 500_000_000 ? tagId('重大案件') : undefined].filter(
        (x): x is string => Boolean(x),
      );
      await setCaseTags(trx, caseId, caseTags);
      await reindexCase(trx, caseId);
      n++;
    });
  }

  if (hooks) {
    const calendar = await loadHolidayCalendar(db);
    const walked: string[] = [];
    for (let i = 0; i < active; i++) {
      const client = clients[(i * 3 + 1) % clients.length];
      // Active matters have their own counterparties, so the intake check finds no conflict.
      const fresh: Opponent =
        i % 3 === 2
          ? {
              kind: 'person',
              name: `${r.pick(['邱', '袁', '彭', '潘', '董', '蒋'])}${r.pick(['建平', '淑华', '立新', '海燕', '志远', '秀梅'])}`,
            }
          : {
              kind: 'organisation',
              name: `${r.pick(['上海', '北京', '杭州', '南京', '广州', '青岛'])}${r.pick(['恒通', '瑞丰', '金桥', '中联', '天成', '华茂', '嘉禾', '信达'])}${r.pick(['实业', '贸易', '建设', '科技', '投资'])}有限公司`,
              representative: r.pick(['周建设', '吴海涛', '郭丽娟', '林志华']),
            };
      const p = plan(r, client, historical + i, fresh);
      const lead = leads[i % leads.length];
      const team: ActiveCaseInput['team'] =
        lead.id === partner.id ? [{ userId: lawyers[0].id, role: 'lawyer' }] : [{ userId: partner.id, role: 'partner' }];
      if (assistant && i % 2 === 0) team.push({ userId: assistant.id, role: 'assistant' });
      const caseTags = [
        p.category && tagId(p.category),
        i % 5 === 0 ? tagId('需合伙人复核') : undefined,
        client.name.includes('Brightwater') ? tagId('涉外') : undefined,
      ].filter((x): x is string => Boolean(x));
      const steps = i % 4 === 0 ? 2 : i % 3 === 0 ? 1 : i % 5 === 2 ? 2 : i % 2;
      const behind = i % 4 === 1 || i === 6;
      const { openedAt, currentSince } = demoTimeline({ r, now: now.getTime(), stages: steps, behind, calendar, timeZone: DEMO_TZ });
      const openedReal = Date.now();
      const caseId = await hooks.openCase(
        {
          title: p.title,
          clientId: client.id,
          practiceArea: p.area,
          caseType: p.caseType,
          causeOfAction: p.cause,
          court: p.court || undefined,
          amountInDisputeFen: p.amountFen,
          priority: r.pick(['normal', 'normal', 'high', 'urgent', 'low']),
          leadLawyerId: lead.id,
          team,
          description: p.description,
          parties: p.parties,
          tagIds: caseTags,
        },
        lead.id,
      );
      const opened = new Date(openedAt);
      await db('cases')
        .where({ id: caseId })
        .update({ opened_on: civilDateAt(openedAt, DEMO_TZ), created_at: opened });
      await walkDemoCase(db, hooks, {
        caseId,
        by: lead.id,
        openedReal,
        openedAt,
        currentSince,
        stages: steps,
        behind,
        now: now.getTime(),
        timeZone: DEMO_TZ,
        calendar,
        r,
      });
      walked.push(caseId);
      if (i % 3 === 0) await insertNote(db, caseId, lead.id, '与客户电话沟通，确认证据清单及下一步诉讼策略；客户同意先行发送律师函。');
      if (i % 4 === 1) {
        await insertCommunication(db, {
          clientId: client.id,
          caseId,
          kind: r.pick(['phone', 'meeting', 'wechat', 'email'] as const),
          occurredAt: recentWorkingHour(calendar, now, r).toISOString(),
          participants: `${lead.name}、${client.name}`,
          summary: '介绍案件进展，约定下周提交补充证据材料。',
          createdBy: lead.id,
        });
        await reindexCase(db, caseId);
      }
      await seedDemoEvents(db, {
        i,
        caseId,
        court: p.court,
        clientName: client.name,
        attendees: [lead.id, ...team.map((m) => m.userId)],
        by: lead.id,
        now,
        r,
        calendar,
      });
      n++;
    }
    await settleAlerts(db, walked);
    await seedPartnersMeetings(db, { now, partnerId: partner.id, attendeeIds: [partner.id, ...lawyers.map((l) => l.id)], calendar });
  }
  return { seeded: true, cases: n };
}

/** A working day's office hour in the last three weeks (a call or meeting with the client). */
function recentWorkingHour(calendar: HolidayCalendar, now: Date, r: SeededRandom): Date {
  const day = workingDay(calendar, civilDateAt(now.getTime(), DEMO_TZ), -r.int(2, 20));
  const at = demoInstant(day, r.pick([10, 11, 15, 16]), r.pick([0, 30]));
  return at < now ? at : new Date(now.getTime() - 2 * 3_600_000);
}
