/**
 * Texts of notifications and mails, in the recipient's language: one catalogue for what the
 * workflow's activities send and what the API tells people (reassignments, invitations).
 */
export type Lang = 'zh-CN' | 'en';

interface Ctx {
  caseNumber?: string;
  caseTitle?: string;
  task?: string;
  taskEn?: string | null;
  dueDate?: string | null;
  assignee?: string | null;
  stage?: string | null;
  /** Events: what, when (already in the firm's time and the recipient's language), where. */
  event?: string;
  when?: string;
  location?: string | null;
  /** Documents: the file, who mentioned the recipient, and the start of what they wrote. */
  document?: string;
  author?: string;
  excerpt?: string;
  link: string;
}

export type Text = { title: string; body: string };

const zh = {
  taskAssigned: (c: Ctx): Text => ({
    title: `新任务：${c.task}`,
    body: `案件 ${c.caseNumber}「${c.caseTitle}」有一项新任务「${c.task}」${c.dueDate ? `，期限 ${c.dueDate}` : ''}。\n${c.link}`,
  }),
  reminder: (c: Ctx): Text => ({
    title: `期限提醒：${c.task}（${c.dueDate} 到期）`,
    body: `案件 ${c.caseNumber}「${c.caseTitle}」的任务「${c.task}」将于 ${c.dueDate} 到期，请及时处理。\n${c.link}`,
  }),
  escalation: (c: Ctx): Text => ({
    title: `逾期升级：${c.task}`,
    body: `案件 ${c.caseNumber}「${c.caseTitle}」的任务「${c.task}」已于 ${c.dueDate} 到期仍未完成（负责人：${c.assignee ?? '未指派'}）。\n${c.link}`,
  }),
  caseUpdate: (c: Ctx): Text => ({
    title: `案件进展：${c.caseNumber}`,
    body: `案件 ${c.caseNumber}「${c.caseTitle}」有新进展${c.stage ? `，当前阶段：${c.stage}` : ''}。\n${c.link}`,
  }),
  taskReassigned: (c: Ctx): Text => ({
    title: `任务已指派给您：${c.task}`,
    body: `案件 ${c.caseNumber}「${c.caseTitle}」${c.dueDate ? `，期限 ${c.dueDate}` : ''}。`,
  }),
  eventInvite: (c: Ctx): Text => ({ title: `日程邀请：${c.event}，${c.when}`, body: c.location ? `地点：${c.location}` : '' }),
  eventMoved: (c: Ctx): Text => ({ title: `日程变更：${c.event}，${c.when}`, body: c.location ? `地点：${c.location}` : '' }),
  documentMention: (c: Ctx): Text => ({
    title: `${c.author} 在文档「${c.document}」中提到了您`,
    body: `${c.caseNumber ? `案件 ${c.caseNumber}：` : ''}${c.excerpt}`,
  }),
  /** To a portal user: the stage by its client-facing name, and the portal link; nothing internal. */
  stageClient: (c: Ctx): Text => ({
    title: `您的案件有新进展：${c.stage}`,
    body: `您的案件已进入「${c.stage}」阶段。请登录客户门户查看详情：\n${c.link}`,
  }),
};

const en: typeof zh = {
  taskAssigned: (c) => ({
    title: `New task: ${c.taskEn ?? c.task}`,
    body: `Case ${c.caseNumber} "${c.caseTitle}" has a new task "${c.taskEn ?? c.task}"${c.dueDate ? `, due ${c.dueDate}` : ''}.\n${c.link}`,
  }),
  reminder: (c) => ({
    title: `Deadline reminder: ${c.taskEn ?? c.task} (due ${c.dueDate})`,
    body: `The task "${c.taskEn ?? c.task}" of case ${c.caseNumber} "${c.caseTitle}" is due on ${c.dueDate}.\n${c.link}`,
  }),
  escalation: (c) => ({
    title: `Overdue: ${c.taskEn ?? c.task}`,
    body: `The task "${c.taskEn ?? c.task}" of case ${c.caseNumber} "${c.caseTitle}" was due on ${c.dueDate} and is still open (assignee: ${c.assignee ?? 'nobody'}).\n${c.link}`,
  }),
  caseUpdate: (c) => ({
    title: `Case update: ${c.caseNumber}`,
    body: `Case ${c.caseNumber} "${c.caseTitle}" has moved on${c.stage ? `; current stage: ${c.stage}` : ''}.\n${c.link}`,
  }),
  taskReassigned: (c) => ({
    title: `Task assigned to you: ${c.taskEn ?? c.task}`,
    body: `Case ${c.caseNumber} "${c.caseTitle}"${c.dueDate ? `, due ${c.dueDate}` : ''}.`,
  }),
  eventInvite: (c) => ({ title: `Invitation: ${c.event}, ${c.when}`, body: c.location ? `Location: ${c.location}` : '' }),
  eventMoved: (c) => ({ title: `Event moved: ${c.event}, ${c.when}`, body: c.location ? `Location: ${c.location}` : '' }),
  documentMention: (c) => ({
    title: `${c.author} mentioned you on "${c.document}"`,
    body: `${c.caseNumber ? `Case ${c.caseNumber}: ` : ''}${c.excerpt}`,
  }),
  stageClient: (c) => ({
    title: `Your case has moved on: ${c.stage}`,
    body: `Your case has reached the stage "${c.stage}". Sign in to the client portal for the details:\n${c.link}`,
  }),
};

export type MessageKind = keyof typeof zh;

export function message(kind: MessageKind, lang: string, ctx: Ctx): Text {
  return (lang === 'en' ? en : zh)[kind](ctx);
}
