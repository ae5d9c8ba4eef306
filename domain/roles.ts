import { ASSIGNEE_ROLES } from '../process-templates/model/roles';

/** The roles of a LexFlow user. Stored in users.role; never renamed (persisted). */
export const ROLES = ['admin', 'partner', 'lawyer', 'assistant', 'finance', 'client'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone who works at the firm (the staff app), as opposed to the client portal. */
export const STAFF_ROLES = ['admin', 'partner', 'lawyer', 'assistant', 'finance'] as const satisfies readonly Role[];

/**
 * A user's role on one case team (case_members.role; the lead lawyer is `lead`) — the roles a
 * template assigns work to, so the list is the template model's own (declared there once, since the
 * model may import nothing), used by the database, the contracts and the UI; never renamed.
 */
export const CASE_ROLES = ASSIGNEE_ROLES;
export type CaseRole = (typeof CASE_ROLES)[number];
/** The roles a colleague is added to a team with (the lead is set on the case itself). */
export const TEAM_ROLES: readonly CaseRole[] = CASE_ROLES.filter((r) => r !== 'lead');

/** Who may open each section of the staff app; the API enforces the same per endpoint. */
export const SECTION_ROLES = {
  dashboard: STAFF_ROLES,
  cases: ['admin', 'partner', 'lawyer', 'assistant', 'finance'],
  clients: ['admin', 'partner', 'lawyer', 'assistant', 'finance'],
  calendar: ['admin', 'partner', 'lawyer', 'assistant'],
  tasks: ['admin', 'partner', 'lawyer', 'assistant'],
  deadlines: ['admin', 'partner', 'lawyer', 'assistant', 'finance'],
  documents: ['admin', 'partner', 'lawyer', 'assistant'],
  billing: ['admin', 'partner', 'finance'],
  templates: ['admin', 'partner', 'lawyer'],
  reports: ['admin', 'partner', 'finance'],
  admin: ['admin'],
  /** The audit log (the API's `audit.read`). */
  audit: ['admin', 'partner'],
  people: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Section = keyof typeof SECTION_ROLES;

export function canOpenSection(role: Role, section: Section): boolean {
  return (SECTION_ROLES[section] as readonly Role[]).includes(role);
}

/** The roles an admin may invite (never client: the portal has its own invitations). */
export const INVITABLE_ROLES = STAFF_ROLES;
/** Who administers accounts: the firm always keeps at least one active user in one of these roles. */
export const ACCOUNT_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];
/** The roles the firm setting "two-factor required" applies to. */
export const TWO_FACTOR_REQUIRABLE_ROLES = ['admin', 'partner'] as const satisfies readonly Role[];

export function isAccountAdminRole(role: Role): boolean {
  return (ACCOUNT_ADMIN_ROLES as readonly Role[]).includes(role);
}

/** Whether the firm's "two-factor required for admins and partners" applies to this role. */
export function twoFactorRequiredFor(role: Role, firmRequires: boolean): boolean {
  return firmRequires && (TWO_FACTOR_REQUIRABLE_ROLES as readonly Role[]).includes(role);
}
