import { startApiStack, type ApiStack } from '../test/helpers/api-stack';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack('client-rename', { historical: 6 });
}, 60_000);
afterAll(() => stack?.close());

/** A client of the demo firm that has cases, with the ids of those cases. */
async function clientWithCases(): Promise<{ id: string; name: string; caseIds: string[] }> {
  const row = await stack.tdb.db('cases as c').join('clients as cl', 'cl.id', 'c.client_id').first('cl.id', 'cl.name');
  const caseIds: string[] = await stack.tdb.db('cases').where({ client_id: row.id }).pluck('id');
  return { id: row.id, name: row.name, caseIds };
}

const clientParty = async (caseId: string) =>
  (await stack.as.partner.get(`/api/v1/cases/${caseId}/parties`)).body.items.find((p: { role: string }) => p.role === 'client');
const found = async (q: string) =>
  (await stack.as.partner.get(`/api/v1/cases?q=${encodeURIComponent(q)}&pageSize=100`)).body.items.map((c: { id: string }) => c.id);

describe('renaming a client', () => {
  it('renames the client party of its cases and finds the cases by the new name', async () => {
    const client = await clientWithCases();
    const r = await stack.as.partner.patch(`/api/v1/clients/${client.id}`, { name: '青岛海岸线航运有限公司' });
    expect(r.status).toBe(200);
    for (const caseId of client.caseIds) expect((await clientParty(caseId)).name).toBe('青岛海岸线航运有限公司');
    expect(await found('海岸线航运')).toEqual(expect.arrayContaining(client.caseIds));
  });

  it('leaves the client, its parties and the search as they were when the re-index fails', async () => {
    const client = await clientWithCases();
    const db = stack.tdb.db;
    await db.raw(
      `create function refuse_search_row() returns trigger language plpgsql as $$ begin raise exception 'search index unavailable'; end $$`,
    );
    await db.raw(
      'create trigger refuse_search_row before insert or update on case_search for each row execute function refuse_search_row()',
    );
    try {
      const r = await stack.as.partner.patch(`/api/v1/clients/${client.id}`, { name: '烟台蓝湾渔业合作社' });
      expect(r.status).toBe(500);
    } finally {
      await db.raw('drop trigger refuse_search_row on case_search');
      await db.raw('drop function refuse_search_row()');
    }
    expect((await stack.as.partner.get(`/api/v1/clients/${client.id}`)).body.client.name).toBe(client.name);
    for (const caseId of client.caseIds) expect((await clientParty(caseId)).name).toBe(client.name);
    expect(await found('蓝湾渔业')).toEqual([]);
  });
});
