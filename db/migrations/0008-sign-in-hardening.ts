import type { Knex } from 'knex';

/**
 * Sign-in throttling that holds under concurrency, and sessions a user can list and end.
 * - `login_counters`: fixed-window counters (per address, per account), incremented and read back
 *   in one statement, so concurrent sign-ins cannot overshoot a limit.
 * - `login_locks`: one row per (account, address) pair: attempts since the last lock, the lock
 *   level (each lock lasts twice the previous) and until when the pair is refused.
 * - `sessions.public_id`: the id a user sees and revokes a session by (never the token hash).
 * - A role or password change ends every session of that user, whichever code makes it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_counters', (t) => {
    t.text('key').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('hits').notNullable();
    t.primary(['key', 'window_start']);
  });
  await knex.raw('create index login_counters_window on login_counters (window_start)');

  await knex.schema.createTable('login_locks', (t) => {
    t.text('key').primary();
    t.text('email_norm').notNullable();
    t.text('ip');
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('level').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index login_locks_email on login_locks (email_norm)');

  await knex.raw('alter table sessions add column public_id uuid not null default gen_random_uuid()');
  await knex.raw('create unique index sessions_public_id on sessions (public_id)');

  await knex.raw(`
    create function users_end_sessions() returns trigger language plpgsql as $$
    begin
      delete from sessions where user_id = new.id;
      return null;
    end $$`);
  await knex.raw(`
    create trigger users_privilege_change after update of role, password_hash on users
    for each row when ((old.role, old.password_hash) is distinct from (new.role, new.password_hash))
    execute function users_end_sessions()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger users_privilege_change on users');
  await knex.raw('drop function users_end_sessions');
  await knex.raw('drop index sessions_public_id');
  await knex.raw('alter table sessions drop column public_id');
  await knex.schema.dropTable('login_locks');
  await knex.schema.dropTable('login_counters');
}
