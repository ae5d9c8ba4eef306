import type { Knex } from 'knex';

/**
 * Fees, time, expenses and invoices. Money is integer fen (bigint), percentages basis points.
 * - `fee_arrangements`: a case's 收费方式, one row per version (a change adds a row; the highest
 *   version is the arrangement in force), the components as `domain/fees` FeeArrangement JSON,
 *   the contingency disclosure and signed agreement (a document of the case), a partner's override
 *   reason when the fee is above the 2021 cap.
 * - `timers`: a user's running timer (one per user: it survives a reload and a second tab).
 * - `time_entries`: 计时 — minutes already rounded to the firm's increment, the rate and value
 *   frozen when the entry is approved; draft → submitted → approved / rejected.
 * - `expenses`: 费用支出 with the receipt as a document; pending → approved / rejected.
 * - `invoice_lines`: what can be billed, one line per source (a billing event, an instalment of
 *   the fixed fee reached by a stage, an approved time entry, a rebillable expense) — `source_key`
 *   unique, so nothing is offered or invoiced twice; `invoice_id` is null while the line is a draft;
 *   `flag` says a reversed stage left a line that was billed already.
 * - `invoices`: per case, numbered per firm and year when issued (`invoice_counters`), the VAT rate
 *   stored on each, the issuer (firm) and payer snapshot frozen at issue; draft → issued → partly
 *   paid → paid, or void; a credit note (`credit_of`) instead of an edit after issue.
 * - `payments` and `payment_allocations`: money received from a client, spread over its invoices;
 *   what is left over is the client's credit. `write_offs`: an amount given up, with its reason.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fee_arrangements', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.integer('version').notNullable();
    t.jsonb('arrangement').notNullable();
    t.bigInteger('agreed_fee_fen');
    t.boolean('contingency_disclosed').notNullable().defaultTo(false);
    t.uuid('agreement_document_id').references('documents.id');
    t.text('override_reason');
    t.uuid('override_by').references('users.id');
    t.text('note');
    t.uuid('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['case_id', 'version']);
  });

  await knex.schema.createTable('timers', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('cascade');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.uuid('task_id').references('tasks.id').onDelete('set null');
    t.text('narrative');
    /** Seconds counted before the last start (a paused timer has `running_since` null). */
    t.integer('accumulated_seconds').notNullable().defaultTo(0);
    t.timestamp('running_since', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('time_entries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.uuid('task_id').references('tasks.id').onDelete('set null');
    t.uuid('user_id').notNullable().references('users.id');
    t.date('work_date').notNullable();
    t.integer('seconds_recorded');
    t.integer('minutes').notNullable();
    t.boolean('billable').notNullable().defaultTo(true);
    t.text('narrative').notNullable();
    t.text('status').notNullable().defaultTo('submitted').checkIn(['submitted', 'approved', 'rejected']);
    t.bigInteger('rate_fen');
    t.bigInteger('value_fen');
    t.uuid('decided_by').references('users.id');
    t.timestamp('decided_at', { useTz: true });
    t.text('decision_note');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index time_entries_user_date on time_entries (user_id, work_date)');
  await knex.raw('create index time_entries_case on time_entries (case_id, work_date)');
  await knex.raw("create index time_entries_waiting on time_entries (created_at) where status = 'submitted'");

  await knex.schema.createTable('expenses', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('category').notNullable();
    t.bigInteger('amount_fen').notNullable();
    t.date('spent_on').notNullable();
    t.text('paid_by').notNullable().checkIn(['firm', 'lawyer', 'client']);
    t.text('description');
    t.uuid('receipt_document_id').references('documents.id');
    t.boolean('reimbursable').notNullable().defaultTo(false);
    t.boolean('rebillable').notNullable().defaultTo(false);
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'approved', 'rejected']);
    t.uuid('decided_by').references('users.id');
    t.timestamp('decided_at', { useTz: true });
    t.text('decision_note');
    t.uuid('created_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index expenses_case on expenses (case_id, spent_on)');
  await knex.raw('alter table expenses add constraint expenses_amount_positive check (amount_fen > 0)');

  await knex.schema.createTable('invoices', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('number').unique();
    t.uuid('case_id').notNullable().references('cases.id');
    t.uuid('client_id').notNullable().references('clients.id');
    t.text('kind').notNullable().defaultTo('invoice').checkIn(['invoice', 'credit_note']);
    t.uuid('credit_of').references('invoices.id');
    t.text('status').notNullable().defaultTo('draft').checkIn(['draft', 'issued', 'partly_paid', 'paid', 'void']);
    t.integer('vat_rate_bp').notNullable();
    t.date('issued_on');
    t.date('due_on');
    t.bigInteger('net_fen').notNullable().defaultTo(0);
    t.bigInteger('tax_fen').notNullable().defaultTo(0);
    t.bigInteger('total_fen').notNullable().defaultTo(0);
    t.bigInteger('paid_fen').notNullable().defaultTo(0);
    t.bigInteger('written_off_fen').notNullable().defaultTo(0);
    t.jsonb('issuer');
    t.jsonb('payer');
    t.text('note');
    t.uuid('document_id').references('documents.id');
    t.text('void_reason');
    t.uuid('created_by').notNullable().references('users.id');
    t.uuid('issued_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index invoices_case on invoices (case_id)');
  await knex.raw('create index invoices_client on invoices (client_id, issued_on)');
  await knex.raw("create index invoices_open on invoices (due_on) where status in ('issued', 'partly_paid')");

  await knex.schema.createTable('invoice_lines', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('source_kind').notNullable().checkIn(['billing_event', 'instalment', 'time_entry', 'expense', 'manual', 'credit']);
    /** What the line bills, once: `billing_event:<id>`, `instalment:<case>:<stage>`, `time_entry:<id>` … */
    t.text('source_key').notNullable().unique();
    t.uuid('invoice_id').references('invoices.id');
    t.text('item_name').notNullable();
    t.text('description');
    t.bigInteger('amount_fen').notNullable();
    t.bigInteger('net_fen');
    t.bigInteger('tax_fen');
    t.boolean('disbursement').notNullable().defaultTo(false);
    t.text('flag');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index invoice_lines_case_draft on invoice_lines (case_id) where invoice_id is null');
  await knex.raw('create index invoice_lines_invoice on invoice_lines (invoice_id)');

  await knex.schema.createTable('invoice_counters', (t) => {
    t.integer('year').primary();
    t.integer('last').notNullable().defaultTo(0);
  });

  await knex.schema.createTable('payments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('client_id').notNullable().references('clients.id');
    t.bigInteger('amount_fen').notNullable();
    t.text('method').notNullable().checkIn(['bank', 'wechat', 'alipay', 'cash']);
    t.date('received_on').notNullable();
    t.text('reference');
    t.bigInteger('unallocated_fen').notNullable().defaultTo(0);
    t.uuid('created_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('alter table payments add constraint payments_amount_positive check (amount_fen > 0 and unallocated_fen >= 0)');

  await knex.schema.createTable('payment_allocations', (t) => {
    t.uuid('payment_id').notNullable().references('payments.id').onDelete('cascade');
    t.uuid('invoice_id').notNullable().references('invoices.id');
    t.bigInteger('amount_fen').notNullable();
    t.primary(['payment_id', 'invoice_id']);
  });
  await knex.raw('create index payment_allocations_invoice on payment_allocations (invoice_id)');

  await knex.schema.createTable('write_offs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('invoice_id').notNullable().references('invoices.id');
    t.bigInteger('amount_fen').notNullable();
    t.text('reason').notNullable();
    t.uuid('created_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'write_offs',
    'payment_allocations',
    'payments',
    'invoice_counters',
    'invoice_lines',
    'invoices',
    'expenses',
    'time_entries',
    'timers',
    'fee_arrangements',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
