import type { Knex } from 'knex';

/**
 * What the finance reports read (npm run bench:billing).
 * - `revenue_months`: per lawyer and month, billed (invoices issued, credit notes negative), collected
 *   (payments received, by the day received) and the value of approved billable time (by the day
 *   worked), kept by triggers in the same transaction as each change of an invoice, an allocation or
 *   a time entry, so a year of a large firm is a few hundred rows to read. An invoice's revenue goes to
 *   the case's lead lawyer when it is made (`invoices.lead_lawyer_id`): a later change of lead does not
 *   rewrite history.
 * - Indexes on open invoices by due date (the ageing report) with the amounts it sums.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table invoices add column lead_lawyer_id uuid references users(id)');
  await knex.raw('update invoices i set lead_lawyer_id = c.lead_lawyer_id from cases c where c.id = i.case_id');
  await knex.raw(`create table revenue_months (
    user_id uuid not null references users(id),
    month date not null,
    billed_fen bigint not null default 0,
    collected_fen bigint not null default 0,
    time_value_fen bigint not null default 0,
    primary key (month, user_id))`);
  await knex.raw(`create function revenue_add(u uuid, d date, billed bigint, collected bigint, timed bigint) returns void language sql as $$
    insert into revenue_months (user_id, month, billed_fen, collected_fen, time_value_fen)
    select u, date_trunc('month', d)::date, billed, collected, timed where u is not null and d is not null
    on conflict (month, user_id) do update set billed_fen = revenue_months.billed_fen + excluded.billed_fen,
      collected_fen = revenue_months.collected_fen + excluded.collected_fen,
      time_value_fen = revenue_months.time_value_fen + excluded.time_value_fen
  $$`);
  await knex.raw(`create function invoices_lead() returns trigger language plpgsql as $$
    begin
      if new.lead_lawyer_id is null then select lead_lawyer_id into new.lead_lawyer_id from cases where id = new.case_id; end if;
      return new;
    end $$`);
  await knex.raw('create trigger invoices_lead before insert on invoices for each row execute function invoices_lead()');
  await knex.raw(`create function invoices_revenue() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.status not in ('draft', 'void') then
        perform revenue_add(old.lead_lawyer_id, old.issued_on, -old.total_fen, 0, 0);
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status not in ('draft', 'void') then
        perform revenue_add(new.lead_lawyer_id, new.issued_on, new.total_fen, 0, 0);
      end if;
      return null;
    end $$`);
  await knex.raw(
    'create trigger invoices_revenue after insert or delete or update of status, total_fen, issued_on, lead_lawyer_id on invoices for each row execute function invoices_revenue()',
  );
  await knex.raw(`create function allocations_revenue() returns trigger language plpgsql as $$
    declare r record;
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        select i.lead_lawyer_id as u, p.received_on as d into r from invoices i, payments p where i.id = old.invoice_id and p.id = old.payment_id;
        perform revenue_add(r.u, r.d, 0, -old.amount_fen, 0);
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        select i.lead_lawyer_id as u, p.received_on as d into r from invoices i, payments p where i.id = new.invoice_id and p.id = new.payment_id;
        perform revenue_add(r.u, r.d, 0, new.amount_fen, 0);
      end if;
      return null;
    end $$`);
  await knex.raw(
    'create trigger allocations_revenue after insert or update or delete on payment_allocations for each row execute function allocations_revenue()',
  );
  await knex.raw(`create function time_revenue() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.status = 'approved' and old.billable then
        perform revenue_add(old.user_id, old.work_date, 0, 0, -coalesce(old.value_fen, 0));
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status = 'approved' and new.billable then
        perform revenue_add(new.user_id, new.work_date, 0, 0, coalesce(new.value_fen, 0));
      end if;
      return null;
    end $$`);
  await knex.raw(
    'create trigger time_revenue after insert or delete or update of status, billable, value_fen, work_date, user_id on time_entries for each row execute function time_revenue()',
  );
  // What exists already (a firm upgrading with billing data) counted once.
  await knex.raw(`select revenue_add(lead_lawyer_id, issued_on, total_fen, 0, 0) from invoices where status not in ('draft', 'void')`);
  await knex.raw(`select revenue_add(i.lead_lawyer_id, p.received_on, 0, a.amount_fen, 0)
    from payment_allocations a join invoices i on i.id = a.invoice_id join payments p on p.id = a.payment_id`);
  await knex.raw(
    `select revenue_add(user_id, work_date, 0, 0, coalesce(value_fen, 0)) from time_entries where status = 'approved' and billable`,
  );
  await knex.raw('drop index invoices_open');
  await knex.raw(
    "create index invoices_open on invoices (due_on) include (total_fen, paid_fen, written_off_fen) where status in ('issued', 'partly_paid')",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists time_revenue on time_entries');
  await knex.raw('drop trigger if exists allocations_revenue on payment_allocations');
  await knex.raw('drop trigger if exists invoices_revenue on invoices');
  await knex.raw('drop trigger if exists invoices_lead on invoices');
  for (const f of ['time_revenue', 'allocations_revenue', 'invoices_revenue', 'invoices_lead'])
    await knex.raw(`drop function if exists ${f}()`);
  await knex.raw('drop function if exists revenue_add(uuid, date, bigint, bigint, bigint)');
  await knex.raw('drop table if exists revenue_months');
  await knex.raw('alter table invoices drop column if exists lead_lawyer_id');
  await knex.raw('drop index if exists invoices_open');
  await knex.raw("create index invoices_open on invoices (due_on) where status in ('issued', 'partly_paid')");
}
