import type { Knex } from 'knex';

/**
 * Indexes the finance reports read from (npm run bench:billing): invoices by issue date, payments by
 * the day received, approved billable time by the day worked, open invoices by due date — each with
 * the columns the report sums, so a year of a large firm is read from the index alone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("create index invoices_issued on invoices (issued_on) include (case_id, total_fen) where status not in ('draft', 'void')");
  await knex.raw('create index payments_received on payments (received_on)');
  await knex.raw("create index time_entries_approved on time_entries (work_date) include (user_id, value_fen) where status = 'approved' and billable");
  await knex.raw('drop index invoices_open');
  await knex.raw(
    "create index invoices_open on invoices (due_on) include (total_fen, paid_fen, written_off_fen) where status in ('issued', 'partly_paid')",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists invoices_issued');
  await knex.raw('drop index if exists payments_received');
  await knex.raw('drop index if exists time_entries_approved');
  await knex.raw('drop index if exists invoices_open');
  await knex.raw("create index invoices_open on invoices (due_on) where status in ('issued', 'partly_paid')");
}
