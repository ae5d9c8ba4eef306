import pino from 'pino';
import { decide, isAction, routeDecision, type Action, type Decision } from '../domain/policy';
import type { Role } from '../domain/roles';
import { createApp } from './app';
import type { Engine } from './engine';
import { TEST_POLICY, testStorage } from '../test/helpers/app';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { buildAuthzWorld, MATRIX_VIEWERS, type AuthzWorld, type MatrixViewer } from '../test/helpers/authz-world';

/**
 * The authorisation matrix, generated: every operation of the live OpenAPI document × eight
 * viewers gets the status the policy (domain/policy) predicts. Allowed viewers send an empty body
 * (or an invalid one where an empty body would really act), so they meet validation, not data;
 * a viewer the policy refuses past the route sends a valid body, so the refusal is what answers.
 */

/** Where `{}` would pass validation and really do something: allowed viewers send `[]` instead. */
const INVALID_FOR_ALLOWED = new Set([
  'POST /api/v1/cases/{id}/tasks/{taskId}/complete',
  'POST /api/v1/tasks/{id}/complete',
  'POST /api/v1/cases/{id}/migrate',
  'POST /api/v1/process-templates/{key}/publish',
  'PUT /api/v1/process-templates/{key}/draft',
  'POST /api/v1/system/ping',
]);

/**
 * Valid bodies for viewers refused past the route (membership or ownership), where `{}` is invalid
 * (an empty PATCH is too: nonEmptyPatch). They are the fixtures' own values: nothing would change.
 */
function validBody(op: string, w: AuthzWorld): unknown {
  const start = new Date(Date.now() + 2 * 86_400_000);
  const bodies: Record<string, unknown> = {
    'POST /api/v1/cases/{id}/parties': { role: 'opposing', kind: 'person', name: '对方' },
    'POST /api/v1/cases/{id}/team': { userId: w.ids.extraId, role: 'lawyer' },
    'POST /api/v1/cases/{id}/notes': { body: '矩阵' },
    'PATCH /api/v1/cases/{id}': { title: '授权矩阵' },
    'PATCH /api/v1/people/{id}/profile': { licenceNo: null },
    'PATCH /api/v1/cases/{id}/parties/{partyId}': { name: '对方' },
    'PATCH /api/v1/cases/{id}/notes/{noteId}': { body: '矩阵' },
    'PUT /api/v1/cases/{id}/tags': { tagIds: [] },
    'POST /api/v1/cases/{id}/archive': { checklist: {} },
    'POST /api/v1/cases/{id}/reopen': { reason: '矩阵' },
    'POST /api/v1/cases/{id}/advance': { reason: '矩阵' },
    'POST /api/v1/cases/{id}/events': { name: 'judgmentServed' },
    'POST /api/v1/cases/{id}/close': { outcome: '矩阵' },
    'PATCH /api/v1/clients/{id}': { notes: null },
    'POST /api/v1/clients/{id}/contacts': { name: '联系人' },
    'PATCH /api/v1/clients/{id}/contacts/{contactId}': { name: '联系人' },
    'POST /api/v1/clients/{id}/communications': { kind: 'phone', occurredAt: new Date().toISOString(), summary: '电话' },
    'POST /api/v1/tasks/{id}/comments': { body: '矩阵' },
    'POST /api/v1/cases/{id}/messages': { body: '矩阵' },
    'POST /api/v1/portal/cases/{id}/messages': { body: '矩阵' },
    'POST /api/v1/cases/{id}/document-requests': { title: '矩阵', items: ['材料'], dueOn: start.toISOString().slice(0, 10) },
    'POST /api/v1/documents/{id}/reject': { note: '矩阵' },
    'PATCH /api/v1/tasks/{id}': { priority: 'normal' },
    'POST /api/v1/documents/{id}/comments': { body: '矩阵' },
    'POST /api/v1/cases/{id}/documents/generate': { templateKey: 'power-of-attorney' },
    'POST /api/v1/cases/{id}/document-folders': { name: '矩阵文件夹' },
    'PATCH /api/v1/documents/{id}': { name: '委托合同.pdf' },
    'PATCH /api/v1/cases/{id}/document-folders/{folderId}': { name: '矩阵' },
    'PUT /api/v1/cases/{id}/fee-arrangement': { components: [{ kind: 'fixed', amountFen: 100_000, instalments: [] }] },
    'POST /api/v1/cases/{id}/expenses': { category: 'courier', amountFen: 100, spentOn: '2026-12-01', paidBy: 'firm' },
    'PATCH /api/v1/time-entries/{id}': { narrative: '矩阵' },
    'POST /api/v1/clients/{id}/portal-invitations': { name: '矩阵', email: 'authz-refused@example.com' },
    'PATCH /api/v1/calendar/events/{id}': { title: '会议' },
    'PUT /api/v1/calendar/events/{id}': {
      kind: 'meeting',
      title: '会议',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    },
  };
  return bodies[op] ?? {};
}

