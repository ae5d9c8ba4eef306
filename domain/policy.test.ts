import { ROLES, type Role } from './roles';
import {
  ACTIONS,
  can,
  decide,
  isAction,
  listScope,
  mayLeadCases,
  ownerDecision,
  rolesFor,
  routeDecision,
  viewerOf,
  type Action,
  type Viewer,
} from './policy';

const viewer = (role: Role, member?: boolean, userId = 'u1'): Viewer => viewerOf({ id: userId, role }, member);

describe('the permission policy', () => {
  it('answers 401 without a session and 403 for a role the action is not for, before anything else', () => {
    expect(routeDecision(undefined, 'case.read')).toBe(401);
    expect(routeDecision(undefined, 'public')).toBe('allow');
    expect(routeDecision(undefined, 'authenticated')).toBe(401);
    expect(routeDecision(viewer('client'), 'authenticated')).toBe('allow');
    expect(routeDecision(viewer('client'), 'case.read')).toBe(403);
    expect(routeDecision(viewer('finance'), 'case.work')).toBe(403);
    expect(routeDecision(viewer('assistant'), 'case.close')).toBe(403);
    expect(routeDecision(viewer('lawyer'), 'case.migrate')).toBe(403);
    expect(routeDecision(viewer('partner'), 'audit.read')).toBe('allow');
    expect(routeDecision(viewer('lawyer'), 'audit.read')).toBe(403);
    expect(routeDecision(viewer('finance'), 'client.revealId')).toBe(403);
    expect(routeDecision(viewer('admin'), 'audit.read')).toBe('allow');
  });

  it('hides a case from whoever is off its team (404, never 403), except the firm-wide roles', () => {
    expect(decide(viewer('lawyer', false), 'case.read')).toBe(404);
    expect(decide(viewer('lawyer'), 'case.read')).toBe(404);
    expect(decide(viewer('lawyer', true), 'case.read')).toBe('allow');
    expect(decide(viewer('assistant', false), 'case.work')).toBe(404);
    expect(decide(viewer('partner', false), 'case.work')).toBe('allow');
    expect(decide(viewer('admin', false), 'case.reopen')).toBe('allow');
    // Finance sees every case's overview, but works on none.
    expect(decide(viewer('finance', false), 'case.read')).toBe('allow');
    expect(decide(viewer('finance', true), 'caseNote.read')).toBe(403);
    // A role the action is not for gets 403 whether or not it is on the case.
    expect(decide(viewer('lawyer', false), 'case.migrate')).toBe(403);
  });

  it('lets a portal user act only on the cases of clients they act for, and no one else through the portal', () => {
    expect(decide(viewer('client', true), 'portal.read')).toBe('allow');
    expect(decide(viewer('client', false), 'portal.read')).toBe(404);
    expect(decide(viewer('client'), 'portal.message')).toBe(404);
    for (const staff of ['partner', 'admin', 'lawyer', 'finance'] as const) expect(decide(viewer(staff, true), 'portal.read')).toBe(403);
    expect(routeDecision(viewer('client'), 'message.send')).toBe(403);
    expect(decide(viewer('lawyer', false), 'portalAccess.manage')).toBe(404);
    expect(decide(viewer('partner', false), 'portalAccess.manage')).toBe('allow');
  });

  it('lets only a note’s author edit it, and its author or a partner delete it', () => {
    const note = { ownerId: 'author' };
    expect(decide(viewer('assistant', true, 'author'), 'caseNote.edit', note)).toBe('allow');
    expect(decide(viewer('partner', true), 'caseNote.edit', note)).toBe(403);
    expect(decide(viewer('assistant', true), 'caseNote.delete', note)).toBe(403);
    expect(decide(viewer('partner', false), 'caseNote.delete', note)).toBe('allow');
    expect(decide(viewer('lawyer', false, 'author'), 'caseNote.delete', note)).toBe(404);
    expect(ownerDecision(viewer('admin'), 'communication.delete', 'someone')).toBe('allow');
    expect(ownerDecision(viewer('lawyer'), 'communication.delete', 'someone')).toBe(403);
    expect(ownerDecision(viewer('lawyer'), 'conflictCheck.read', 'someone')).toBe(404);
    expect(ownerDecision(viewer('lawyer'), 'savedSearch.manage', 'someone')).toBe(404);
  });

  it('lets an event’s organiser change it even off its case', () => {
    expect(decide(viewer('lawyer', false), 'calendarEvent.edit', { ownerId: 'u1' })).toBe('allow');
    expect(decide(viewer('lawyer', false), 'calendarEvent.edit', { ownerId: 'other' })).toBe(404);
    expect(decide(viewer('assistant', true), 'calendarEvent.edit', { ownerId: 'other' })).toBe('allow');
    expect(can(viewer('partner', false), 'calendarEvent.edit', { ownerId: 'other' })).toBe(true);
  });

  it('gives every list its SQL scope from the same table', () => {
    expect(listScope(viewer('partner'), 'case.list')).toEqual({ all: true });
    expect(listScope(viewer('finance'), 'case.list')).toEqual({ all: true });
    expect(listScope(viewer('lawyer'), 'case.list')).toEqual({ all: false, memberUserId: 'u1' });
    expect(listScope(viewer('assistant'), 'client.list')).toEqual({ all: false, memberUserId: 'u1' });
    expect(listScope(viewer('admin'), 'task.list')).toEqual({ all: true });
    expect(listScope(viewer('lawyer'), 'calendar.read')).toEqual({ all: false, memberUserId: 'u1' });
  });

  it('names who may lead a case', () => {
    expect(ROLES.filter(mayLeadCases)).toEqual(['partner', 'lawyer']);
  });

  it('is a consistent table: known roles only, and every case-scoped action says who sees the firm', () => {
    for (const [name, rule] of Object.entries(ACTIONS) as Array<[Action, (typeof ACTIONS)[Action]]>) {
      expect(isAction(name)).toBe(true);
      const who = rolesFor(name);
      if (Array.isArray(who)) for (const r of who) expect(ROLES).toContain(r);
      // A portal action is never firm-wide: a client's contact sees only the clients they act for.
      if ('scope' in rule) expect('firmWide' in rule).toBe(rule.scope !== 'portal');
    }
    expect(isAction('case.nonsense')).toBe(false);
    expect(isAction('toString')).toBe(false);
    expect(rolesFor('public')).toBe('public');
    expect(rolesFor('authenticated')).toBe('authenticated');
  });
});
