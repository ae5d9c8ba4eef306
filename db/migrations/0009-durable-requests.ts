import type { Knex } from 'knex';

/**
 * Requests that survive a crash.
 * - `case_openings`: the start of a case's workflow, written in the same transaction as the case
 *   (or its reopening) and deleted once the run has started. A row that outlives its request (the
 *   API died between the commit and the start, or Temporal was down) is started by the reconciler;
 *   `id` travels in the run's memo, so a start that did happen is recognised and never repeated.
 * - `idempotency_keys`: a client's Idempotency-Key per user: the request it named (method, path
 *   and a fingerprint of its body), the answer once there is one, the entity it created (written
 *   in the creating transaction where the route supports it), and a lease while it runs, so a
 *   retry after a crash takes the request over instead of waiting for it forever.
 * - `cases.start_variables`: the variables a case's run began with, so a closed case's progress is
 *   rebuilt from the database alone once Temporal no longer keeps its history, and
 *   `cases.finished_as`: how its last run ended (reached its end, or closed by hand).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_openings', (t) => {
    t.uuid('case_id').primary().references('cases.id').onDelete('CASCADE');
    t.uuid('id').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('kind').notNullable();
    t.jsonb('input').notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('claimed_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw("alter table case_openings add constraint case_openings_kind check (kind in ('open', 'reopen'))");

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('key').notNullable();
    t.text('request').notNullable();
    t.text('fingerprint').notNullable();
    t.integer('status');
    t.jsonb('response');
    t.text('entity_id');
    t.timestamp('lease_until', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'key']);
  });
  await knex.raw('create index idempotency_keys_created on idempotency_keys (created_at)');
  await knex.raw('alter table cases add column start_variables jsonb');
  await knex.raw("alter table cases add column finished_as text check (finished_as in ('completed', 'closed'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table cases drop column start_variables, drop column finished_as');
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.dropTable('case_openings');
}
