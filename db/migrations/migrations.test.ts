import { migrateDownAll, migrateLatest } from '../connection';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';

const TABLES = [
  'settings',
  'clients',
  'users',
  'sessions',
  'login_attempts',
  'audit_log',
  'ping_log',
  'process_templates',
  'process_template_versions',
  'case_number_counters',
  'cases',
  'case_members',
  'tasks',
  'stage_history',
  'billing_events',
  'notifications',
  'email_outbox',
  'case_events',
  'document_requests',
  'holiday_overrides',
  'holiday_years',
  'client_contacts',
  'case_parties',
  'conflict_checks',
  'communications',
  'tags',
  'case_tags',
  'case_notes',
  'saved_searches',
  'case_reopenings',
  'case_search',
  'task_comments',
  'calendar_events',
  'calendar_event_attendees',
  'user_preferences',
  'digests',
  'login_counters',
  'login_locks',
  'case_openings',
  'idempotency_keys',
  'document_categories',
  'document_folders',
  'documents',
  'document_versions',
  'document_pages',
  'document_comments',
  'document_templates',
  'document_counters',
  'fee_arrangements',
  'timers',
  'time_entries',
  'expenses',
  'invoices',
  'invoice_lines',
  'invoice_counters',
  'payments',
  'payment_allocations',
  'write_offs',
  'revenue_months',
  'portal_memberships',
  'portal_invitations',
  'case_messages',
  'case_message_documents',
  'case_message_reads',
  'communication_documents',
  'client_document_requests',
  'staff_invitations',
  'password_resets',
  'totp_recovery_codes',
  'sign_in_challenges',
  'staff_profiles',
];
const MIGRATIONS = [
  '0001-foundation',
  '0002-engine',
  '0003-cases-clients',
  '0004-tasks-calendar',
  '0005-case-list-cover',
  '0006-case-search-facets',
  '0007-audit-first',
  '0008-sign-in-hardening',
  '0009-durable-requests',
  '0010-documents',
  '0011-billing',
  '0012-billing-reports',
  '0013-mail-attachments',
  '0014-portal-accounts',
  '0015-communication',
  '0016-staff-accounts',
  '0017-firm-profiles',
  '0018-privacy',
  '0019-hearings',
  '0021-case-list-people',
  '0023-totp-replay',
];

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase({ migrated: false });
});
afterAll(() => tdb.drop());

async function tables(): Promise<string[]> {
  const rows = await tdb.db('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
  return rows.filter((t: string) => !t.startsWith('knex_')).sort();
}

describe('migrations', () => {
  it('go up on an empty database, down to nothing, and up again', async () => {
    expect(await tables()).toEqual([]);
    expect(await migrateLatest(tdb.db)).toEqual(MIGRATIONS);
    expect(await tables()).toEqual([...TABLES].sort());
    expect(await migrateLatest(tdb.db)).toEqual([]);

    await migrateDownAll(tdb.db);
    expect(await tables()).toEqual([]);
    const ext = await tdb.db('pg_extension').where({ extname: 'pg_trgm' }).first();
    expect(ext).toBeUndefined();

    expect(await migrateLatest(tdb.db)).toEqual(MIGRATIONS);
    expect(await tables()).toEqual([...TABLES].sort());
  });

  it('enforce the rules the application relies on', async () => {
    const user = { name: 'x', password_hash: 'h', role: 'lawyer' };
    await tdb.db('users').insert({ ...user, email: 'Dup@Firm.cn' });
    await expect(tdb.db('users').insert({ ...user, email: 'dup@firm.cn' })).rejects.toThrow(/users_email_unique/);
    await expect(tdb.db('users').insert({ ...user, email: 'r@firm.cn', role: 'intern' })).rejects.toThrow(/check/);
    // A portal user acts for clients through memberships, one per client at most.
    const [c] = await tdb.db('clients').insert({ kind: 'person', name: '门户测试' }).returning('id');
    const [u] = await tdb
      .db('users')
      .insert({ ...user, email: 'c@firm.cn', role: 'client' })
      .returning('id');
    await tdb.db('portal_memberships').insert({ user_id: u.id, client_id: c.id });
    await expect(tdb.db('portal_memberships').insert({ user_id: u.id, client_id: c.id })).rejects.toThrow(/portal_memberships_pkey/);
  });

  it('give Chinese text trigrams (the cluster is UTF-8 with a Unicode-aware ctype)', async () => {
    const { rows } = await tdb.db.raw("select cardinality(show_trgm('民事判决书')) as n");
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
