import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { loadCases } from '../../bench/api-data';
import { seedDemoFirm } from '../seeds/demo';
import { queryWords } from '../../domain/search/segment';
import { searchCases } from './case-list';
import type { CaseFilters } from './case-search';

/**
 * The case list's plans at a seeded size (4,000 cases, the bench's generator, analysed): what
 * issue 19 item 4 made cheap stays cheap. A lawyer's words search reads their team rows and then
 * their cases' search rows by key — never a scan of every case or every search row — and a
 * partner's list bounded by a lead lawyer reads that lawyer's range of cases_lead_cover.
 */
let tdb: TestDatabase;
let lawyer: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemoFirm(tdb.db, async () => 'not-a-real-hash');
  await loadCases(tdb.db, 4000, () => undefined);
  lawyer = (await tdb.db('users').where({ email: 'staff3@bench.lexflow' }).first('id')).id;
}, 120_000);
afterAll(() => tdb.drop());

/** The plans of every statement `searchCases` sends for these filters, as EXPLAIN prints them. */
async function plans(scope: { all: true } | { all: false; memberUserId: string }, f: CaseFilters, sort: 'relevance' | 'openedOn') {
  const sent: Array<{ sql: string; bindings: unknown[] }> = [];
  const listen = (q: { sql: string; bindings?: unknown[] }) => sent.push({ sql: q.sql, bindings: q.bindings ?? [] });
  tdb.db.on('query', listen);
  try {
    await searchCases(tdb.db, scope, f, { sort, order: 'desc', limit: 25, offset: 0 });
  } finally {
    tdb.db.removeListener('query', listen);
  }
  expect(sent.length).toBeGreaterThan(0);
  // The statements as sent ($n placeholders), on a connection of the pool (the API's session settings).
  const conn = (await tdb.db.client.acquireConnection()) as {
    query(sql: string, values: unknown[]): Promise<{ rows: Array<Record<string, string>> }>;
  };
  try {
    const out: string[] = [];
    for (const s of sent) out.push((await conn.query(`explain ${s.sql}`, s.bindings)).rows.map((row) => row['QUERY PLAN']).join('\n'));
    return out.join('\n');
  } finally {
    await tdb.db.client.releaseConnection(conn);
  }
}

describe('case list plans at 4,000 cases', () => {
  it("reads a lawyer's own cases searched for words by key, with no scan of cases, search rows or teams", async () => {
    expect(queryWords('合同').length).toBe(1);
    for (const q of ['合同', '律师函']) {
      const plan = await plans({ all: false, memberUserId: lawyer }, { q }, 'relevance');
      expect(plan).not.toMatch(/Seq Scan on (cases|case_search|case_members)\b/);
      expect(plan).toContain('case_members_user_case');
      expect(plan).toContain('case_search_pkey');
    }
  });

  it("reads a lead lawyer's cases off cases_lead_cover", async () => {
    const plan = await plans({ all: true }, { leadLawyerId: lawyer, status: 'active' }, 'openedOn');
    expect(plan).not.toMatch(/Seq Scan on cases\b/);
    expect(plan).toContain('cases_lead_cover');
  });
});
