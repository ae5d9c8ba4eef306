import type { Db } from '../db/connection';
import { seededRandom, type SeededRandom } from '../db/factories/seeded-random';
import { normalizeIdNumber, normalizeName } from '../domain/search/normalize';
import { caseSearchVector } from '../db/repositories/case-search';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '海燕',
  '晓东',
  '文博',
  '雨桐',
  '子涵',
];
const CITIES = [
  '上海',
  '北京',
  '深圳',
  '广州',
  '杭州',
  '南京',
  '苏州',
  '成都',
  '武汉',
  '西安',
  '天津',
  '重庆',
  '青岛',
  '厦门',
  '宁波',
  '长沙',
  '郑州',
  '合肥',
];
const BRANDS = [
  '恒通',
  '瑞丰',
  '金桥',
  '中联',
  '天成',
  '华茂',
  '嘉禾',
  '信达',
  '鹏程',
  '远航',
  '星河',
  '博雅',
  '创新',
  '东方',
  '长江',
  '万达',
  '汇丰',
  '融信',
  '宏达',
  '盛世',
  '新源',
  '安泰',
  '启明',
  '众合',
];
const TRADES = [
  '科技',
  '贸易',
  '建设工程',
  '物流',
  '投资',
  '置业',
  '电子',
  '生物医药',
  '餐饮管理',
  '文化传媒',
  '新能源',
  '机械制造',
  '供应链',
  '网络技术',
];
const COURTS = ['人民法院', '中级人民法院'];
const DISTRICTS = [
  '朝阳区',
  '浦东新区',
  '南山区',
  '天河区',
  '西湖区',
  '鼓楼区',
  '武侯区',
  '江汉区',
  '雁塔区',
  '和平区',
  '渝中区',
  '市南区',
];
const CAUSES = [
  ['买卖合同纠纷', '货款', '《采购合同》'],
  ['民间借贷纠纷', '借款本金及利息', '《借款协议》'],
  ['房屋租赁合同纠纷', '租金', '《房屋租赁合同》'],
  ['建设工程施工合同纠纷', '工程款', '《建设工程施工合同》'],
  ['股权转让纠纷', '股权转让款', '《股权转让协议》'],
  ['服务合同纠纷', '服务费', '《技术服务合同》'],
  ['劳动争议', '经济补偿金', '《劳动合同》'],
  ['侵害商标权纠纷', '侵权损害赔偿', '注册商标'],
  ['物业服务合同纠纷', '物业费', '《物业服务合同》'],
  ['融资租赁合同纠纷', '租金及违约金', '《融资租赁合同》'],
  ['机动车交通事故责任纠纷', '医疗费及误工费', '交通事故认定书'],
  ['离婚纠纷', '财产分割', '婚前协议'],
] as const;
const FACTS = [
  '对方逾期未付款，经多次催告仍未履行',
  '交付的设备存在质量缺陷，验收未通过',
  '双方对结算金额存在争议',
  '对方擅自解除合同并拒绝返还保证金',
  '客户提供了往来邮件和微信聊天记录作为证据',
  '拟申请诉前财产保全，冻结对方银行账户',
  '对方主张不可抗力免责',
  '涉及冷链仓储设备的验收标准',
  '需要调取工商登记档案和银行流水',
  '鉴定机构已出具工程造价鉴定意见',
  '对方提出管辖权异议',
  'The contract is governed by PRC law; the counterparty disputes the acceptance test',
  '已向对方发送律师函',
  '对方法定代表人已变更',
  '涉及跨境电商平台的知识产权侵权',
  '一审判决后对方提起上诉',
];
const AREAS = [
  ['civil', 'first_instance', '民', 0.55],
  ['civil', 'second_instance', '民', 0.12],
  ['criminal', 'defence', '刑', 0.08],
  ['administrative', 'first_instance', '行', 0.07],
  ['arbitration', 'commercial', '仲', 0.1],
  ['non_litigation', 'due_diligence', '非', 0.08],
] as const;
const STAGES: Record<string, string[]> = {
  civil: ['立案', '证据交换', '庭审', '判决', '上诉', '执行'],
  criminal: ['侦查阶段', '审查起诉阶段', '审判阶段'],
  administrative: ['起诉', '答辩与举证', '庭审与判决'],
  arbitration: ['仲裁申请', '组庭', '审理', '裁决'],
  non_litigation: ['立项', '尽职调查', '报告'],
};

