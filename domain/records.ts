/**
 * The closed vocabularies of clients and case records, shared by the database, the API contracts
 * and the UI. Stored as text; never renamed (persisted).
 */
export const CLIENT_SOURCES = ['referral', 'website', 'walk-in', 'existing-client', 'event', 'other'] as const;
export const COMMUNICATION_KINDS = ['phone', 'email', 'meeting', 'wechat', 'letter', 'portal'] as const;
/** A case party's role (case_parties.role); a vocabulary of its own, not a user's role. */
export const PARTY_ROLES = ['client', 'opposing', 'third_party', 'related'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
/** The party the firm acts for: entered with the case, never removed from it. */
export const CLIENT_PARTY: Extract<PartyRole, 'client'> = 'client';
/** The parties a user adds to a case (the client party comes with the case). */
export const OTHER_PARTY_ROLES = ['opposing', 'third_party', 'related'] as const satisfies readonly PartyRole[];
/** What a conflict-check hit is on record as: a party in one of its roles, or a client's contact. */
export const RECORD_ROLES = [...PARTY_ROLES, 'contact'] as const;
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
