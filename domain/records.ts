/**
 * The closed vocabularies of clients and case records, shared by the database, the API contracts
 * and the UI. Stored as text; never renamed (persisted).
 */
export const CLIENT_SOURCES = ['referral', 'website', 'walk-in', 'existing-client', 'event', 'other'] as const;
export const COMMUNICATION_KINDS = ['phone', 'email', 'meeting', 'wechat', 'letter'] as const;
export const PARTY_ROLES = ['client', 'opposing', 'third_party', 'related'] as const;
export const TAG_VOCABULARIES = ['tag', 'category'] as const;
/** The area character of a case number (2026民0001), per practice area. */
export const CASE_NUMBER_PREFIX: Readonly<Record<string, string>> = {
  civil: '民',
  criminal: '刑',
  administrative: '行',
  arbitration: '仲',
  non_litigation: '非',
};
/** Priority of a case or a task, most urgent last in this list. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const CASE_SORTS = ['relevance', 'openedOn', 'number', 'title', 'priority', 'updatedAt'] as const;
/** 结案归档: what must be in the file before a closed case is archived. */
export const ARCHIVE_ITEMS = ['judgmentFiled', 'feesSettled', 'clientNotified', 'originalsReturned', 'fileBound'] as const;
