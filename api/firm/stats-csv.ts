import type { CaseStats } from '../../db/repositories/stats';

type Lang = 'zh-CN' | 'en';

const LABELS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    section: '统计项',
    key: '项目',
    value: '数值',
    period: '统计期间',
    byPracticeArea: '按业务领域',
    byCaseType: '按案件类型',
    byStage: '按当前阶段',
    byLawyer: '按主办律师',
    monthly: '每月新收/结案',
    opened: '新收',
    closed: '结案',
    closure: '结案率',
    total: '案件总数',
    rate: '结案率',
    stageDurations: '各阶段平均用时（天）',
    cases: '案件数',
    averageDays: '平均天数',
    medianDays: '中位天数',
    overdueByLawyer: '逾期任务（按承办人）',
    none: '（无阶段）',
    civil: '民事',
    criminal: '刑事',
    administrative: '行政',
    arbitration: '仲裁',
    non_litigation: '非诉',
    first_instance: '一审',
    second_instance: '二审',
    retrial: '再审',
    enforcement: '执行',
    commercial: '商事仲裁',
    labour: '劳动仲裁',
    defence: '刑事辩护',
    due_diligence: '尽职调查',
  },
  en: {
    section: 'Section',
    key: 'Item',
    value: 'Value',
    period: 'Period',
    byPracticeArea: 'By practice area',
    byCaseType: 'By case type',
    byStage: 'By current stage',
    byLawyer: 'By lead lawyer',
    monthly: 'Opened / closed per month',
    opened: 'Opened',
    closed: 'Closed',
    closure: 'Closure rate',
    total: 'Cases',
    rate: 'Closure rate',
    stageDurations: 'Average days per stage',
    cases: 'Cases',
    averageDays: 'Average days',
    medianDays: 'Median days',
    overdueByLawyer: 'Overdue tasks by assignee',
    none: '(no stage)',
    civil: 'Civil',
    criminal: 'Criminal',
    administrative: 'Administrative',
    arbitration: 'Arbitration',
    non_litigation: 'Non-litigation',
    first_instance: 'First instance',
    second_instance: 'Second instance',
    retrial: 'Retrial',
    enforcement: 'Enforcement',
    commercial: 'Commercial arbitration',
    labour: 'Labour arbitration',
    defence: 'Criminal defence',
    due_diligence: 'Due diligence',
  },
};

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-like text is defused for spreadsheets. */
function field(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report's numbers as one CSV table: section, item, value(s). */
export function statsCsv(s: CaseStats & { from: string; to: string }, lang: Lang): string {
  const L = LABELS[lang];
  const label = (k: string) => L[k] ?? k;
  const rows: Array<Array<string | number>> = [
    [L.section, L.key, L.value, ''],
    [L.period, `${s.from} – ${s.to}`, '', ''],
  ];
  for (const c of s.byPracticeArea) rows.push([L.byPracticeArea, label(c.key), c.count, '']);
  for (const c of s.byCaseType) rows.push([L.byCaseType, label(c.key), c.count, '']);
  for (const c of s.byStage) rows.push([L.byStage, c.key || L.none, c.count, '']);
  for (const c of s.byLawyer) rows.push([L.byLawyer, c.label, c.count, '']);
  rows.push([L.monthly, '', L.opened, L.closed]);
  for (const m of s.monthly) rows.push([L.monthly, m.month, m.opened, m.closed]);
  rows.push(
    [L.closure, L.total, s.closure.total, ''],
    [L.closure, L.closed, s.closure.closed, ''],
    [L.closure, L.rate, `${(s.closure.rate * 100).toFixed(1)}%`, ''],
  );
  rows.push([L.stageDurations, '', L.averageDays, L.medianDays]);
  for (const d of s.stageDurations) rows.push([L.stageDurations, `${d.stage} (${L.cases} ${d.cases})`, d.averageDays, d.medianDays]);
  for (const c of s.overdueByLawyer) rows.push([L.overdueByLawyer, c.label, c.count, '']);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
