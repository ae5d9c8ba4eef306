import type { Knex } from 'knex';

/**
 * Staff accounts administered in the app (issue 18, point 1).
 * - `staff_invitations`: a one-time link (only its sha256 is kept) an admin sends a new colleague
 *   with the role they will have; valid until `expires_at` (72 h), spent when `used_at` is set,
 *   withdrawn when `revoked_at` is.
 * - `password_resets`: a one-time link (sha256 only) to set a new password, valid 1 h; asked for
 *   by the user (`requested_by` null) or an admin.
 * - `users.deactivated_at` (with `active` false): when the account was deactivated;
 *   `users.totp_secret` / `totp_enabled_at`: the confirmed TOTP secret (base32); `totp_pending_secret`
 *   an enrolment not yet confirmed by a first code.
 * - `totp_recovery_codes`: ten one-use codes (sha256) per enrolment.
 * - `sign_in_challenges`: the short-lived pending token (sha256) between the password and the
 *   second step (`purpose` totp, or enrol when the firm requires TOTP of this user), with its
 *   failed codes counted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_invitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('token_hash').notNullable().unique();
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('role').notNullable().checkIn(['admin', 'partner', 'lawyer', 'assistant', 'finance']);
    t.text('locale').notNullable().defaultTo('zh-CN').checkIn(['zh-CN', 'en']);
    t.uuid('invited_by').notNullable().references('users.id');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.uuid('user_id').references('users.id').onDelete('set null');
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index staff_invitations_pending on staff_invitations (lower(email)) where used_at is null and revoked_at is null');

  await knex.schema.createTable('password_resets', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('token_hash').notNullable().unique();
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.uuid('requested_by').references('users.id').onDelete('set null');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index password_resets_user on password_resets (user_id) where used_at is null');

  await knex.schema.alterTable('users', (t) => {
    t.timestamp('deactivated_at', { useTz: true });
    t.text('totp_secret');
    t.timestamp('totp_enabled_at', { useTz: true });
    t.text('totp_pending_secret');
  });

  await knex.schema.createTable('totp_recovery_codes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.text('code_hash').notNullable();
    t.timestamp('used_at', { useTz: true });
    t.unique(['user_id', 'code_hash']);
  });

  await knex.schema.createTable('sign_in_challenges', (t) => {
    t.text('token_hash').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.text('purpose').notNullable().checkIn(['totp', 'enrol']);
    t.integer('failures').notNullable().defaultTo(0);
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index sign_in_challenges_expires on sign_in_challenges (expires_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sign_in_challenges');
  await knex.schema.dropTableIfExists('totp_recovery_codes');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('totp_pending_secret');
    t.dropColumn('totp_enabled_at');
    t.dropColumn('totp_secret');
    t.dropColumn('deactivated_at');
  });
  await knex.schema.dropTableIfExists('password_resets');
  await knex.schema.dropTableIfExists('staff_invitations');
}