/** Path parameter → fixture, by the collection it follows. Owned things are the on-case lawyer's. */
const PARAMS: Record<string, { fixture: string; scoped?: boolean; owned?: boolean }> = {
  'cases/{id}': { fixture: 'caseId', scoped: true },
  'clients/{id}': { fixture: 'clientId', scoped: true },
  'tasks/{id}': { fixture: 'taskId', scoped: true },
  'events/{id}': { fixture: 'eventId', scoped: true, owned: true },
  'conflict-checks/{id}': { fixture: 'checkId', owned: true },
  'saved-searches/{id}': { fixture: 'savedSearchId', owned: true },
  'tags/{id}': { fixture: 'tagId' },
  'tasks/{taskId}': { fixture: 'taskId' },
  'parties/{partyId}': { fixture: 'partyId' },
  'team/{userId}': { fixture: 'extraId' },
  'notes/{noteId}': { fixture: 'noteId', owned: true },
  'contacts/{contactId}': { fixture: 'contactId' },
  'communications/{communicationId}': { fixture: 'communicationId', owned: true },
  'process-templates/{key}': { fixture: 'templateKey' },
  'versions/{version}': { fixture: 'version' },
  'migrations/{id}': { fixture: 'migrationId' },
  'overrides/{date}': { fixture: 'date' },
  'years/{year}': { fixture: 'year' },
  'feed/{file}': { fixture: 'feedFile' },
  'sessions/{id}': { fixture: 'sessionId' },
  'documents/{id}': { fixture: 'documentId', scoped: true },
  'comments/{commentId}': { fixture: 'commentId' },
  'document-folders/{folderId}': { fixture: 'folderId' },
  'versions/{number}': { fixture: 'version' },
  'document-categories/{key}': { fixture: 'categoryKey' },
  'document-templates/{key}': { fixture: 'documentTemplateKey' },
  'time-entries/{id}': { fixture: 'timeEntryId', owned: true },
  'expenses/{id}': { fixture: 'expenseId' },
  'invoices/{id}': { fixture: 'invoiceId', scoped: true },
  'portal-invitations/{invitationId}': { fixture: 'invitationId' },
  'portal-access/{userId}': { fixture: 'portalUserId' },
  'portal/invitations/{token}': { fixture: 'invitationToken' },
  'users/{id}': { fixture: 'extraId' },
  'invitations/{id}': { fixture: 'staffInvitationId' },
  'staff-invitations/{token}': { fixture: 'staffInvitationToken' },
  'password-reset/{token}': { fixture: 'resetToken' },
  'document-requests/{id}': { fixture: 'documentRequestId', scoped: true },
  'portal/document-requests/{id}': { fixture: 'documentRequestId', scoped: true },
  // The client portal: the fixture case (its client is the portal user's), a document shared with the client, an issued invoice.
  'portal/cases/{id}': { fixture: 'caseId', scoped: true },
  'portal/documents/{id}': { fixture: 'portalDocumentId', scoped: true },
  'portal/invoices/{id}': { fixture: 'portalInvoiceId', scoped: true },
  // A staff profile: the on-case lawyer's own (only they and admins may change it).
  'people/{id}': { fixture: 'personId', owned: true },
};

interface Operation {
  key: string;
  method: string;
  path: string;
  action: Action;
  params: Array<{ slot: string; fixture: string; scoped?: boolean; owned?: boolean }>;
}

