import { AUDIT_FALLBACK, AUDIT_SENTENCES } from '../../../domain/audit/events';

/**
 * Messages of privacy and the audit log: the masked identity number and its reveal, the audit log
 * page, and (`events`) one sentence per audited action, from `domain/audit/events.ts` — the same
 * sentences the CSV export writes. zh-CN first; English has exactly the same keys.
 */
export const zh = {
  title: '审计日志',
  intro: '谁在何时做了什么、看了什么：案件、客户、文件的查看与修改，以及证件号码的查看。',
  masked: {
    reveal: '显示完整号码',
    hide: '隐藏号码',
    revealed: '完整号码将显示 30 秒，此次查看已记入审计日志',
    hint: '号码已脱敏显示；不修改则保留原号码，输入新号码可替换',
  },
  filters: {
    who: '操作人',
    event: '事件',
    subject: '对象',
    subjectHint: '输入客户名称或案号；案件、客户页面上的历史图标可直接打开其记录',
    from: '开始日期',
    to: '结束日期',
    clear: '清除筛选',
  },
  kindCase: '案件',
  kindClient: '客户',
  export: '导出 CSV',
  empty: '没有符合条件的记录。请放宽筛选条件，或清除筛选查看全部记录。',
  total: '共 {n} 条',
  refused: '被拒绝（{status}）',
  unfinished: '未完成',
  notSignedIn: '未登录的访问者',
  deleted: '（已删除）',
  viewLogHint: '谁在何时查看或修改了此记录',
  adminLink: '审计日志已移至单独页面，可按人员、对象、事件和日期筛选。',
  openLog: '打开审计日志',
  viewers: {
    title: '谁查看过本案',
    intro: '查看过本案案件信息、当事人、文件列表或文件的人员，按最近查看排序（每人每 10 分钟记一次）。',
    empty: '审计日志中还没有人查看过本案。',
    views: '查看 {n} 次',
    last: '最近 {at}',
  },
  fallback: AUDIT_FALLBACK['zh-CN'],
  events: AUDIT_SENTENCES['zh-CN'],
};

export const en: typeof zh = {
  title: 'Audit log',
  intro: 'Who did and looked at what, and when: reads and changes of cases, clients and documents, and every ID number revealed.',
  masked: {
    reveal: 'Show the full number',
    hide: 'Hide the number',
    revealed: 'The full number shows for 30 seconds; this look is in the audit log',
    hint: 'The number is masked; leave it to keep the stored number, or type a new one to replace it',
  },
  filters: {
    who: 'Who',
    event: 'What happened',
    subject: 'Record',
    subjectHint: "Type a client's name or a case number; the history icon on a case or client page opens its log",
    from: 'From',
    to: 'To',
    clear: 'Clear filters',
  },
  kindCase: 'Case',
  kindClient: 'Client',
  export: 'Export CSV',
  empty: 'Nothing matches. Widen the filters, or clear them to see every row.',
  total: '{n} rows',
  refused: 'refused ({status})',
  unfinished: 'unfinished',
  notSignedIn: 'A visitor not signed in',
  deleted: '(deleted)',
  viewLogHint: 'Who viewed or changed this record, and when',
  adminLink: 'The audit log has its own page now, filtered by person, record, event and date.',
  openLog: 'Open the audit log',
  viewers: {
    title: 'Who has viewed this case',
    intro: 'People who opened the case, its parties, its document list or its files, latest first (one viewing per person per 10 minutes).',
    empty: 'Nobody has viewed this case yet, as far as the audit log knows.',
    views: 'viewed once | viewed {n} times',
    last: 'last {at}',
  },
  fallback: AUDIT_FALLBACK.en,
  events: AUDIT_SENTENCES.en,
};
