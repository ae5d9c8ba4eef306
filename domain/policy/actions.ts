import { STAFF_ROLES, type Role } from '../roles';

/** Everyone who works at the firm (the staff app), as opposed to the client portal. */
export const STAFF = STAFF_ROLES;
/** Who works on cases: everyone at the firm but finance. */
const CASE_WORK = ['admin', 'partner', 'lawyer', 'assistant'] as const satisfies readonly Role[];
const LAWYERS = ['admin', 'partner', 'lawyer'] as const satisfies readonly Role[];
const MANAGERS = ['admin', 'partner'] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];
/** Who sees every case and client without being on its team (finance: the overview and money only). */
const OVERVIEW = ['admin', 'partner', 'finance'] as const satisfies readonly Role[];
/** Who approves money spent and time recorded before it can be billed. */
const MONEY_APPROVERS = ['admin', 'partner', 'finance'] as const satisfies readonly Role[];
/** The firm issues invoices and records payments: finance only. */
const FINANCE = ['finance'] as const satisfies readonly Role[];
/** A client's contact signed in to the portal: acts only for the clients of their portal memberships. */
const PORTAL = ['client'] as const satisfies readonly Role[];

/**
 * Whom a colleague asks about a conflict-check hit they may not see, when it has no lead lawyer to
 * ask (a client record, a contact, a matter whose lead has left): the partners — the firm settings
 * name no partner in charge of conflicts.
 */
export const CONFLICT_CONTACTS = ['partner'] as const satisfies readonly Role[];

/** Who may lead a case (the lead lawyer's own role, not the caller's). */
export const LEAD_ROLES = ['lawyer', 'partner'] as const satisfies readonly Role[];

/**
 * One rule per action.
 * - `who`: 'anyone', 'signed-in', or the roles that may do it at all (others: 401/403 at the route).
 * - `scope`: the action is on one case (or one client, seen through its cases), or — `portal` — on a
 *   case of a client the portal user acts for (`member` is then that membership); `firmWide` roles need
 *   no membership, everyone else must be on the team, or the thing does not exist for them (404: a
 *   lawyer off a case never learns it is there). Lists with a `firmWide` use it for their SQL scope.
 * - `owner`: the thing belongs to whoever made it; only the owner or the `others` roles may do it,
 *   the rest get `refuse`.
 * - `creatorMay`: whoever made the thing may do it even off its case.
 */
export interface Rule {
  readonly who: 'anyone' | 'signed-in' | readonly Role[];
  readonly scope?: 'case' | 'client' | 'portal';
  readonly firmWide?: readonly Role[];
  readonly owner?: { readonly others: readonly Role[]; readonly refuse: 403 | 404 };
  readonly creatorMay?: boolean;
}

