/**
 * What notices and mails about secure messages and document requests say. For confidentiality they
 * carry no content — not the message, not the case's name, not what is asked: who reads the mail
 * signs in to see it. Links are absolute (the firm's public URL).
 */

export type Locale = 'zh-CN' | 'en';
export const localeOf = (l: string | null | undefined): Locale => (l === 'en' ? 'en' : 'zh-CN');

const TEXTS = {
  newMessage: {
    'zh-CN': { title: '您有一条新消息', body: '您有一条新消息，请登录查看：{link}' },
    en: { title: 'You have a new message', body: 'You have a new message. Sign in to read it: {link}' },
  },
  documentsRequested: {
    'zh-CN': { title: '请提供材料', body: '请提供材料，截止日期 {dueOn}。请登录查看并上传：{link}' },
    en: { title: 'Documents requested', body: 'Please provide documents by {dueOn}. Sign in to see what is needed and upload: {link}' },
  },
  requestDueSoon: {
    'zh-CN': { title: '请提供材料（即将到期）', body: '请提供材料，截止日期 {dueOn}。请登录查看并上传：{link}' },
    en: {
      title: 'Documents requested (due soon)',
      body: 'Please provide documents by {dueOn}. Sign in to see what is needed and upload: {link}',
    },
  },
  requestOverdue: {
    'zh-CN': { title: '请提供材料（已逾期）', body: '请提供材料，截止日期 {dueOn} 已过。请登录查看并上传：{link}' },
    en: { title: 'Documents requested (overdue)', body: 'Documents were due on {dueOn}. Sign in to see what is needed and upload: {link}' },
  },
  clientUploaded: {
    'zh-CN': { title: '客户上传了材料', body: '客户上传了材料，等待您确认：{link}' },
    en: { title: 'The client uploaded documents', body: 'The client uploaded documents awaiting your acceptance: {link}' },
  },
  uploadReviewed: {
    'zh-CN': { title: '您上传的材料已处理', body: '律师已处理您上传的材料，请登录查看：{link}' },
    en: { title: 'Your upload was reviewed', body: 'Your lawyer reviewed the documents you uploaded. Sign in to see: {link}' },
  },
} as const;

export type TextKey = keyof typeof TEXTS;

export function text(key: TextKey, locale: Locale, vars: { link: string; dueOn?: string }): { title: string; body: string } {
  const t = TEXTS[key][locale];
  const fill = (s: string) => s.replace('{link}', vars.link).replace('{dueOn}', vars.dueOn ?? '');
  return { title: t.title, body: fill(t.body) };
}

export const portalCaseLink = (publicUrl: string, caseId: string) => `${publicUrl.replace(/\/$/, '')}/portal/cases/${caseId}`;
export const staffCaseLink = (publicUrl: string, caseId: string) => `${publicUrl.replace(/\/$/, '')}/cases/${caseId}?tab=communication`;