const company = (r: SeededRandom) => `${r.pick(CITIES)}${r.pick(BRANDS)}${r.pick(TRADES)}有限公司`;
const person = (r: SeededRandom) => `${r.pick(SURNAMES)}${r.pick(GIVEN)}`;

/** A firm with `count` cases, their parties (client and other side), teams and tags, bulk-inserted. */
export async function loadCases(db: Db, count: number, say: (s: string) => void) {
  const r = seededRandom(42);
  const t0 = Date.now();
  const hash = (await db('users').first('password_hash')).password_hash;
  // A firm of 60 lawyers, 20 assistants, 8 partners beside the demo staff.
  const staff: Array<{ email: string; name: string; role: string; password_hash: string }> = [];
  for (let i = 0; i < 88; i++)
    staff.push({
      email: `staff${i}@bench.lexflow`,
      name: person(r) + i,
      role: i < 60 ? 'lawyer' : i < 80 ? 'assistant' : 'partner',
      password_hash: hash,
    });
  await db('users').insert(staff);
  const users = await db('users').whereIn('role', ['lawyer', 'partner', 'assistant']).select('id', 'role');
  const leads = users.filter((u) => u.role !== 'assistant');
  const assistants = users.filter((u) => u.role === 'assistant');

  const clientRows = Array.from({ length: 8000 }, (_, i) => {
    const org = r.next() < 0.6;
    const name = org ? company(r) + (i % 7 === 0 ? '' : '') : person(r);
    const idNumber = org
      ? `9131${String(100000 + i).padStart(6, '0')}MA${String(i).padStart(8, '0')}`
      : `3101${String(19600101 + (i % 9000)).padStart(8, '0')}${String(i).padStart(6, '0')}`;
    return {
      kind: org ? 'organisation' : 'person',
      name,
      name_norm: normalizeName(name),
      id_number: idNumber,
      id_norm: normalizeIdNumber(idNumber),
      source: 'referral',
    };
  });
  const clients: Array<{ id: string; name: string; kind: string }> = [];
  for (let i = 0; i < clientRows.length; i += 2000)
    clients.push(
      ...(await db('clients')
        .insert(clientRows.slice(i, i + 2000))
        .returning(['id', 'name', 'kind'])),
    );
  const tags = await db('tags')
    .insert(
      [
        '重大案件',
        '涉外',
        '长期顾问单位',
        '群体性纠纷',
        '需合伙人复核',
        '合同纠纷',
        '劳动人事',
        '知识产权',
        '公司股权',
        '刑事合规',
        '房地产建设工程',
      ].map((name, i) => ({ vocabulary: i < 5 ? 'tag' : 'category', name })),
    )
    .returning('id');

  const counters = new Map<string, number>();
  const BATCH = 1000;
  for (let start = 0; start < count; start += BATCH) {
    const cases: Record<string, unknown>[] = [];
    const extras: Array<{
      tsv: string;
      parties: Record<string, unknown>[];
      members: Array<{ user_id: string; role: string }>;
      tags: string[];
    }> = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      let x = r.next();
      const area = AREAS.find((a) => (x -= a[3]) < 0) ?? AREAS[0];
      const client = clients[r.int(0, clients.length - 1)];
      const opp = r.next() < 0.7 ? company(r) : person(r);
      const cause =
        area[0] === 'criminal' ? ['合同诈骗罪', '', ''] : area[0] === 'non_litigation' ? ['并购尽职调查', '', ''] : r.pick(CAUSES);
      const year = r.int(2016, 2026);
      const key = `${year}${area[2]}`;
      const seq = (counters.get(key) ?? 0) + 1;
      counters.set(key, seq);
      const opened = new Date(Date.UTC(year, r.int(0, 10), r.int(1, 28)));
      const closed = year < 2026 && r.next() < 0.85;
      const stages = STAGES[area[0]];
      const facts = [r.pick(FACTS), r.pick(FACTS), r.pick(FACTS)];
      const title =
        area[0] === 'criminal'
          ? `${client.name}涉嫌${cause[0]}辩护`
          : area[0] === 'non_litigation'
            ? `${opp}${cause[0]}`
            : `${client.name}诉${opp}${cause[0]}`;
      const description = `${client.name}与${opp}${cause[0]}一案。${cause[2] ? `双方签订${cause[2]}，` : ''}${facts.join('；')}。我方主张${cause[1] || '依法维护委托人权益'}。`;
      const court =
        area[0] === 'arbitration'
          ? `${r.pick(CITIES)}仲裁委员会`
          : area[0] === 'non_litigation'
            ? null
            : `${r.pick(CITIES)}市${r.pick(DISTRICTS)}${r.pick(COURTS)}`;
      const number = `${year}${area[2]}${String(seq).padStart(5, '0')}`;
      const lead = r.pick(leads);
      const caseTags = r.next() < 0.8 ? [...new Set([r.pick(tags).id, ...(r.next() < 0.3 ? [r.pick(tags).id] : [])])] : [];
      cases.push({
        number,
        title,
        client_id: client.id,
        practice_area: area[0],
        case_type: area[1],
        cause_of_action: cause[0],
        court,
        description,
        amount_in_dispute_fen: r.int(1, 5000) * 1_000_000,
        priority: r.pick(['low', 'normal', 'normal', 'normal', 'high', 'urgent']),
        status: closed ? 'closed' : 'active',
        current_stage_name: closed ? null : r.pick(stages),
        current_stage_id: null,
        lead_lawyer_id: lead.id,
        opened_on: opened.toISOString().slice(0, 10),
        closed_at: closed ? new Date(opened.getTime() + r.int(30, 700) * 86_400_000) : null,
        outcome: closed ? '调解结案' : null,
        created_at: opened,
      });
      extras.push({
        tsv: caseSearchVector({ number, title, names: [client.name, opp], rest: [cause[0], court, description] }),
        parties: [
          { role: 'client', kind: client.kind, name: client.name, name_norm: normalizeName(client.name) },
          {
            role: 'opposing',
            kind: opp.endsWith('公司') ? 'organisation' : 'person',
            name: opp,
            name_norm: normalizeName(opp),
            representative: opp.endsWith('公司') ? person(r) : null,
          },
        ],
        members: [{ user_id: lead.id, role: 'lead' }, ...(r.next() < 0.6 ? [{ user_id: r.pick(assistants).id, role: 'assistant' }] : [])],
        tags: caseTags,
      });
    }
    const ids = await db('cases').insert(cases).returning('id');
    const parties = ids.flatMap((c: { id: string }, i: number) =>
      extras[i].parties.map((p) => ({
        ...p,
        representative_norm: p.representative ? normalizeName(String(p.representative)) : null,
        case_id: c.id,
      })),
    );
    const members = ids.flatMap((c: { id: string }, i: number) => extras[i].members.map((m) => ({ ...m, case_id: c.id })));
    const caseTags = ids.flatMap((c: { id: string }, i: number) => extras[i].tags.map((tag) => ({ case_id: c.id, tag_id: tag })));
    await db('case_search').insert(
      ids.map((c: { id: string }, i: number) => ({ case_id: c.id, tsv: db.raw('cast(? as tsvector)', [extras[i].tsv]) })),
    );
    await db('case_parties').insert(parties);
    await db('case_members').insert(members);
    if (caseTags.length) await db('case_tags').insert(caseTags);
    if ((start / BATCH) % 20 === 19) say(`  … ${start + BATCH} cases`);
  }
  await db.raw('vacuum analyze');
  const counts = await db.raw(
    `select (select count(*) from cases) as cases, (select count(*) from case_parties) as parties, (select count(*) from case_tags) as tags, (select count(*) from case_members) as members, (select count(*) from clients) as clients, pg_size_pretty(pg_database_size(current_database())) as size`,
  );
  const c = counts.rows[0];
  say(
    `loaded ${c.cases} cases, ${c.parties} parties, ${c.members} team rows, ${c.tags} case tags, ${c.clients} clients in ${((Date.now() - t0) / 1000).toFixed(1)} s; database ${c.size}`,
  );
  return { tagId: tags[0].id as string, leadId: leads[3].id as string };
}
