import type { Knex } from 'knex';

/**
 * Mail attachments: files already in storage (a document's version, by sha256), named as sent. The
 * dispatcher reads the bytes when it sends, so a queued mail holds no file and a retried send attaches
 * the same bytes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("alter table email_outbox add column attachments jsonb not null default '[]'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table email_outbox drop column if exists attachments');
}
