import type { HttpClient } from '../test/helpers/app';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { eventually } from '../test/helpers/engine';

/**
 * Every PATCH whose fields are all optional refuses an empty body: `{}` (or only fields the
 * contract does not know) is a 400 problem saying there is nothing to change — never a 500 from an
 * empty SQL update, never a silent write. The row stays as it was and the audit entry records the
 * refusal, not a change.
 */

let stack: ApiStack;
let fixture: Record<string, string>;

beforeAll(async () => {
  stack = await startApiStack('empty-patch', { historical: 0 });
  const lawyer = stack.as['li.ming'];
  const client = (await lawyer.post('/api/v1/clients', { kind: 'organisation', name: '空补丁测试有限公司' })).body;
  const contact = (await lawyer.post(`/api/v1/clients/${client.id}/contacts`, { name: '联系人' })).body;
  const kase = (
    await lawyer.post('/api/v1/cases', {
      title: '空补丁',
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: stack.ids['li.ming'],
      parties: [{ role: 'opposing', kind: 'person', name: '对方' }],
    })
  ).body;
  // The workflow enters the first stage and opens its first task a moment after the case opens: after that, the row rests.
  await eventually(() => stack.tdb.db('tasks').where({ case_id: kase.id, status: 'open' }).first('id'));
  const party = (await lawyer.get(`/api/v1/cases/${kase.id}/parties`)).body.items.find((p: { role: string }) => p.role === 'opposing');
  const task = (await lawyer.post('/api/v1/tasks', { caseId: kase.id, title: '手工任务' })).body;
  const tag = (await stack.as.admin.post('/api/v1/tags', { vocabulary: 'tag', name: '空补丁' })).body;
  const pdf = Buffer.from('%PDF-1.4\n% 空补丁\n%%EOF\n');
  const document = (await lawyer.upload(`/api/v1/cases/${kase.id}/documents`, [{ name: '空补丁.pdf', data: pdf }])).body.items[0];
  const folder = (await lawyer.post(`/api/v1/cases/${kase.id}/document-folders`, { name: '空补丁' })).body;
  const timeEntry = (
    await lawyer.post('/api/v1/time-entries', { caseId: kase.id, workDate: '2026-12-01', minutes: 6, narrative: '空补丁' })
  ).body;
  const event = (
    await lawyer.post('/api/v1/calendar/events', {
      caseId: kase.id,
      kind: 'hearing',
      title: '空补丁开庭',
      startsAt: '2026-12-10T09:30:00+08:00',
      endsAt: '2026-12-10T11:30:00+08:00',
      hearing: { type: 'court_session', courtroom: '第十法庭' },
    })
  ).body;
  fixture = {
    eventId: event.id,
    clientId: client.id,
    contactId: contact.id,
    caseId: kase.id,
    partyId: party.id,
    taskId: task.id,
    tagId: tag.id,
    documentId: document.id,
    folderId: folder.id,
    categoryKey: 'other',
    timeEntryId: timeEntry.id,
    firmSettingsKey: 'firm',
    personId: stack.ids['li.ming'],
  };
  expect(Object.values(fixture).every(Boolean)).toBe(true);
}, 60_000);
afterAll(() => stack?.close());

/**
 * Each PATCH with an all-optional body, as the OpenAPI document names it: who may send it, the
 * fixture of each path parameter, and the row it would change (the last parameter's).
 */
