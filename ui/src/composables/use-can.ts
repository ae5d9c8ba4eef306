import { routeDecision, opensSection, type Action } from '../../../domain/policy';
import type { Section } from '../../../domain/roles';
import { useSessionStore } from '@/stores/session';

/**
 * What the signed-in user may do, asked of the one policy (domain/policy) with the capabilities the
 * firm grants their role — so a granted assistant is offered the designer's drafting, no more.
 * Case membership is the server's to check; this says what to offer.
 */
export function useCan() {
  const session = useSessionStore();
  return {
    can: (action: Action) => routeDecision(session.user ?? undefined, action) === 'allow',
    opens: (section: Section) => Boolean(session.user && opensSection(session.user, section)),
  };
}
