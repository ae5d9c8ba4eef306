import type { Knex } from 'knex';

/**
 * The audit row of a mutating request is written when the request arrives, before anything
 * changes, and completed with its status when the answer is sent: no change can be saved without
 * its row (a request whose row cannot be written is refused). `status` is null while the request
 * runs (or if the process died mid-request); one row per request id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_log alter column status drop not null');
  await knex.raw('create unique index audit_log_request on audit_log (request_id) where request_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists audit_log_request');
  await knex.raw('update audit_log set status = 0 where status is null');
  await knex.raw('alter table audit_log alter column status set not null');
}