const ROUTES: Array<{ op: string; who: 'li.ming' | 'admin'; params: Record<string, string>; table: string; key?: string }> = [
  { op: '/api/v1/documents/{id}', who: 'li.ming', params: { id: 'documentId' }, table: 'documents' },
  {
    op: '/api/v1/cases/{id}/document-folders/{folderId}',
    who: 'li.ming',
    params: { id: 'caseId', folderId: 'folderId' },
    table: 'document_folders',
  },
  { op: '/api/v1/document-categories/{key}', who: 'admin', params: { key: 'categoryKey' }, table: 'document_categories', key: 'key' },
  { op: '/api/v1/tags/{id}', who: 'admin', params: { id: 'tagId' }, table: 'tags' },
  { op: '/api/v1/time-entries/{id}', who: 'li.ming', params: { id: 'timeEntryId' }, table: 'time_entries' },
  { op: '/api/v1/cases/{id}', who: 'li.ming', params: { id: 'caseId' }, table: 'cases' },
  { op: '/api/v1/cases/{id}/parties/{partyId}', who: 'li.ming', params: { id: 'caseId', partyId: 'partyId' }, table: 'case_parties' },
  { op: '/api/v1/tasks/{id}', who: 'li.ming', params: { id: 'taskId' }, table: 'tasks' },
  { op: '/api/v1/calendar/events/{id}', who: 'li.ming', params: { id: 'eventId' }, table: 'calendar_events' },
  { op: '/api/v1/clients/{id}', who: 'li.ming', params: { id: 'clientId' }, table: 'clients' },
  {
    op: '/api/v1/clients/{id}/contacts/{contactId}',
    who: 'li.ming',
    params: { id: 'clientId', contactId: 'contactId' },
    table: 'client_contacts',
  },
  { op: '/api/v1/firm/settings', who: 'admin', params: { key: 'firmSettingsKey' }, table: 'settings', key: 'key' },
  { op: '/api/v1/people/{id}/profile', who: 'li.ming', params: { id: 'personId' }, table: 'staff_profiles', key: 'user_id' },
];

const pathOf = (op: string, params: Record<string, string>) => op.replace(/\{(\w+)\}/g, (_m, name: string) => fixture[params[name]]);

async function expectNothingToChange(as: HttpClient, path: string, body: unknown) {
  const r = await as.patch(path, body);
  expect({ path, status: r.status }).toEqual({ path, status: 400 });
  expect(r.contentType).toContain('application/problem+json');
  expect(r.body).toMatchObject({ code: 'validation-error', status: 400 });
  expect(r.body.errors).toEqual([{ path: 'body', message: expect.stringContaining('nothing to change') }]);
}

describe('an empty PATCH', () => {
  it.each(ROUTES.map((r) => [r.table, r] as const))('of %s answers 400 "nothing to change" and writes nothing', async (_t, route) => {
    const { db } = stack.tdb;
    const id = fixture[Object.values(route.params).at(-1)!];
    const path = pathOf(route.op, route.params);
    const before = await db(route.table)
      .where({ [route.key ?? 'id']: id })
      .first();
    const auditBefore = (await db('audit_log').max('id as max').first())?.max ?? 0;

    await expectNothingToChange(stack.as[route.who], path, {});
    // A field the contract does not name is stripped: what is left is just as empty.
    await expectNothingToChange(stack.as[route.who], path, { noSuchField: 'x' });

    expect(
      await db(route.table)
        .where({ [route.key ?? 'id']: id })
        .first(),
    ).toEqual(before);
    // Both refusals are audited (the entry is written when the answer finishes), as refusals, naming
    // the record: `:id` as the entity, any other path parameter in the details.
    const named = Object.fromEntries(
      Object.entries(route.params)
        .filter(([name]) => name !== 'id' && name.endsWith('Id') && route.op.includes(`{${name}}`))
        .map(([name, key]) => [name, fixture[key]]),
    );
    const entries = await eventually(async () => {
      const rows = await db('audit_log')
        .where('id', '>', auditBefore)
        .andWhere({ actor_id: stack.ids[route.who] })
        .andWhere('action', 'like', 'PATCH %')
        .orderBy('id');
      return rows.length === 2 && rows;
    });
    expect(entries.map((e) => [e.action.split(' ')[0], e.status, e.details])).toEqual([
      ['PATCH', 400, named],
      ['PATCH', 400, named],
    ]);
  });
});

describe('every PATCH and PUT of the API', () => {
  it('that has no required field refuses an empty body (nonEmptyPatch), and is among those tested above', async () => {
    type Schema = { type?: string; required?: string[]; minProperties?: number };
    const doc = (await (await fetch(`${stack.app.url}/api/docs`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
    };
    const allOptional: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if ((method !== 'patch' && method !== 'put') || schema?.type !== 'object' || schema.required?.length) continue;
        allOptional.push(`${method} ${path}`);
        expect({ op: `${method} ${path}`, minProperties: schema.minProperties }).toEqual({ op: `${method} ${path}`, minProperties: 1 });
      }
    const tested = ROUTES.map((r) => `patch ${r.op}`);
    expect(allOptional.sort()).toEqual(tested.sort());
  });
});