/** Every action a route or service asks about. The portal and billing rules extend this table. */
export const ACTIONS = {
  public: { who: 'anyone' },
  authenticated: { who: 'signed-in' },

  'case.list': { who: STAFF, firmWide: OVERVIEW },
  'case.read': { who: STAFF, scope: 'case', firmWide: OVERVIEW },
  /** A case's description (the lawyer's notes on the matter): not finance's, unless finance.seeCaseDescriptions. */
  'case.readDescription': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'case.create': { who: LAWYERS },
  'case.update': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'case.changeLead': { who: MANAGERS, scope: 'case', firmWide: OVERVIEW },
  /** Complete its tasks, advance a stage, record an event. */
  'case.work': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'case.close': { who: LAWYERS, scope: 'case', firmWide: OVERVIEW },
  'case.archive': { who: LAWYERS, scope: 'case', firmWide: OVERVIEW },
  'case.reopen': { who: MANAGERS, scope: 'case', firmWide: OVERVIEW },
  'case.migrate': { who: MANAGERS, scope: 'case', firmWide: OVERVIEW },
  'case.timeline': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'caseTeam.edit': { who: LAWYERS, scope: 'case', firmWide: OVERVIEW },
  'caseParty.read': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'caseParty.edit': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  /** See a party's full identity number (answers mask it): those on the case, partners firm-wide; not finance. Audited. */
  'caseParty.revealId': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'caseTag.edit': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'caseNote.read': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'caseNote.add': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW },
  'caseNote.edit': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW, owner: { others: [], refuse: 403 } },
  'caseNote.delete': { who: CASE_WORK, scope: 'case', firmWide: OVERVIEW, owner: { others: MANAGERS, refuse: 403 } },
  'report.read': { who: OVERVIEW },

  'client.list': { who: STAFF, firmWide: OVERVIEW },
  'client.read': { who: STAFF, scope: 'client', firmWide: OVERVIEW },
  'client.create': { who: CASE_WORK },
  'client.update': { who: CASE_WORK, scope: 'client', firmWide: OVERVIEW },
  /** See a client's full 身份证号 (answers mask it): its case team, partners firm-wide; not finance. Audited. */
  'client.revealId': { who: CASE_WORK, scope: 'client', firmWide: MANAGERS },
  'client.delete': { who: MANAGERS, scope: 'client', firmWide: OVERVIEW },
  'client.timeline': { who: CASE_WORK, scope: 'client', firmWide: OVERVIEW },
  'communication.read': { who: CASE_WORK, scope: 'client', firmWide: OVERVIEW },
  'communication.add': { who: CASE_WORK, scope: 'client', firmWide: OVERVIEW },
  'communication.delete': { who: CASE_WORK, scope: 'client', firmWide: OVERVIEW, owner: { others: MANAGERS, refuse: 403 } },
  'conflictCheck.run': { who: CASE_WORK },
  /** A check on a case follows the case; one without a case is its runner's (partners: all). */
  'conflictCheck.read': { who: CASE_WORK, firmWide: MANAGERS, owner: { others: MANAGERS, refuse: 404 } },
  'conflictCheck.decide': { who: MANAGERS },

  'task.list': { who: CASE_WORK, firmWide: MANAGERS },
  'task.load': { who: MANAGERS },
  'task.work': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'calendar.read': { who: CASE_WORK, firmWide: MANAGERS },
  /** Another person's calendar. */
  'calendar.readOthers': { who: MANAGERS },
  /** Its organiser, a partner, or (for a case event) anyone on the case. */
  'calendarEvent.edit': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS, creatorMay: true },
  'calendarFeed.manage': { who: CASE_WORK },

  /** The 工作台: every member of staff; the tiles shown follow the other actions (task.list, conflictCheck.decide …). */
  'dashboard.read': { who: STAFF },
  /** The firm's tiles of the 工作台: open cases by stage and area, overdue work per person, idle cases. */
  'dashboard.firm': { who: MANAGERS },

  'template.read': { who: STAFF },
  'template.edit': { who: MANAGERS },
  /** Create a template and save its draft (the capability assistant.draftTemplates widens it). */
  'template.draft': { who: MANAGERS },
  'template.publish': { who: MANAGERS },
  'template.migrate': { who: MANAGERS },
  /** Where the template's cases stand (counts and times across the firm's cases). */
  'template.heatmap': { who: MANAGERS },

  'deadline.read': { who: STAFF },
  'holiday.read': { who: STAFF },
  'holiday.edit': { who: ADMIN },
  'tag.read': { who: STAFF },
  'tag.edit': { who: ADMIN },
  'user.list': { who: STAFF },
  /** The people page: list, invite, change roles, deactivate and reactivate, send reset links, the firm's sign-in security. */
  'user.admin': { who: ADMIN },
  /** One's own password and two-factor sign-in. */
  'account.manage': { who: STAFF },
  /** Saved searches are private: another user's does not exist for you. */
  'savedSearch.manage': { who: STAFF, owner: { others: [], refuse: 404 } },
  'preferences.manage': { who: STAFF },
  /** The audit log, firm-wide: admins and partners (a firm must answer who looked at a file). */
  'audit.read': { who: MANAGERS },
  /** The firm's settings (name, codes, letterhead, case numbers, hours) and its granted capabilities. */
  'firmSettings.read': { who: ADMIN },
  'firmSettings.edit': { who: ADMIN },
  /** A colleague's staff profile (licence number, practice areas, supervisor, working hours). */
  'profile.read': { who: STAFF },
  /** Change a profile: one's own (licence number, working hours) or, for admins, anyone's. */
  'profile.edit': { who: STAFF, owner: { others: ADMIN, refuse: 403 } },
  /** Set a colleague's practice areas and supervisor. */
  'profile.assign': { who: ADMIN },
  'outbox.read': { who: ADMIN },
  /** See and lift sign-in locks (throttled accounts). */
  'signInLock.manage': { who: ADMIN },
  'system.ping': { who: ADMIN },
  /** See case workflows that keep failing (read from Temporal). */
  'system.stuckCases': { who: ADMIN },

  /** A document of a case: who sees which (categories, confidential) is `documentScope`, one rule for SQL and checks. */
  'document.read': { who: STAFF, scope: 'case', firmWide: OVERVIEW },
  /** Upload, a new version, restore, rename, move, flags. */
  'document.edit': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'document.delete': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'document.comment': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'document.generate': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'documentFolder.edit': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  /** Search and lists across cases: scoped in SQL by `documentScope`. */
  'document.search': { who: STAFF },
  'clientDocument.read': { who: STAFF, scope: 'client', firmWide: OVERVIEW },
  'clientDocument.edit': { who: CASE_WORK, scope: 'client', firmWide: MANAGERS },
  'document.recycleBin': { who: MANAGERS },
  /** Empty the recycle bin: the bytes are gone for good. */
  'document.purge': { who: ADMIN },
  'documentCategory.read': { who: STAFF },
  'documentCategory.manage': { who: ADMIN },
  'documentTemplate.read': { who: STAFF },
  'documentTemplate.manage': { who: ADMIN },

  /** A case's money: its fee arrangement, draft lines, invoices and figures (lawyers: their cases). */
  'fee.read': { who: STAFF, scope: 'case', firmWide: OVERVIEW },
  /** Set or change the fee arrangement (收费方式). */
  'fee.edit': { who: LAWYERS, scope: 'case', firmWide: MANAGERS },
  /** Record a reason to agree a contingency fee above the 2021 cap: a partner only. */
  'fee.overrideCap': { who: ['partner'] },
  'billingSettings.read': { who: STAFF },
  'billingSettings.edit': { who: ['admin', 'finance'] },
  /** One's own timer and time entries; an entry is on a case its recorder works on. */
  'time.record': { who: CASE_WORK },
  /** Time entries: one's own; approvers and finance see everyone's. */
  'time.list': { who: STAFF, firmWide: MONEY_APPROVERS },
  /** Change or delete an entry not yet approved: its recorder only (another's does not exist for you). */
  'time.edit': { who: CASE_WORK, owner: { others: [], refuse: 404 } },
  'time.approve': { who: MANAGERS },
  'expense.read': { who: STAFF, scope: 'case', firmWide: OVERVIEW },
  'expense.record': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'expense.approve': { who: MONEY_APPROVERS },
  'invoice.list': { who: STAFF, firmWide: OVERVIEW },
  'invoice.read': { who: STAFF, scope: 'case', firmWide: OVERVIEW },
  /** Draft, issue, void and credit invoices, record payments and write-offs. */
  'invoice.manage': { who: FINANCE },

  /** A client's portal accounts: who has one, invitations (lawyers and assistants of its cases). */
  'portalAccess.read': { who: CASE_WORK, scope: 'client', firmWide: MANAGERS },
  /** Invite a contact, revoke an account's access to this client. */
  'portalAccess.manage': { who: CASE_WORK, scope: 'client', firmWide: MANAGERS },
  /** The secure message thread of a case with its client, and read receipts. */
  'message.read': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  'message.send': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },
  /** Ask the client for documents (a request with a due date) and accept or refuse what they upload. */
  'documentRequest.manage': { who: CASE_WORK, scope: 'case', firmWide: MANAGERS },

  /** The portal: what a client's contact sees and does on their own clients' cases (others: 404). */
  'portal.read': { who: PORTAL, scope: 'portal' },
  'portal.message': { who: PORTAL, scope: 'portal' },
  'portal.upload': { who: PORTAL, scope: 'portal' },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof ACTIONS;

export function ruleOf(action: Action): Rule {
  return ACTIONS[action];
}
