import { ACTIONS, CAPABILITIES, CAPABILITY_NAMES, can, capabilitiesFor, decide, routeDecision, viewerOf, type Action } from '.';
import type { Role } from '../roles';

const viewer = (role: Role, granted: readonly string[] = [], member?: boolean) =>
  viewerOf({ id: 'u1', role, capabilities: capabilitiesFor(role, granted) }, member);

describe('optional capabilities', () => {
  it('with nothing granted the policy is the table', () => {
    expect(routeDecision(viewer('assistant'), 'template.draft')).toBe(403);
    expect(routeDecision(viewer('finance'), 'communication.read')).toBe(403);
  });

  it('assistant.draftTemplates lets assistants create and save drafts, never publish', () => {
    const a = viewer('assistant', ['assistant.draftTemplates']);
    expect(can(a, 'template.draft')).toBe(true);
    expect(can(a, 'template.publish')).toBe(false);
    expect(can(a, 'template.edit')).toBe(false);
  });

  it('a grant applies to its role only: a lawyer or finance gains nothing from the assistant capability', () => {
    expect(capabilitiesFor('lawyer', ['assistant.draftTemplates'])).toEqual([]);
    expect(can(viewer('lawyer', ['assistant.draftTemplates']), 'template.draft')).toBe(false);
    // Even a viewer object carrying another role's capability is not widened by it.
    expect(can({ userId: 'u', role: 'finance', capabilities: ['assistant.draftTemplates'] }, 'template.draft')).toBe(false);
  });

  it('finance.readCommunications lets finance read every client communication (firm-wide already), nothing more', () => {
    const f = viewer('finance', ['finance.readCommunications'], false);
    expect(decide(f, 'communication.read')).toBe('allow');
    expect(decide(f, 'communication.add')).toBe(403);
  });

  it('unknown names in the stored grants are ignored', () => {
    expect(capabilitiesFor('assistant', ['assistant.everything', 'assistant.draftTemplates'])).toEqual(['assistant.draftTemplates']);
  });

  it('every capability widens real actions its role does not already have', () => {
    for (const name of CAPABILITY_NAMES) {
      const { role, widens } = CAPABILITIES[name];
      for (const action of widens as readonly Action[]) {
        expect(ACTIONS[action]).toBeDefined();
        expect(routeDecision({ role }, action)).toBe(403);
      }
    }
  });
});