function operationsOf(doc: { paths: Record<string, Record<string, { 'x-action'?: string }>> }): { ops: Operation[]; problems: string[] } {
  const ops: Operation[] = [];
  const problems: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const key = `${method.toUpperCase()} ${path}`;
      const action = spec['x-action'];
      if (!action || !isAction(action)) {
        problems.push(`${key}: its route spec names no policy action (${action ?? 'none'}): add it to domain/policy`);
        continue;
      }
      // The portal's parameters are fixtures of their own (what a portal user of the fixture client sees).
      const area = path.startsWith('/api/v1/portal/') ? 'portal/' : '';
      const params = [...path.matchAll(/([^/]+)\/(\{[^}]+\})/g)].map(([slot, collection, name]) => {
        const p = PARAMS[`${area}${collection}/${name}`];
        if (!p)
          problems.push(`${key}: no fixture for ${name} after /${area}${collection}: add one to PARAMS and test/helpers/authz-world.ts`);
        return { slot, ...(p ?? { fixture: '?' }) };
      });
      ops.push({ key, method: method.toUpperCase(), path, action, params });
    }
  }
  // Signing out ends the viewer's session: it goes last.
  const late = (o: Operation) => (o.key === 'POST /api/v1/auth/logout' ? 1 : 0);
  return { ops: ops.sort((a, b) => late(a) - late(b)), problems };
}

/** An operation that uses up its last path parameter's fixture: it is made again per viewer. */
function consumes(op: Operation): boolean {
  return op.method === 'DELETE' || op.key === 'POST /api/v1/process-templates/{key}/archive';
}

/** What the policy says this viewer gets for this operation on the fixtures. */
function predict(op: Operation, who: MatrixViewer, stack: ApiStack, world: AuthzWorld): Decision {
  const person = MATRIX_VIEWERS[who].person;
  const viewer = person ? { userId: stack.ids[person], role: roles[person] } : undefined;
  if (!viewer || !op.params.some((p) => p.scoped || p.owned)) return routeDecision(viewer, op.action);
  const scoped = op.params.some((p) => p.scoped);
  const resource = op.params.some((p) => p.owned) ? { ownerId: world.ownerId } : {};
  return decide(scoped ? { ...viewer, case: { member: MATRIX_VIEWERS[who].member } } : viewer, op.action, resource);
}

/**
 * Whether a status is what the policy predicts. Allowed viewers pass the policy; their empty PATCH
 * has nothing to change, so every one answers 400 (never a 500, never a write).
 */
function judge(op: Operation, expected: Decision, status: number): { fine: boolean; wanted: string } {
  if (expected !== 'allow') return { fine: status === expected, wanted: String(expected) };
  if (op.method === 'PATCH') return { fine: status === 400, wanted: '400 (nothing to change)' };
  return { fine: ![401, 403, 404].includes(status) && status < 500, wanted: 'not 401/403/404' };
}

