import type { Knex } from 'knex';

/**
 * Client portal accounts.
 * - `portal_memberships`: which clients a portal user (role client) acts for — one person may act
 *   for several (a company's in-house counsel for each group company); `revoked_at` ends it at once.
 *   It replaces `users.client_id`, which allowed one client per account.
 * - `portal_invitations`: a one-time link (only its sha256 is kept) a lawyer sends a client's
 *   contact; valid until `expires_at` (72 h), spent when `used_at` is set.
 * - `calendar_events.client_visible`: a deadline or event the lawyer chose to show the client
 *   (hearings are always shown on the portal).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('portal_memberships', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.uuid('client_id').notNullable().references('clients.id').onDelete('cascade');
    t.uuid('contact_id').references('client_contacts.id').onDelete('set null');
    t.uuid('granted_by').references('users.id');
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
    t.uuid('revoked_by').references('users.id');
    t.primary(['user_id', 'client_id']);
  });
  await knex.raw('create index portal_memberships_client on portal_memberships (client_id) where revoked_at is null');
  await knex.raw(
    'insert into portal_memberships (user_id, client_id, granted_at) select id, client_id, created_at from users where client_id is not null',
  );
  await knex.raw('alter table users drop constraint users_client_role');
  await knex.raw('alter table users drop column client_id');

  await knex.schema.createTable('portal_invitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('token_hash').notNullable().unique();
    t.uuid('client_id').notNullable().references('clients.id').onDelete('cascade');
    t.uuid('contact_id').references('client_contacts.id').onDelete('set null');
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('locale').notNullable().defaultTo('zh-CN').checkIn(['zh-CN', 'en']);
    t.uuid('invited_by').notNullable().references('users.id');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.uuid('user_id').references('users.id').onDelete('set null');
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index portal_invitations_client on portal_invitations (client_id, created_at desc)');

  await knex.raw('alter table calendar_events add column client_visible boolean not null default false');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table calendar_events drop column if exists client_visible');
  await knex.schema.dropTableIfExists('portal_invitations');
  await knex.raw('alter table users add column client_id uuid references clients (id) on delete restrict');
  await knex.raw(
    'update users u set client_id = (select m.client_id from portal_memberships m where m.user_id = u.id order by m.granted_at limit 1)',
  );
  // A portal user whose every membership went cannot be given a client back: the rule holds for new rows.
  await knex.raw(`alter table users add constraint users_client_role check ((role = 'client') = (client_id is not null)) not valid`);
  await knex.schema.dropTableIfExists('portal_memberships');
}
