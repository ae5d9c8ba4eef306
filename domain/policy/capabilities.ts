import type { Role } from '../roles';
import type { Action } from './actions';

/**
 * The optional capabilities an admin may grant the firm. Each widens named actions for one role
 * (adds the role to the action's `who`); membership and ownership rules still apply. Grants are firm
 * settings (`capabilities`), carried on the viewer by the session; with no grants the policy is exactly
 * `ACTIONS`.
 */
export const CAPABILITIES = {
  /** Assistants create templates and save drafts (publishing stays with partners). */
  'assistant.draftTemplates': { role: 'assistant', widens: ['template.draft'] },
  /** Finance reads cases' descriptions (it sees every case's record and money already). */
  'finance.seeCaseDescriptions': { role: 'finance', widens: ['case.readDescription'] },
  /** Finance reads the firm's call and meeting notes with clients (it sees every client already). */
  'finance.readCommunications': { role: 'finance', widens: ['communication.read'] },
} as const satisfies Record<string, { role: Role; widens: readonly Action[] }>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

export function isCapability(name: string): name is Capability {
  return Object.hasOwn(CAPABILITIES, name);
}

/** The granted capabilities that apply to a role (what the session puts on its viewer). */
export function capabilitiesFor(role: Role, granted: readonly string[]): Capability[] {
  return granted.filter(isCapability).filter((c) => CAPABILITIES[c].role === role);
}

/** Whether one of the viewer's capabilities widens this action for the viewer's role. */
export function widenedBy(role: Role, capabilities: readonly Capability[] | undefined, action: Action): boolean {
  return (capabilities ?? []).some((c) => {
    const cap = CAPABILITIES[c];
    return cap.role === role && (cap.widens as readonly Action[]).includes(action);
  });
}
