/**
 * The closed vocabularies of clients and case records, shared by the database, the API contracts
 * and the UI. Stored as text; never renamed (persisted).
 */
export const CLIENT_SOURCES = ['referral', 'website', 'walk-in', 'existing-client', 'event', 'other'] as const;
export const COMMUNICATION_KINDS = ['phone', 'email', 'meeting', 'wechat', 'letter'] as const;
export const PARTY_ROLES = ['client', 'opposing', 'third_party', 'related'] as const;
export const TAG_VOCABULARIES = ['tag', 'category'] as const;
export const CASE_SORTS = ['relevance', 'openedOn', 'number', 'title', 'priority', 'updatedAt'] as const;
/** 结案归档: what must be in the file before a closed case is archived. */
export const ARCHIVE_ITEMS = ['judgmentFiled', 'feesSettled', 'clientNotified', 'originalsReturned', 'fileBound'] as const;
