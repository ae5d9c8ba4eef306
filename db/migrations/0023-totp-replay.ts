import type { Knex } from 'knex';

/**
 * A TOTP code signs in once (issue 18): `users.totp_last_step` is the 30 s step of the last code
 * accepted for the user; a code of that step or an earlier one is refused. The secret columns of
 * 0016 now hold sealed text (AES-GCM, sealed by the API), so they stay `text`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.bigInteger('totp_last_step').comment('30 s step of the last TOTP code accepted (a code is good once)');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('totp_last_step');
  });
}
