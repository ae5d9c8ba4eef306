import { seededRandom, type SeededRandom } from './seeded-random';

/**
 * Deterministic, realistic Chinese legal prose (民间借贷, 买卖合同, 证据, 判决 …) for generated
 * documents: the same seed gives the same pages on every run, so the benchmark and the demo are
 * repeatable and a search for a generated party name or amount has a known answer.
 */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
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
  '秀英',
  '建华',
  '志强',
  '海燕',
  '晓东',
];
const CITIES = ['上海', '北京', '深圳', '杭州', '南京', '苏州', '成都', '武汉', '广州', '天津'];
const TRADES = ['科技', '贸易', '建设工程', '物流', '食品', '电子', '医疗器械', '文化传媒', '供应链管理', '新材料'];
const GOODS = ['钢材', '电子元器件', '办公家具', '医疗设备', '建筑材料', '服装面料', '农产品', '机械配件'];
const EVIDENCE = ['借条', '银行转账凭证', '微信聊天记录', '收条', '对账单', '增值税专用发票', '送货单', '催款函'];

type Parts = { rnd: SeededRandom; plaintiff: string; defendant: string; company: string; court: string };

const person = (rnd: SeededRandom) => rnd.pick(SURNAMES) + rnd.pick(GIVEN);
const company = (rnd: SeededRandom) =>
  `${rnd.pick(CITIES)}${rnd.pick(['华', '恒', '瑞', '宏', '博', '信', '安', '达'])}${rnd.pick(['泰', '盛', '远', '通', '源', '联', '誉', '鑫'])}${rnd.pick(TRADES)}有限公司`;
const date = (rnd: SeededRandom) => `${rnd.int(2015, 2024)}年${rnd.int(1, 12)}月${rnd.int(1, 28)}日`;
const amount = (rnd: SeededRandom) => `人民币${(rnd.int(1, 500) * 1000).toLocaleString('en-US')}元`;
const article = (rnd: SeededRandom) =>
  `第${rnd.pick(['五百零九', '五百七十七', '五百八十四', '六百六十七', '六百七十五', '六百七十六', '六百八十条'])}条`;

/** Sentence makers; each reads the case's parties so one document stays about one dispute. */
const SENTENCES: Array<(p: Parts) => string> = [
  (p) => `原告${p.plaintiff}与被告${p.defendant}民间借贷纠纷一案，本院于${date(p.rnd)}立案后，依法适用简易程序，公开开庭进行了审理。`,
  (p) =>
    `原告${p.plaintiff}向本院提出诉讼请求：判令被告${p.defendant}偿还借款本金${amount(p.rnd)}及自${date(p.rnd)}起至实际清偿之日止的利息。`,
  (p) =>
    `事实与理由：${date(p.rnd)}，被告${p.defendant}因资金周转需要向原告借款${amount(p.rnd)}，约定借期${p.rnd.int(3, 36)}个月，并出具${p.rnd.pick(EVIDENCE)}一份。`,
  (p) =>
    `原告${p.company}与被告${p.defendant}签订《买卖合同》，约定由原告供应${p.rnd.pick(GOODS)}，货款总额${amount(p.rnd)}，被告应于收货后${p.rnd.int(15, 90)}日内付清。`,
  (p) => `合同签订后，原告依约交付了全部货物，被告仅支付货款${amount(p.rnd)}，余款经原告多次催讨至今未付。`,
  (p) =>
    `为证明其主张，原告提交了${p.rnd.pick(EVIDENCE)}、${p.rnd.pick(EVIDENCE)}及证人证言等证据，被告对证据的真实性无异议，但对其证明目的有异议。`,
  (p) => `被告${p.defendant}辩称：双方之间的款项往来系投资款而非借款，原告的诉讼请求缺乏事实依据，请求法院依法驳回。`,
  () => `本院认为，合法的借贷关系受法律保护。原告提交的证据能够形成完整的证据链，足以证明双方之间存在民间借贷关系。`,
  () => `关于利息，双方约定的年利率未超过合同成立时一年期贷款市场报价利率四倍，本院予以支持；超出部分，本院不予支持。`,
  (p) => `依照《中华人民共和国民法典》${article(p.rnd)}、《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：`,
  (p) => `被告${p.defendant}于本判决生效之日起十日内偿还原告${p.plaintiff}借款本金${amount(p.rnd)}及相应利息。`,
  (p) =>
    `案件受理费${p.rnd.int(50, 9000)}元，减半收取，由被告负担。如不服本判决，可在判决书送达之日起十五日内向本院递交上诉状，上诉于${p.rnd.pick(CITIES)}市中级人民法院。`,
  (p) => `${date(p.rnd)}，原告向${p.court}申请诉前财产保全，请求冻结被告名下银行存款${amount(p.rnd)}，本院依法作出裁定。`,
  (p) => `经质证，被告对${p.rnd.pick(EVIDENCE)}的真实性、合法性和关联性均予认可，本院对该证据予以确认。`,
  (p) =>
    `另查明，${p.company}的法定代表人为${person(p.rnd)}，统一社会信用代码为91${p.rnd.int(100000, 999999)}MA${p.rnd.int(10000, 99999)}X。`,
];

export interface LegalTextOptions {
  /** Words to put on given pages (1-based), each inside a sentence of its own: 另查明，<word>与本案有关。 */
  plant?: ReadonlyArray<{ page: number; word: string }>;
  /** Sentences per page (default 6 to 12, drawn from the seed). */
  sentencesPerPage?: number;
}

/** `pages` pages of one case's prose, paragraphs separated by `\n`. Planted words are added, never replace text. */
export function chineseLegalText(seed: number, pages: number, opts: LegalTextOptions = {}): string[] {
  const rnd = seededRandom(seed * 7919 + 17);
  const parts: Parts = {
    rnd,
    plaintiff: person(rnd),
    defendant: person(rnd),
    company: company(rnd),
    court: `${rnd.pick(CITIES)}市${rnd.pick(['浦东新区', '朝阳区', '南山区', '西湖区', '鼓楼区', '武侯区'])}人民法院`,
  };
  return Array.from({ length: pages }, (_, index) => {
    const count = opts.sentencesPerPage ?? rnd.int(6, 12);
    const sentences = Array.from({ length: count }, () => rnd.pick(SENTENCES)(parts));
    for (const { page, word } of opts.plant ?? []) {
      if (page === index + 1) sentences.splice(rnd.int(0, sentences.length), 0, `另查明，${word}与本案有关。`);
    }
    const paragraphs: string[] = [];
    for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join(''));
    return paragraphs.join('\n');
  });
}
