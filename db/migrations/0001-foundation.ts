import type { Knex } from 'knex';

/** Users, sessions, login throttling, audit log, firm settings, minimal clients, ping log. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm');

  await knex.schema.createTable('settings', (t) => {
    t.text('key').primary();
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('clients', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('kind').notNullable().checkIn(['person', 'organisation']);
    t.text('name').notNullable();
    t.text('id_number');
    t.text('phone');
    t.text('email');
    t.text('address');
    t.text('source');
    t.text('notes');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index clients_name_trgm on clients using gin (name gin_trgm_ops)');

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('role').notNullable().checkIn(['admin', 'partner', 'lawyer', 'assistant', 'finance', 'client']);
    t.text('password_hash').notNullable();
    t.text('locale').notNullable().defaultTo('zh-CN').checkIn(['zh-CN', 'en']);
    t.boolean('active').notNullable().defaultTo(true);
    t.uuid('client_id').references('clients.id').onDelete('restrict');
    t.timestamp('last_login_at', { useTz: true });
    // The sign-in before the current one, shown to the user ("last sign-in") as a security cue.
    t.timestamp('previous_login_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create unique index users_email_unique on users (lower(email))');
  await knex.raw(`alter table users add constraint users_client_role check ((role = 'client') = (client_id is not null))`);

  await knex.schema.createTable('sessions', (t) => {
    t.text('id_hash').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.text('ip');
    t.text('user_agent');
  });
  await knex.raw('create index sessions_user on sessions (user_id)');
  await knex.raw('create index sessions_expires on sessions (expires_at)');

  await knex.schema.createTable('login_attempts', (t) => {
    t.bigIncrements('id');
    t.text('email_norm').notNullable();
    t.text('ip');
    t.boolean('succeeded').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index login_attempts_email_at on login_attempts (email_norm, at desc)');
  await knex.raw('create index login_attempts_ip_at on login_attempts (ip, at desc)');

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('actor_id').references('users.id').onDelete('set null');
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.text('entity_id');
    t.integer('status').notNullable();
    t.text('request_id');
    t.text('ip');
    t.jsonb('details').notNullable().defaultTo('{}');
  });
  await knex.raw('create index audit_log_at on audit_log (at desc)');
  await knex.raw('create index audit_log_entity on audit_log (entity, entity_id)');

  await knex.schema.createTable('ping_log', (t) => {
    t.text('key').primary();
    t.text('message').notNullable();
    t.text('workflow_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['ping_log', 'audit_log', 'login_attempts', 'sessions', 'users', 'clients', 'settings']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('drop extension if exists pg_trgm');
}
