import { canOpenSection, type CaseRole, type Role, type Section } from '../roles';
import { ACTIONS, LEAD_ROLES, STAFF, ruleOf, type Action, type Rule } from './actions';
import { widenedBy, type Capability } from './capabilities';

export { documentScope, maySeeDocument, type DocumentFacts, type DocumentScope } from './documents';
export { CAPABILITIES, CAPABILITY_NAMES, capabilitiesFor, isCapability, type Capability } from './capabilities';
export { ACTIONS, CONFLICT_CONTACTS, LEAD_ROLES, STAFF, type Action, type Rule } from './actions';

/**
 * Who is asking. For an action on one case (or client) the caller says whether the viewer is on
 * its team (the lead lawyer is always a member); unknown membership counts as "not on it".
 */
export interface Viewer {
  readonly userId: string;
  readonly role: Role;
  /** The optional capabilities the firm has granted this viewer's role (none: the policy as `ACTIONS` says). */
  readonly capabilities?: readonly Capability[];
  readonly case?: { readonly member: boolean; readonly roles?: readonly CaseRole[] };
}

/** The thing acted on, where the rule looks at it: who made it. */
export interface Resource {
  readonly ownerId?: string | null;
}

/** What the API answers: go ahead, or the refusal status. */
export type Decision = 'allow' | 401 | 403 | 404;

/**
 * Which rows a list shows: every row, or those of the cases whose team `memberUserId` is on. db/
 * repositories take this plain object (they never see roles); `listScope` builds it.
 */
export type ListScope = { readonly all: true } | { readonly all: false; readonly memberUserId: string };

/** A signed-in user (session or actor, which carry `id`) as a viewer; `member`: on the case at hand. */
export function viewerOf(
  user: { readonly id: string; readonly role: Role; readonly capabilities?: readonly Capability[] },
  member?: boolean,
): Viewer {
  const base = { userId: user.id, role: user.role, ...(user.capabilities?.length ? { capabilities: user.capabilities } : {}) };
  return member === undefined ? base : { ...base, case: { member } };
}

export function isAction(name: string): name is Action {
  return Object.hasOwn(ACTIONS, name);
}

function allows(list: Rule['who'] | readonly Role[] | undefined, role: Role): boolean {
  return Array.isArray(list) && (list as readonly Role[]).includes(role);
}

/** The route-level answer: 401 without a session, 403 for a role the action is not for. */
export function routeDecision(viewer: Pick<Viewer, 'role' | 'capabilities'> | undefined, action: Action): Exclude<Decision, 404> {
  const { who } = ruleOf(action);
  if (who === 'anyone') return 'allow';
  if (!viewer) return 401;
  if (who === 'signed-in') return 'allow';
  return allows(who, viewer.role) || widenedBy(viewer.role, viewer.capabilities, action) ? 'allow' : 403;
}

/** Whether the role does this on every case (or client) of the firm, on its team or not. */
export function seesFirm(role: Role, action: Action): boolean {
  return allows(ruleOf(action).firmWide, role);
}

/** Whether the action asks for case (or client) membership of this role at all. */
export function needsMembership(role: Role, action: Action): boolean {
  return Boolean(ruleOf(action).scope) && !seesFirm(role, action);
}

/** The ownership clause alone (the caller has already been let onto the case): owner or `others`. */
export function ownerDecision(viewer: Pick<Viewer, 'userId' | 'role'>, action: Action, ownerId: string | null | undefined): Decision {
  const { owner } = ruleOf(action);
  if (!owner || ownerId === undefined) return 'allow';
  return ownerId === viewer.userId || allows(owner.others, viewer.role) ? 'allow' : owner.refuse;
}

/** The whole rule: route level, then case membership (404), then ownership. */
export function decide(viewer: Viewer | undefined, action: Action, resource: Resource = {}): Decision {
  const atRoute = routeDecision(viewer, action);
  if (atRoute !== 'allow' || !viewer) return atRoute;
  const rule = ruleOf(action);
  const creator = rule.creatorMay && resource.ownerId === viewer.userId;
  if (!creator && needsMembership(viewer.role, action) && !viewer.case?.member) return 404;
  return ownerDecision(viewer, action, resource.ownerId);
}

export function can(viewer: Viewer | undefined, action: Action, resource?: Resource): boolean {
  return decide(viewer, action, resource) === 'allow';
}

/** The SQL scope of a list for this viewer: firm-wide roles see every row, others their cases'. */
export function listScope(viewer: Pick<Viewer, 'userId' | 'role'>, action: Action): ListScope {
  return seesFirm(viewer.role, action) ? { all: true } : { all: false, memberUserId: viewer.userId };
}

/** Who may be made lead lawyer of a case: a lawyer or a partner (their own role). */
export function mayLeadCases(role: Role): boolean {
  return (LEAD_ROLES as readonly Role[]).includes(role);
}

/** A colleague at the firm (may be on a case team, be assigned tasks, attend events). */
export function isColleague(role: Role): boolean {
  return (STAFF as readonly Role[]).includes(role);
}

/** The roles an action is for, as the OpenAPI document shows them ('public' / 'authenticated' as is). */
export function rolesFor(action: Action): 'public' | 'authenticated' | readonly Role[] {
  const { who } = ruleOf(action);
  return who === 'anyone' ? 'public' : who === 'signed-in' ? 'authenticated' : who;
}

/**
 * Sections a granted capability opens beyond the role's own (the section's main action): an
 * assistant who may draft templates opens the template library.
 */
const SECTION_ACTIONS: Partial<Record<Section, Action>> = { templates: 'template.draft' };

/** Whether the viewer opens the section: by role, or by a capability that widens its main action. */
export function opensSection(viewer: Pick<Viewer, 'role' | 'capabilities'>, section: Section): boolean {
  const action = SECTION_ACTIONS[section];
  return canOpenSection(viewer.role, section) || (action !== undefined && widenedBy(viewer.role, viewer.capabilities, action));
}
