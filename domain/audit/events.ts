/**
 * The audit log in words. Each row's `action` is its route (`POST /api/v1/cases/:id/close`) or a
 * named read (`document.view`); `auditEventCode` turns it into a stable code and `AUDIT_SENTENCES`
 * says it as a sentence in both languages, with `{actor}`, `{subject}` (the record the row names:
 * a case number, a client's or document's name) and `{case}` (the case it belongs to).
 * `test/audit-sentences.test.ts` fails when a route writes an action with no sentence here.
 */
export type AuditLang = 'zh-CN' | 'en';

/** `POST /api/v1/cases/:id/close` → `post_cases_id_close`; `document.view` → `document_view`. */
export function auditEventCode(action: string): string {
  return action
    .replace(/^(GET|POST|PUT|PATCH|DELETE) \/api\/v1/, (_m, method: string) => method.toLowerCase())
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

type Row = readonly [action: string, zh: string, en: string];

/** The reads that count as looking at a case: its record, parties, document list, and its files. */
export const CASE_READ_ACTIONS = [
  'GET /api/v1/cases/:id',
  'GET /api/v1/cases/:id/parties',
  'GET /api/v1/cases/:id/documents',
  'GET /api/v1/documents/:id',
  'document.view',
  'document.download',
] as const;

const ROWS: readonly Row[] = [
  // Reads (one row per viewer and record per viewing)
  ['document.view', '{actor} 查看了文件 {subject}', '{actor} viewed the document {subject}'],
  ['document.download', '{actor} 下载了文件 {subject}', '{actor} downloaded the document {subject}'],
  ['GET /api/v1/cases/:id', '{actor} 查看了案件 {subject}', '{actor} viewed case {subject}'],
  ['GET /api/v1/cases/:id/parties', '{actor} 查看了案件 {subject} 的当事人', '{actor} viewed the parties of case {subject}'],
  ['GET /api/v1/cases/:id/documents', '{actor} 查看了案件 {subject} 的文件列表', '{actor} viewed the document list of case {subject}'],
  ['GET /api/v1/documents/:id', '{actor} 查看了文件 {subject} 的详情', '{actor} viewed the details of the document {subject}'],
  ['GET /api/v1/clients/:id', '{actor} 查看了客户 {subject}', '{actor} viewed the client {subject}'],
  ['GET /api/v1/admin/audit-log/export', '{actor} 导出了审计日志', '{actor} exported the audit log'],
  // Privacy
  [
    'POST /api/v1/clients/:id/id-number/reveal',
    '{actor} 查看了客户 {subject} 的完整证件号码',
    '{actor} revealed the full ID number of the client {subject}',
  ],
  [
    'POST /api/v1/cases/:id/parties/:partyId/id-number/reveal',
    '{actor} 查看了案件 {case} 当事人 {subject} 的完整证件号码',
    '{actor} revealed the full ID number of {subject}, a party to case {case}',
  ],
  // Firm and system
  ['POST /api/v1/system/ping', '{actor} 检测了工作流引擎连接', '{actor} checked the workflow engine connection'],
  ['PUT /api/v1/holidays/overrides/:date', '{actor} 设置了节假日调整', '{actor} set a holiday override'],
  ['DELETE /api/v1/holidays/overrides/:date', '{actor} 删除了节假日调整', '{actor} removed a holiday override'],
  ['PUT /api/v1/holidays/years/:year', '{actor} 导入了年度节假日安排', "{actor} loaded a year's holiday calendar"],
  ['DELETE /api/v1/holidays/years/:year', '{actor} 删除了年度节假日安排', "{actor} removed a year's holiday calendar"],
  ['POST /api/v1/auth/login', '{actor} 登录', '{actor} signed in'],
  ['POST /api/v1/auth/logout', '{actor} 退出登录', '{actor} signed out'],
  ['PATCH /api/v1/auth/me', '{actor} 修改了个人资料', '{actor} changed their profile'],
  ['DELETE /api/v1/me/sessions/:id', '{actor} 结束了一个登录会话', '{actor} ended a session'],
  ['POST /api/v1/auth/logout-others', '{actor} 退出了其他设备上的登录', '{actor} signed out everywhere else'],
  ['POST /api/v1/admin/sign-in-locks/unlock', '{actor} 解除了登录锁定', '{actor} lifted a sign-in lock'],
  ['POST /api/v1/saved-searches', '{actor} 保存了一个搜索', '{actor} saved a search'],
  ['DELETE /api/v1/saved-searches/:id', '{actor} 删除了一个保存的搜索', '{actor} deleted a saved search'],
  ['POST /api/v1/tags', '{actor} 新建了标签', '{actor} created a tag'],
  ['PATCH /api/v1/tags/:id', '{actor} 修改了标签', '{actor} changed a tag'],
  ['DELETE /api/v1/tags/:id', '{actor} 删除了标签', '{actor} deleted a tag'],
  ['PUT /api/v1/me/preferences', '{actor} 修改了通知偏好', '{actor} changed their notification preferences'],
  ['POST /api/v1/me/calendar-feed', '{actor} 开通了日历订阅', '{actor} turned on their calendar feed'],
  ['DELETE /api/v1/me/calendar-feed', '{actor} 关闭了日历订阅', '{actor} turned off their calendar feed'],
  ['POST /api/v1/notifications/read', '{actor} 将通知标为已读', '{actor} marked notifications as read'],
  // Templates
  ['POST /api/v1/process-templates', '{actor} 新建了流程模板 {subject}', '{actor} created the process template {subject}'],
  ['POST /api/v1/process-templates/validate', '{actor} 校验了流程模板', '{actor} validated a process template'],
  ['PATCH /api/v1/process-templates/:key', '{actor} 修改了流程模板 {subject}', '{actor} changed the process template {subject}'],
  [
    'PUT /api/v1/process-templates/:key/draft',
    '{actor} 保存了流程模板 {subject} 的草稿',
    '{actor} saved a draft of the process template {subject}',
  ],
  ['POST /api/v1/process-templates/:key/publish', '{actor} 发布了流程模板 {subject}', '{actor} published the process template {subject}'],
  ['POST /api/v1/process-templates/simulate', '{actor} 模拟运行了流程模板', '{actor} simulated a process template'],
  ['POST /api/v1/process-templates/:key/archive', '{actor} 归档了流程模板 {subject}', '{actor} archived the process template {subject}'],
  [
    'POST /api/v1/process-templates/:key/migrate',
    '{actor} 将案件迁移到流程模板 {subject} 的新版本',
    '{actor} moved cases to a new version of the process template {subject}',
  ],
  // Cases
  ['POST /api/v1/cases', '{actor} 新建了案件 {subject}', '{actor} opened case {subject}'],
  ['PATCH /api/v1/cases/:id', '{actor} 修改了案件 {subject}', '{actor} changed case {subject}'],
  [
    'POST /api/v1/cases/:id/tasks/:taskId/complete',
    '{actor} 完成了案件 {case} 的任务 {subject}',
    '{actor} completed the task {subject} of case {case}',
  ],
  ['POST /api/v1/cases/:id/advance', '{actor} 推进了案件 {subject} 的阶段', '{actor} advanced case {subject} to its next stage'],
  ['POST /api/v1/cases/:id/events', '{actor} 在案件 {subject} 中记录了事件', '{actor} recorded an event on case {subject}'],
  ['POST /api/v1/cases/:id/close', '{actor} 关闭了案件 {subject}', '{actor} closed case {subject}'],
  ['POST /api/v1/cases/:id/migrate', '{actor} 将案件 {subject} 迁移到新流程版本', '{actor} moved case {subject} to a new process version'],
  ['POST /api/v1/cases/:id/parties', '{actor} 为案件 {case} 添加了当事人 {subject}', '{actor} added {subject} as a party to case {case}'],
  [
    'PATCH /api/v1/cases/:id/parties/:partyId',
    '{actor} 修改了案件 {case} 的当事人 {subject}',
    '{actor} changed {subject}, a party to case {case}',
  ],
  ['DELETE /api/v1/cases/:id/parties/:partyId', '{actor} 移除了案件 {case} 的一名当事人', '{actor} removed a party from case {case}'],
  ['POST /api/v1/cases/:id/team', '{actor} 调整了案件 {subject} 的团队', '{actor} added to the team of case {subject}'],
  [
    'DELETE /api/v1/cases/:id/team/:userId',
    '{actor} 将一名成员移出案件 {subject} 的团队',
    '{actor} removed a member from the team of case {subject}',
  ],
  ['POST /api/v1/cases/:id/notes', '{actor} 在案件 {case} 中添加了备注', '{actor} added a note to case {case}'],
  ['PATCH /api/v1/cases/:id/notes/:noteId', '{actor} 修改了案件 {case} 的备注', '{actor} changed a note on case {case}'],
  ['DELETE /api/v1/cases/:id/notes/:noteId', '{actor} 删除了案件 {case} 的备注', '{actor} deleted a note on case {case}'],
  ['PUT /api/v1/cases/:id/tags', '{actor} 修改了案件 {subject} 的标签', '{actor} changed the tags of case {subject}'],
  ['POST /api/v1/cases/:id/archive', '{actor} 归档了案件 {subject}', '{actor} archived case {subject}'],
  ['POST /api/v1/cases/:id/reopen', '{actor} 重新打开了案件 {subject}', '{actor} reopened case {subject}'],
  // Clients
  ['POST /api/v1/clients', '{actor} 新建了客户 {subject}', '{actor} added the client {subject}'],
  ['PATCH /api/v1/clients/:id', '{actor} 修改了客户 {subject}', '{actor} changed the client {subject}'],
  ['DELETE /api/v1/clients/:id', '{actor} 删除了一个客户', '{actor} deleted a client'],
  ['POST /api/v1/clients/:id/contacts', '{actor} 为客户 {subject} 添加了联系人', '{actor} added a contact to the client {subject}'],
  [
    'PATCH /api/v1/clients/:id/contacts/:contactId',
    '{actor} 修改了客户 {subject} 的联系人',
    '{actor} changed a contact of the client {subject}',
  ],
  [
    'DELETE /api/v1/clients/:id/contacts/:contactId',
    '{actor} 删除了客户 {subject} 的联系人',
    '{actor} deleted a contact of the client {subject}',
  ],
  [
    'POST /api/v1/clients/:id/communications',
    '{actor} 记录了与客户 {subject} 的沟通',
    '{actor} logged a communication with the client {subject}',
  ],
  [
    'DELETE /api/v1/clients/:id/communications/:communicationId',
    '{actor} 删除了与客户 {subject} 的沟通记录',
    '{actor} deleted a communication with the client {subject}',
  ],
  ['POST /api/v1/conflict-checks', '{actor} 进行了利益冲突检索', '{actor} ran a conflict check'],
  ['POST /api/v1/conflict-checks/:id/decision', '{actor} 对利益冲突检索作出了决定', '{actor} decided on a conflict check'],
  // Documents
  ['POST /api/v1/document-categories', '{actor} 新建了文件类别', '{actor} created a document category'],
  ['PATCH /api/v1/document-categories/:key', '{actor} 修改了文件类别', '{actor} changed a document category'],
  ['POST /api/v1/cases/:id/document-folders', '{actor} 在案件 {case} 中新建了文件夹', '{actor} created a folder in case {case}'],
  ['PATCH /api/v1/cases/:id/document-folders/:folderId', '{actor} 修改了案件 {case} 的文件夹', '{actor} changed a folder in case {case}'],
  ['DELETE /api/v1/cases/:id/document-folders/:folderId', '{actor} 删除了案件 {case} 的文件夹', '{actor} deleted a folder in case {case}'],
  ['POST /api/v1/cases/:id/documents', '{actor} 向案件 {case} 上传了文件 {subject}', '{actor} uploaded {subject} to case {case}'],
  ['POST /api/v1/clients/:id/documents', '{actor} 上传了客户文件 {subject}', "{actor} uploaded the client's document {subject}"],
  ['PATCH /api/v1/documents/:id', '{actor} 修改了文件 {subject}', '{actor} changed the document {subject}'],
  ['DELETE /api/v1/documents/:id', '{actor} 将文件 {subject} 移入回收站', '{actor} moved the document {subject} to the recycle bin'],
  ['POST /api/v1/documents/:id/versions', '{actor} 上传了文件 {subject} 的新版本', '{actor} uploaded a new version of {subject}'],
  [
    'POST /api/v1/documents/:id/versions/:number/restore',
    '{actor} 恢复了文件 {subject} 的旧版本',
    '{actor} restored an earlier version of {subject}',
  ],
  ['POST /api/v1/documents/:id/undelete', '{actor} 从回收站恢复了文件 {subject}', '{actor} restored {subject} from the recycle bin'],
  ['DELETE /api/v1/recycle-bin/documents', '{actor} 清空了回收站', '{actor} emptied the recycle bin'],
  ['POST /api/v1/documents/:id/comments', '{actor} 评论了文件 {subject}', '{actor} commented on {subject}'],
  [
    'POST /api/v1/documents/:id/comments/:commentId/resolve',
    '{actor} 解决了文件 {subject} 的评论',
    '{actor} resolved a comment on {subject}',
  ],
  [
    'POST /api/v1/documents/:id/comments/:commentId/reopen',
    '{actor} 重新打开了文件 {subject} 的评论',
    '{actor} reopened a comment on {subject}',
  ],
  ['POST /api/v1/document-templates', '{actor} 上传了文书模板', '{actor} uploaded a document template'],
  [
    'POST /api/v1/cases/:id/documents/generate',
    '{actor} 为案件 {case} 生成了文书 {subject}',
    '{actor} generated {subject} for case {case}',
  ],
  ['POST /api/v1/document-templates/check', '{actor} 检查了文书模板', '{actor} checked a document template'],
  ['DELETE /api/v1/document-templates/:key', '{actor} 删除了文书模板', '{actor} deleted a document template'],
  // Billing
  ['PUT /api/v1/cases/:id/fee-arrangement', '{actor} 设置了案件 {case} 的收费方式', '{actor} set the fee arrangement of case {case}'],
  ['PUT /api/v1/billing/settings', '{actor} 修改了计费设置', '{actor} changed the billing settings'],
  ['DELETE /api/v1/timer', '{actor} 放弃了计时', '{actor} discarded their timer'],
  ['POST /api/v1/timer/start', '{actor} 开始计时', '{actor} started their timer'],
  ['POST /api/v1/timer/pause', '{actor} 暂停计时', '{actor} paused their timer'],
  ['POST /api/v1/timer/resume', '{actor} 继续计时', '{actor} resumed their timer'],
  ['POST /api/v1/timer/stop', '{actor} 停止计时并记录工时', '{actor} stopped their timer and recorded the time'],
  ['POST /api/v1/time-entries', '{actor} 记录了工时', '{actor} recorded time'],
  ['PATCH /api/v1/time-entries/:id', '{actor} 修改了工时记录', '{actor} changed a time entry'],
  ['DELETE /api/v1/time-entries/:id', '{actor} 删除了工时记录', '{actor} deleted a time entry'],
  ['POST /api/v1/time-entries/:id/approve', '{actor} 批准了工时记录', '{actor} approved a time entry'],
  ['POST /api/v1/time-entries/:id/reject', '{actor} 退回了工时记录', '{actor} rejected a time entry'],
  ['POST /api/v1/cases/:id/expenses', '{actor} 记录了案件 {case} 的费用', '{actor} recorded an expense on case {case}'],
  ['POST /api/v1/expenses/:id/approve', '{actor} 批准了一笔费用', '{actor} approved an expense'],
  ['POST /api/v1/expenses/:id/reject', '{actor} 退回了一笔费用', '{actor} rejected an expense'],
  ['POST /api/v1/invoices', '{actor} 起草了账单 {subject}', '{actor} drafted the invoice {subject}'],
  ['DELETE /api/v1/invoices/:id', '{actor} 删除了账单草稿', '{actor} deleted a draft invoice'],
  ['POST /api/v1/invoices/:id/issue', '{actor} 开具了账单 {subject}', '{actor} issued the invoice {subject}'],
  ['POST /api/v1/invoices/:id/send', '{actor} 发送了账单 {subject}', '{actor} sent the invoice {subject}'],
  ['POST /api/v1/invoices/:id/void', '{actor} 作废了账单 {subject}', '{actor} voided the invoice {subject}'],
  [
    'POST /api/v1/invoices/:id/credit-note',
    '{actor} 为账单 {subject} 开具了红字冲销',
    '{actor} issued a credit note for the invoice {subject}',
  ],
  ['POST /api/v1/invoices/:id/payments', '{actor} 登记了账单 {subject} 的收款', '{actor} recorded a payment of the invoice {subject}'],
  ['POST /api/v1/clients/:id/payments', '{actor} 登记了客户 {subject} 的收款', '{actor} recorded a payment from the client {subject}'],
  ['POST /api/v1/invoices/:id/write-offs', '{actor} 核销了账单 {subject} 的欠款', '{actor} wrote off part of the invoice {subject}'],
  // Tasks and calendar
  ['POST /api/v1/tasks', '{actor} 新建了任务 {subject}', '{actor} created the task {subject}'],
  ['PATCH /api/v1/tasks/:id', '{actor} 修改了任务 {subject}', '{actor} changed the task {subject}'],
  ['POST /api/v1/tasks/:id/complete', '{actor} 完成了任务 {subject}', '{actor} completed the task {subject}'],
  ['POST /api/v1/tasks/:id/comments', '{actor} 评论了任务 {subject}', '{actor} commented on the task {subject}'],
  ['POST /api/v1/calendar/events', '{actor} 新建了日程', '{actor} added a calendar event'],
  ['PUT /api/v1/calendar/events/:id', '{actor} 修改了日程', '{actor} changed a calendar event'],
  ['PATCH /api/v1/calendar/events/:id', '{actor} 修改或改期了日程', '{actor} changed or rescheduled a calendar event'],
  ['DELETE /api/v1/calendar/events/:id', '{actor} 删除了日程', '{actor} deleted a calendar event'],
  // Portal
  [
    'POST /api/v1/clients/:id/portal-invitations',
    '{actor} 邀请客户 {subject} 的联系人使用客户门户',
    '{actor} invited a contact of the client {subject} to the portal',
  ],
  [
    'POST /api/v1/clients/:id/portal-invitations/:invitationId/revoke',
    '{actor} 撤回了客户 {subject} 的门户邀请',
    '{actor} withdrew a portal invitation of the client {subject}',
  ],
  [
    'POST /api/v1/clients/:id/portal-access/:userId/revoke',
    '{actor} 撤销了客户 {subject} 的门户访问权限',
    '{actor} revoked portal access to the client {subject}',
  ],
  ['POST /api/v1/portal/invitations/:token/accept', '{actor} 接受了客户门户邀请', '{actor} accepted a portal invitation'],
  ['POST /api/v1/cases/:id/messages', '{actor} 在案件 {case} 中给客户发送了消息', '{actor} sent the client a message on case {case}'],
  ['POST /api/v1/cases/:id/messages/read', '{actor} 阅读了案件 {case} 的客户消息', "{actor} read the client's messages on case {case}"],
  [
    'POST /api/v1/cases/:id/document-requests',
    '{actor} 在案件 {case} 中请客户提供材料',
    '{actor} asked the client for documents on case {case}',
  ],
  ['POST /api/v1/document-requests/:id/cancel', '{actor} 取消了一项材料请求', '{actor} cancelled a document request'],
  ['POST /api/v1/documents/:id/accept', '{actor} 接收了客户上传的文件 {subject}', "{actor} accepted the client's upload {subject}"],
  ['POST /api/v1/documents/:id/reject', '{actor} 退回了客户上传的文件 {subject}', "{actor} rejected the client's upload {subject}"],
  ['POST /api/v1/portal/cases/:id/messages', '{actor} 通过客户门户发送了消息', '{actor} sent a message through the portal'],
  ['POST /api/v1/portal/cases/:id/messages/read', '{actor} 在客户门户中阅读了消息', '{actor} read messages in the portal'],
  ['POST /api/v1/portal/cases/:id/message-files', '{actor} 通过客户门户上传了附件', '{actor} attached a file in the portal'],
  [
    'POST /api/v1/portal/document-requests/:id/files',
    '{actor} 通过客户门户提交了材料',
    '{actor} sent requested documents through the portal',
  ],
  // People, accounts and the firm's settings
  ['POST /api/v1/users/invitations', '{actor} 邀请了一位同事加入本所', '{actor} invited a colleague to the firm'],
  ['POST /api/v1/users/invitations/:id/revoke', '{actor} 撤回了一份同事邀请', "{actor} withdrew a colleague's invitation"],
  ['PUT /api/v1/users/settings/security', '{actor} 修改了双重验证要求', '{actor} changed the two-factor requirement'],
  ['PATCH /api/v1/users/:id', '{actor} 修改了 {subject} 的角色', "{actor} changed {subject}'s role"],
  ['POST /api/v1/users/:id/deactivate', '{actor} 停用了 {subject} 的账号', "{actor} deactivated {subject}'s account"],
  ['POST /api/v1/users/:id/reactivate', '{actor} 恢复了 {subject} 的账号', "{actor} reactivated {subject}'s account"],
  ['POST /api/v1/users/:id/password-reset', '{actor} 向 {subject} 发送了重设密码链接', '{actor} sent {subject} a password reset link'],
  ['POST /api/v1/staff-invitations/:token/accept', '{actor} 接受邀请加入本所', "{actor} accepted the firm's invitation"],
  ['POST /api/v1/auth/login/totp', '{actor} 完成了双重验证登录', '{actor} signed in with a two-factor code'],
  ['POST /api/v1/auth/password-reset', '{actor} 申请重设密码', '{actor} asked for a password reset'],
  ['POST /api/v1/auth/password-reset/:token', '{actor} 通过链接重设了密码', '{actor} reset their password through a link'],
  ['POST /api/v1/auth/me/password', '{actor} 修改了自己的密码', '{actor} changed their password'],
  ['POST /api/v1/auth/me/totp', '{actor} 开始设置双重验证', '{actor} began setting up two-factor sign-in'],
  ['POST /api/v1/auth/me/totp/confirm', '{actor} 启用了双重验证', '{actor} turned on two-factor sign-in'],
  ['POST /api/v1/auth/me/totp/disable', '{actor} 关闭了双重验证', '{actor} turned off two-factor sign-in'],
  ['PATCH /api/v1/firm/settings', '{actor} 修改了事务所设置', "{actor} changed the firm's settings"],
  ['PUT /api/v1/firm/logo', '{actor} 更换了事务所徽标', "{actor} changed the firm's logo"],
  ['DELETE /api/v1/firm/logo', '{actor} 移除了事务所徽标', "{actor} removed the firm's logo"],
  ['PATCH /api/v1/people/:id/profile', '{actor} 修改了 {subject} 的执业档案', "{actor} changed {subject}'s staff profile"],
  // A request refused before any route named it
  ['unrouted', '{actor} 发出了一个未被受理的请求', '{actor} sent a request that was not accepted'],
];

/** Sentence per event code, per language. */
export const AUDIT_SENTENCES: Record<AuditLang, Record<string, string>> = {
  'zh-CN': Object.fromEntries(ROWS.map(([a, zh]) => [auditEventCode(a), zh])),
  en: Object.fromEntries(ROWS.map(([a, , en]) => [auditEventCode(a), en])),
};

/** The event code of a row: its action's, or `unrouted` for a request no route took. */
export function auditEventOf(row: { action: string; entity: string }): string {
  return row.entity === 'unrouted' ? 'unrouted' : auditEventCode(row.action);
}

/** Fills a sentence; a placeholder with nothing to say is left out with its surrounding space. */
export function fillAuditSentence(sentence: string, values: Record<'actor' | 'subject' | 'case', string | null | undefined>): string {
  return sentence
    .replace(/\{(actor|subject|case)\}/g, (_m, k: 'actor' | 'subject' | 'case') => values[k] ?? '—')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The action an event code stands for (the audit log is filtered by action); undefined for a code no row has. */
export function auditActionOf(code: string): string | undefined {
  return ACTION_OF.get(code);
}
const ACTION_OF = new Map(ROWS.map(([a]) => [auditEventCode(a), a]));

/** Every action with a sentence (the coverage test compares the routes with it). */
export const AUDIT_ACTIONS: readonly string[] = ROWS.map(([a]) => a);

/** Said of a row whose action has no sentence yet (the coverage test keeps this for rows written before an upgrade). */
export const AUDIT_FALLBACK: Record<AuditLang, string> = {
  'zh-CN': '{actor} 进行了一项操作',
  en: '{actor} did something the log has no words for yet',
};
