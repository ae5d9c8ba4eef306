import type { CivilDate } from './civil-date';
import type { PeriodSpec } from './periods';

/**
 * Named statutory periods, each with its legal basis (see ../shared/domain/china-legal.md §1).
 * Keys are persisted in templates: never rename one; add a new key instead.
 * A period whose law changed carries variants by trigger date (仲裁法 2025: 6 → 3 months).
 */
export interface StatutoryPeriod {
  key: string;
  area: 'civil' | 'criminal' | 'administrative' | 'arbitration' | 'labour' | 'general';
  name: { zh: string; en: string };
  trigger: { zh: string; en: string };
  basis: { zh: string; en: string };
  spec: PeriodSpec;
  /** Earlier law for triggers before `until` (inclusive). */
  before?: { until: CivilDate; spec: PeriodSpec; basis: { zh: string; en: string } };
}

const days = (amount: number, roll: PeriodSpec['roll'] = 'forward'): PeriodSpec => ({ amount, unit: 'day', roll });
const months = (amount: number, roll: PeriodSpec['roll'] = 'forward'): PeriodSpec => ({ amount, unit: 'month', roll });
const years = (amount: number): PeriodSpec => ({ amount, unit: 'year', roll: 'forward' });
const workdays = (amount: number): PeriodSpec => ({ amount, unit: 'workday', roll: 'forward' });

const CPL = (art: string) => ({ zh: `《民事诉讼法》(2023) 第${art}条`, en: `Civil Procedure Law (2023) art. ${art}` });
const CRIM = (art: string) => ({ zh: `《刑事诉讼法》(2018) 第${art}条`, en: `Criminal Procedure Law (2018) art. ${art}` });
const ALL = (art: string) => ({ zh: `《行政诉讼法》(2017) 第${art}条`, en: `Administrative Litigation Law (2017) art. ${art}` });
const ARL = (art: string) => ({ zh: `《行政复议法》(2023) 第${art}条`, en: `Administrative Reconsideration Law (2023) art. ${art}` });
const LDMAL = (art: string) => ({ zh: `《劳动争议调解仲裁法》第${art}条`, en: `Labour Dispute Mediation and Arbitration Law art. ${art}` });
const t = (zh: string, en: string) => ({ zh, en });

