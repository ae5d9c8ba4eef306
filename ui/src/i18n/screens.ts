/**
 * Words the page-walk test (issue 18 item 6) found missing on screens: column headers of tables
 * that had none, and the like. zh-CN first; English has exactly the same keys.
 */
export const zh = {
  heads: {
    task: '任务',
    status: '状态',
    due: '期限',
    completedAt: '完成时间',
    actions: '操作',
    expense: '费用',
    amount: '金额与状态',
    contact: '联系人',
    phone: '电话',
    email: '邮箱',
    wechat: '微信',
  },
  exitReasons: { completed: '本阶段工作已完成', caseClosed: '案件已结案', timer: '期限届满：{name}' },
  /** A skipped stage in the case page's stepper, with its day (it read "SkippedDec 2"). */
  skippedOn: '跳过于 {date}',
  shippedNote: '随律程提供',
};

export const en: typeof zh = {
  heads: {
    task: 'Task',
    status: 'Status',
    due: 'Due',
    completedAt: 'Completed',
    actions: 'Actions',
    expense: 'Expense',
    amount: 'Amount and status',
    contact: 'Contact',
    phone: 'Phone',
    email: 'Email',
    wechat: 'WeChat',
  },
  exitReasons: { completed: 'Its work was done', caseClosed: 'The case was closed', timer: 'Time ran out: {name}' },
  skippedOn: 'Skipped {date}',
  shippedNote: 'Shipped with LexFlow',
};
