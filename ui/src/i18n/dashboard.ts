/**
 * Messages of the 工作台 (dashboard tiles) and of the list filters its tiles link to (chips on the
 * task, case, calendar and conflict-check lists): zh-CN first, English with exactly the same keys.
 */
export const zh = {
  count: '{n} 项',
  more: '查看全部 {n} 项',
  overdueTasks: {
    title: '我的逾期任务',
    empty: '没有逾期的任务。',
  },
  tasksDueToday: {
    title: '今天到期的任务',
    empty: '今天没有到期的任务。可以在任务页查看接下来要做的事。',
  },
  deadlines: {
    title: '14 天内的法定期限',
    empty: '14 天内没有法定期限。期限由流程模板按法律规定计算。',
    basis: '依据：{basis}',
  },
  hearings: {
    title: '本周开庭',
    empty: '7 天内没有开庭。记录开庭时间后会显示在这里。',
    allDay: '全天',
  },
  notifications: {
    title: '最近通知',
    empty: '暂无通知。',
    unread: '{n} 条未读',
  },
  byStage: {
    title: '在办案件（按阶段）',
    empty: '没有在办案件。在案件页可以新建案件。',
  },
  byArea: {
    title: '在办案件（按业务领域）',
    empty: '没有在办案件。',
  },
  overdueByPerson: {
    title: '各人逾期工作',
    empty: '没有人有逾期任务。',
  },
  idleCases: {
    title: '30 天无进展的案件',
    empty: '所有在办案件 30 天内都有进展。',
    hint: '进展：进入新阶段、完成任务、记录事件或日程、新增文档、客户沟通',
  },
  conflictChecks: {
    title: '待决定的利益冲突检索',
    empty: '没有待决定的冲突检索。',
  },
  filters: {
    overdue: '已逾期',
    dueRange: '到期：{from} 至 {to}',
    dueOn: '到期：{date}',
    statutory: '法定期限',
    idle: '{n} 天无进展',
    hearings: '仅开庭',
    days: '{n} 天内',
    awaiting: '待决定',
    dueBy: '{date} 前到期未收',
  },
  receivables: {
    title: '到期应收款',
    empty: '没有到期未收的账单。',
    line: '未收 {amount} · {date} 到期',
  },
  conflictList: {
    title: '利益冲突检索记录',
    empty: '没有符合条件的检索记录。新建案件时会进行冲突检索。',
    names: '检索对象',
    result: '结论',
    runBy: '检索人',
    runAt: '检索时间',
    decision: '决定',
    pending: '待决定',
  },
  total: '共 {n} 项',
};

export const en: typeof zh = {
  count: '{n}',
  more: 'See all {n}',
  overdueTasks: {
    title: 'My overdue tasks',
    empty: 'Nothing overdue.',
  },
  tasksDueToday: {
    title: 'Due today',
    empty: 'No tasks due today. The task list shows what comes next.',
  },
  deadlines: {
    title: 'Statutory deadlines in 14 days',
    empty: 'No statutory deadline in the next 14 days. Templates compute them from the law.',
    basis: 'Basis: {basis}',
  },
  hearings: {
    title: 'Hearings this week',
    empty: 'No hearing in the next 7 days. Hearings appear here once their date is recorded.',
    allDay: 'All day',
  },
  notifications: {
    title: 'Recent notifications',
    empty: 'No notifications yet.',
    unread: '{n} unread',
  },
  byStage: {
    title: 'Active matters by stage',
    empty: 'No active matters. Open one from the matters page.',
  },
  byArea: {
    title: 'Active matters by practice area',
    empty: 'No active matters.',
  },
  overdueByPerson: {
    title: 'Overdue work per person',
    empty: 'Nobody has overdue tasks.',
  },
  idleCases: {
    title: 'Matters idle for 30 days',
    empty: 'Every active matter moved in the last 30 days.',
    hint: 'Activity: a stage entered, a task completed, an event or calendar entry, a document, a client communication',
  },
  conflictChecks: {
    title: 'Conflict checks awaiting a decision',
    empty: 'No conflict check awaits a decision.',
  },
  filters: {
    overdue: 'Overdue',
    dueRange: 'Due {from} to {to}',
    dueOn: 'Due {date}',
    statutory: 'Statutory deadlines',
    idle: 'Idle {n} days',
    hearings: 'Hearings only',
    days: 'Next {n} days',
    awaiting: 'Awaiting decision',
    dueBy: 'Owed and due by {date}',
  },
  receivables: {
    title: 'Receivables due',
    empty: 'No invoice is due and unpaid.',
    line: '{amount} owed · due {date}',
  },
  conflictList: {
    title: 'Conflict checks',
    empty: 'No check matches. Opening a matter runs a conflict check.',
    names: 'Checked',
    result: 'Result',
    runBy: 'Run by',
    runAt: 'Run at',
    decision: 'Decision',
    pending: 'Pending',
  },
  total: '{n} in all',
};