export const STATUTORY_PERIODS: readonly StatutoryPeriod[] = [
  {
    key: 'civil.answer',
    area: 'civil',
    name: t('答辩期', 'Defence (answer) period'),
    trigger: t('被告收到起诉状副本', 'defendant receives the complaint'),
    basis: CPL('128'),
    spec: days(15),
  },
  {
    key: 'civil.jurisdiction_objection',
    area: 'civil',
    name: t('管辖权异议期', 'Jurisdiction objection'),
    trigger: t('收到起诉状副本', 'receipt of the complaint'),
    basis: CPL('130'),
    spec: days(15),
  },
  {
    key: 'civil.evidence_period',
    area: 'civil',
    name: t('举证期限（一审普通程序最短）', 'Evidence period (first instance, minimum)'),
    trigger: t('收到举证通知书', 'receipt of the evidence notice'),
    basis: t('《民事诉讼法》第68条；《民事证据规定》第51条', 'CPL art. 68; Evidence Provisions art. 51'),
    spec: days(15),
  },
  {
    key: 'civil.first_instance_limit',
    area: 'civil',
    name: t('一审普通程序审限', 'First-instance trial limit'),
    trigger: t('立案', 'case filed'),
    basis: CPL('152'),
    spec: months(6),
  },
  {
    key: 'civil.summary_limit',
    area: 'civil',
    name: t('简易程序审限', 'Summary procedure limit'),
    trigger: t('立案', 'case filed'),
    basis: CPL('164'),
    spec: months(3),
  },
  {
    key: 'civil.appeal_judgment',
    area: 'civil',
    name: t('不服判决上诉期', 'Appeal against a judgment'),
    trigger: t('判决书送达', 'judgment served'),
    basis: CPL('171'),
    spec: days(15),
  },
  {
    key: 'civil.appeal_ruling',
    area: 'civil',
    name: t('不服裁定上诉期', 'Appeal against a ruling'),
    trigger: t('裁定书送达', 'ruling served'),
    basis: CPL('171'),
    spec: days(10),
  },
  {
    key: 'civil.appeal_answer',
    area: 'civil',
    name: t('被上诉人答辩期', 'Answer to an appeal'),
    trigger: t('收到上诉状副本', 'receipt of the appeal'),
    basis: CPL('174'),
    spec: days(15),
  },
  {
    key: 'civil.second_instance_limit',
    area: 'civil',
    name: t('二审审限（判决）', 'Second-instance limit (judgment)'),
    trigger: t('二审立案', 'second instance filed'),
    basis: CPL('183'),
    spec: months(3),
  },
  {
    key: 'civil.retrial_application',
    area: 'civil',
    name: t('申请再审期限', 'Retrial application'),
    trigger: t('判决、裁定发生法律效力', 'judgment becomes effective'),
    basis: CPL('216'),
    spec: months(6),
  },
  {
    key: 'civil.enforcement_application',
    area: 'civil',
    name: t('申请执行期间', 'Application for enforcement'),
    trigger: t('履行期间届满', 'end of the performance period'),
    basis: CPL('250'),
    spec: years(2),
  },
  {
    key: 'civil.preservation_suit',
    area: 'civil',
    name: t('诉前保全后起诉期限', 'Suit after pre-suit preservation'),
    trigger: t('采取保全措施', 'preservation taken'),
    basis: CPL('104'),
    spec: days(30),
  },
  {
    key: 'civil.payment_order_objection',
    area: 'civil',
    name: t('支付令异议期', 'Objection to a payment order'),
    trigger: t('收到支付令', 'receipt of the payment order'),
    basis: CPL('227'),
    spec: days(15),
  },
  {
    key: 'civil.foreign_answer',
    area: 'civil',
    name: t('涉外答辩期（境外当事人）', 'Answer, party without PRC domicile'),
    trigger: t('收到起诉状副本', 'receipt of the complaint'),
    basis: CPL('285'),
    spec: days(30),
  },
  {
    key: 'civil.foreign_appeal',
    area: 'civil',
    name: t('涉外上诉期（境外当事人）', 'Appeal, party without PRC domicile'),
    trigger: t('判决、裁定送达', 'judgment or ruling served'),
    basis: CPL('286'),
    spec: days(30),
  },
  {
    key: 'criminal.appeal_judgment',
    area: 'criminal',
    name: t('刑事判决上诉期', 'Criminal appeal against a judgment'),
    trigger: t('接到判决书', 'receipt of the judgment'),
    basis: CRIM('230'),
    spec: days(10),
  },
  {
    key: 'criminal.appeal_ruling',
    area: 'criminal',
    name: t('刑事裁定上诉期', 'Criminal appeal against a ruling'),
    trigger: t('接到裁定书', 'receipt of the ruling'),
    basis: CRIM('230'),
    spec: days(5),
  },
  {
    key: 'criminal.arrest_approval',
    area: 'criminal',
    name: t('审查批准逮捕期限（在押）', 'Decision on arrest (custody)'),
    trigger: t('收到提请批准逮捕书', 'request for arrest approval'),
    basis: CRIM('91'),
    spec: days(7, 'none'),
  },
  {
    key: 'criminal.investigation_custody',
    area: 'criminal',
    name: t('侦查羁押期限（在押）', 'Investigative custody (custody)'),
    trigger: t('逮捕', 'arrest'),
    basis: CRIM('156'),
    spec: months(2, 'none'),
  },
  {
    key: 'criminal.prosecution_review',
    area: 'criminal',
    name: t('审查起诉期限（在押）', 'Review for prosecution (custody)'),
    trigger: t('移送审查起诉', 'case transferred for prosecution'),
    basis: CRIM('172'),
    spec: months(1, 'none'),
  },
  {
    key: 'criminal.first_instance_limit',
    area: 'criminal',
    name: t('一审审限（在押）', 'First-instance limit (custody)'),
    trigger: t('受理案件', 'case accepted'),
    basis: CRIM('208'),
    spec: months(2, 'none'),
  },
  {
    key: 'criminal.second_instance_limit',
    area: 'criminal',
    name: t('二审审限（在押）', 'Second-instance limit (custody)'),
    trigger: t('受理上诉', 'appeal accepted'),
    basis: CRIM('243'),
    spec: months(2, 'none'),
  },
  {
    key: 'criminal.victim_protest_request',
    area: 'criminal',
    name: t('被害人请求抗诉期限', 'Victim asks for a protest'),
    trigger: t('收到判决书', 'receipt of the judgment'),
    basis: CRIM('229'),
    spec: days(5),
  },
  {
    key: 'administrative.filing_direct',
    area: 'administrative',
    name: t('直接起诉期限', 'Direct administrative suit'),
    trigger: t('知道或应当知道行政行为', 'knowledge of the act'),
    basis: ALL('46'),
    spec: months(6),
  },
  {
    key: 'administrative.filing_after_reconsideration',
    area: 'administrative',
    name: t('复议后起诉期限', 'Suit after reconsideration'),
    trigger: t('收到复议决定书', 'receipt of the decision'),
    basis: ALL('45'),
    spec: days(15),
  },
  {
    key: 'administrative.defendant_answer',
    area: 'administrative',
    name: t('行政机关答辩期', 'Agency answer and evidence'),
    trigger: t('收到起诉状副本', 'receipt of the complaint'),
    basis: ALL('67'),
    spec: days(15),
  },
  {
    key: 'administrative.first_instance_limit',
    area: 'administrative',
    name: t('行政一审审限', 'Administrative first-instance limit'),
    trigger: t('立案', 'case filed'),
    basis: ALL('81'),
    spec: months(6),
  },
  {
    key: 'administrative.appeal_judgment',
    area: 'administrative',
    name: t('行政判决上诉期', 'Administrative appeal (judgment)'),
    trigger: t('判决书送达', 'judgment served'),
    basis: ALL('85'),
    spec: days(15),
  },
  {
    key: 'administrative.appeal_ruling',
    area: 'administrative',
    name: t('行政裁定上诉期', 'Administrative appeal (ruling)'),
    trigger: t('裁定书送达', 'ruling served'),
    basis: ALL('85'),
    spec: days(10),
  },
  {
    key: 'administrative.reconsideration_application',
    area: 'administrative',
    name: t('申请行政复议期限', 'Apply for reconsideration'),
    trigger: t('知道或应当知道行政行为', 'knowledge of the act'),
    basis: ARL('20'),
    spec: days(60),
  },
  {
    key: 'administrative.reconsideration_answer',
    area: 'administrative',
    name: t('复议被申请人答复期（工作日）', 'Respondent answer (working days)'),
    trigger: t('收到复议申请书副本', 'receipt of the application'),
    basis: ARL('48、第88'),
    spec: workdays(10),
  },
  {
    key: 'administrative.reconsideration_decision',
    area: 'administrative',
    name: t('复议决定期限', 'Reconsideration decision'),
    trigger: t('受理复议申请', 'application accepted'),
    basis: ARL('62'),
    spec: days(60),
  },
  {
    key: 'arbitration.set_aside',
    area: 'arbitration',
    name: t('申请撤销仲裁裁决期限', 'Apply to set aside an award'),
    trigger: t('收到裁决书', 'receipt of the award'),
    basis: t('《仲裁法》(2025年修订，2026-03-01施行) 第72条', 'Arbitration Law (2025, in force 2026-03-01) art. 72'),
    spec: months(3),
    before: { until: '2026-02-28', spec: months(6), basis: t('《仲裁法》(2017) 第59条', 'Arbitration Law (2017) art. 59') },
  },
  {
    key: 'arbitration.enforcement_application',
    area: 'arbitration',
    name: t('申请执行仲裁裁决期间', 'Enforcement of an award'),
    trigger: t('履行期间届满', 'end of the performance period'),
    basis: CPL('250'),
    spec: years(2),
  },
  {
    key: 'labour.arbitration_limitation',
    area: 'labour',
    name: t('劳动仲裁时效', 'Labour arbitration limitation'),
    trigger: t('知道权利被侵害', 'knowledge of the infringement'),
    basis: LDMAL('27'),
    spec: years(1),
  },
  {
    key: 'labour.respondent_answer',
    area: 'labour',
    name: t('劳动仲裁答辩期', 'Labour arbitration answer'),
    trigger: t('收到申请书副本', 'receipt of the application'),
    basis: LDMAL('30'),
    spec: days(10),
  },
  {
    key: 'labour.award_limit',
    area: 'labour',
    name: t('劳动仲裁结案期限', 'Labour award limit'),
    trigger: t('受理仲裁申请', 'application accepted'),
    basis: LDMAL('43'),
    spec: days(45),
  },
  {
    key: 'labour.suit_non_final',
    area: 'labour',
    name: t('不服非终局裁决起诉期', 'Suit against a non-final award'),
    trigger: t('收到裁决书', 'receipt of the award'),
    basis: LDMAL('50'),
    spec: days(15),
  },
  {
    key: 'general.limitation',
    area: 'general',
    name: t('普通诉讼时效', 'Limitation of actions'),
    trigger: t('知道权利受到损害及义务人', 'knowledge of the damage and the obligor'),
    basis: t('《民法典》第188条', 'Civil Code art. 188'),
    spec: years(3),
  },
];

const BY_KEY = new Map(STATUTORY_PERIODS.map((p) => [p.key, p]));

export const STATUTORY_PERIOD_KEYS: ReadonlySet<string> = new Set(BY_KEY.keys());

export function statutoryPeriod(key: string): StatutoryPeriod | undefined {
  return BY_KEY.get(key);
}

/** The rule in force for a trigger date (a period whose law changed picks the version by date). */
export function periodFor(key: string, trigger: CivilDate): { spec: PeriodSpec; basis: { zh: string; en: string } } | undefined {
  const p = BY_KEY.get(key);
  if (!p) return undefined;
  if (p.before && trigger <= p.before.until) return { spec: p.before.spec, basis: p.before.basis };
  return { spec: p.spec, basis: p.basis };
}
