import type { ApiStack } from './api-stack';
import type { AuthzWorld } from './authz-world';
import type { Rng } from './fuzz-random';
import type { Operation } from './fuzz-schema';

/** Path parameter → the authorisation world's fixture, by the collection it follows. */
const PATH_FIXTURES: Record<string, string> = {
  'cases/{id}': 'caseId',
  'clients/{id}': 'clientId',
  'tasks/{id}': 'taskId',
  'events/{id}': 'eventId',
  'conflict-checks/{id}': 'checkId',
  'saved-searches/{id}': 'savedSearchId',
  'tags/{id}': 'tagId',
  'tasks/{taskId}': 'taskId',
  'parties/{partyId}': 'partyId',
  'team/{userId}': 'extraId',
  'notes/{noteId}': 'noteId',
  'contacts/{contactId}': 'contactId',
  'communications/{communicationId}': 'communicationId',
  'process-templates/{key}': 'templateKey',
  'versions/{version}': 'version',
  'migrations/{id}': 'migrationId',
  'overrides/{date}': 'date',
  'years/{year}': 'year',
  'feed/{file}': 'feedFile',
};

export function pathFixtureName(collection: string, name: string): string | undefined {
  return PATH_FIXTURES[`${collection}/{${name}}`];
}

/** What a path parameter and a uuid field of a body or query name in the world (else nothing). */
export function worldLookups(stack: ApiStack, world: AuthzWorld, rng: Rng) {
  const users: Record<string, string> = {
    userId: world.ids.extraId,
    leadLawyerId: stack.ids['li.ming'],
    assigneeId: stack.ids['li.ming'],
    memberId: stack.ids['li.ming'],
  };
  return {
    pathFixture: (collection: string, name: string) => world.ids[pathFixtureName(collection, name) ?? ''] ?? 'no-fixture',
    idFor: (field: string) => users[field] ?? world.ids[field] ?? (field === 'exceptId' ? world.ids.eventId : rng.uuid()),
  };
}

/**
 * Operations that use up the world (delete, close, archive, reopen, migrate, sign out) go last,
 * and signing in last of all: its failures lock the address, then the IP, out of signing in.
 */
export function fuzzOrder(ops: Operation[]): Operation[] {
  const rank = (o: Operation) => {
    if (o.key === 'POST /api/v1/auth/login') return 3;
    if (o.key === 'POST /api/v1/auth/logout') return 2;
    if (o.method === 'DELETE' || /\/(close|archive|reopen|migrate)$/.test(o.path)) return 1;
    return 0;
  };
  return [...ops].sort((a, b) => rank(a) - rank(b));
}

/** An accepted request that uses up its last path parameter's fixture: the world makes it again. */
export async function renewAfter(op: Operation, world: AuthzWorld): Promise<void> {
  if (op.method !== 'DELETE' && op.key !== 'POST /api/v1/process-templates/{key}/archive') return;
  const m = [...op.path.matchAll(/([^/]+)\/\{([^}]+)\}/g)].at(-1);
  const fixture = m ? pathFixtureName(m[1], m[2]) : undefined;
  if (fixture) await world.renew[fixture]?.();
}
