/**
 * Messages of the designer as a partner uses it (durations as number + unit, the timer group, the
 * case heat map, the template's scope): zh-CN first, English with exactly the same keys (the
 * compiler checks it through `typeof zh`, ui/src/i18n/messages.test.ts the placeholders). The
 * older designer strings stay under `designer`.
 */
export const zh = {
  duration: {
    due: '时长',
    amount: '数量',
    unit: '单位',
    calendar: '计算方式',
    units: { days: '日', hours: '小时', weeks: '周', months: '个月', years: '年' },
    calendars: { calendar: '自然日', workdays: '工作日' },
    badAmount: '请输入大于 0 的整数',
    unreadable: '当前值 {value} 无法用数量和单位表示，请重新填写',
    remove: '删除',
    addReminder: '添加提醒',
    dueHelp: '自然日：届满日遇节假日顺延；工作日：只计工作日（含调休上班日）',
    remindersHelp: '到期前多久提醒负责人，可添加多个',
    escalateHelp: '逾期多久后上报',
  },
  timer: {
    title: '定时',
    mode: '触发方式',
    modes: { duration: '经过一段时间后', date: '在某个日期' },
    after: '经过',
    date: '日期',
    dateHelp: '日期（如 2026-12-31）或案件变量，如 {example}',
  },
  heat: {
    toggle: '案件分布',
    legend: '进行中案件数 · 停留时间中位数',
    open: '{n} 件',
    median: '中位 {d}',
    days: '{n} 天',
    hours: '{n} 小时',
    empty: '此模板暂无进行中的案件',
    failed: '案件分布加载失败：{message}',
  },
  scope: {
    caseTypesHint: '从本所的案件类型中选择；同一业务领域的同一案件类型只能由一个模板服务',
    other: '{code}（自定义）',
  },
  name: {
    en: '英文名称',
  },
};

export const en: typeof zh = {
  duration: {
    due: 'Duration',
    amount: 'Amount',
    unit: 'Unit',
    calendar: 'Counted in',
    units: { days: 'days', hours: 'hours', weeks: 'weeks', months: 'months', years: 'years' },
    calendars: { calendar: 'calendar days', workdays: 'working days' },
    badAmount: 'Enter a whole number above 0',
    unreadable: 'The current value {value} cannot be shown as an amount and unit; enter it again',
    remove: 'Remove',
    addReminder: 'Add reminder',
    dueHelp: 'Calendar days: a last day on a holiday moves to the next working day; working days count working days only',
    remindersHelp: 'How long before the due date the assignee is reminded; add as many as needed',
    escalateHelp: 'How long after the due date it is escalated',
  },
  timer: {
    title: 'Timer',
    mode: 'Fires',
    modes: { duration: 'after a time', date: 'on a date' },
    after: 'After',
    date: 'Date',
    dateHelp: 'A date (e.g. 2026-12-31) or a case variable such as {example}',
  },
  heat: {
    toggle: 'Case heat map',
    legend: 'Open cases · median time spent',
    open: '{n} open',
    median: 'median {d}',
    days: '{n} d',
    hours: '{n} h',
    empty: 'No open cases run this template',
    failed: 'The heat map could not be loaded: {message}',
  },
  scope: {
    caseTypesHint: "Pick from the firm's case types; one template serves a case type per practice area",
    other: '{code} (custom)',
  },
  name: {
    en: 'English name',
  },
};