async function send(stack: ApiStack, cookie: string, op: Operation, path: string, body: unknown) {
  const headers: Record<string, string> = { origin: stack.app.url };
  if (cookie) headers.cookie = cookie;
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  if (hasBody) headers['content-type'] = 'application/json';
  const res = await fetch(stack.app.url + path, {
    method: op.method,
    headers,
    body: hasBody ? JSON.stringify(body) : undefined,
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  await res.body?.cancel(); // the notification stream never ends by itself
  return { status: res.status, requestId: res.headers.get('x-request-id') ?? '' };
}

let stack: ApiStack;
let world: AuthzWorld;
let roles: Record<string, Role>;
beforeAll(async () => {
  stack = await startApiStack('authz', { historical: 0 });
  world = await buildAuthzWorld(stack);
  const users: Array<{ email: string; role: Role }> = await stack.tdb.db('users').select('email', 'role');
  roles = Object.fromEntries(users.map((u) => [u.email.split('@')[0], u.role]));
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('the authorisation matrix', () => {
  it('knows every route the app serves from the OpenAPI document', async () => {
    const app = createApp({
      db: stack.tdb.db,
      temporal: {} as Engine,
      storage: testStorage().storage,
      logger: pino({ level: 'silent' }),
      config: TEST_POLICY,
    });
    const doc = (await (await fetch(`${stack.app.url}/api/docs`)).json()) as {
      paths: Record<string, Record<string, { 'x-action'?: string }>>;
    };
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([p, m]) =>
        Object.keys(m).map((x) => `${x} ${p.replace('/api/v1', '').replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = expressRoutes(app.router);
    expect(served.length).toBeGreaterThan(90);
    // Only the document itself is served beside the registry.
    expect(served.filter((r) => !documented.has(r))).toEqual(['get /api/docs']);
  });

  it('answers every operation × viewer with the status the policy predicts', async () => {
    const doc = (await (await fetch(`${stack.app.url}/api/docs`)).json()) as {
      paths: Record<string, Record<string, { 'x-action'?: string }>>;
    };
    const { ops, problems } = operationsOf(doc);
    expect(problems).toEqual([]);
    const wrong: string[] = [];
    const seen: Record<string, number> = {};
    const mutations: Array<{ what: string; requestId: string; status: number }> = [];
    let checked = 0;
    for (const op of ops) {
      for (const who of Object.keys(MATRIX_VIEWERS) as MatrixViewer[]) {
        const expected = predict(op, who, stack, world);
        if (consumes(op)) for (const p of op.params.slice(-1)) await world.renew[p.fixture]?.();
        const path = op.params.reduce(
          (acc, p) => acc.replace(p.slot, p.slot.replace(/\{[^}]+\}$/, encodeURIComponent(world.ids[p.fixture] ?? ''))),
          op.path,
        );
        const body = expected === 'allow' ? (INVALID_FOR_ALLOWED.has(op.key) ? [] : {}) : validBody(op.key, world);
        const person = MATRIX_VIEWERS[who].person;
        const { status, requestId } = await send(stack, person ? stack.as[person].cookie : '', op, path, body);
        if (op.method !== 'GET') mutations.push({ what: `${op.key} as ${who}`, requestId, status });
        checked++;
        seen[expected] = (seen[expected] ?? 0) + 1;
        const { fine, wanted } = judge(op, expected, status);
        if (!fine) wrong.push(`${op.key} as ${who} (${op.action}): expected ${wanted}, got ${status}`);
      }
      // The last viewer's DELETE used it up too: the operations after this one find it again.
      if (consumes(op)) for (const p of op.params.slice(-1)) await world.renew[p.fixture]?.();
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(ops.length * 8);
    // Audit completeness: every mutating request, accepted or refused (401, 403, 404, 400 …), has
    // exactly one audit row under its request id, completed with the status it was answered with.
    const rows: Array<{ request_id: string; status: number | null }> = await stack.tdb
      .db('audit_log')
      .whereIn(
        'request_id',
        mutations.map((m) => m.requestId),
      )
      .select('request_id', 'status');
    const byRequest = new Map<string, number[]>();
    for (const r of rows) byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), r.status ?? -1]);
    const unaudited = mutations.filter((m) => JSON.stringify(byRequest.get(m.requestId)) !== JSON.stringify([m.status]));
    expect(unaudited.map((m) => `${m.what}: answered ${m.status}, audit ${JSON.stringify(byRequest.get(m.requestId) ?? [])}`)).toEqual([]);
    expect(mutations.length).toBeGreaterThan(400);
    expect(new Set(mutations.map((m) => m.status)).size).toBeGreaterThan(4);
    // Every kind of answer is exercised, the membership and ownership refusals among them.
    expect(Object.keys(seen).sort()).toEqual(['401', '403', '404', 'allow']);
    expect(ops.length).toBeGreaterThan(90);
  }, 300_000); // ~230 operations × 8 viewers: half a minute alone, several on a machine busy with other suites
});

/** "method path" of every route in the app and its routers (paths relative to their mount). */
function expressRoutes(router: { stack?: unknown[] } | undefined): string[] {
  const out: string[] = [];
  for (const layer of (router?.stack ?? []) as Array<{
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: unknown[] };
  }>) {
    if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${layer.route.path}`);
    else if (layer.handle?.stack) out.push(...expressRoutes(layer.handle));
  }
  return out;
}
