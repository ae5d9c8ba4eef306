import type { Knex } from 'knex';

/**
 * Client communication (issue 17, points 3, 5 and 6).
 * - `case_messages`: the secure thread of a case between its client (portal users, `from_client`)
 *   and the case team; `case_message_documents` its attachments (documents of the case);
 *   `case_message_reads` who read which message when (read receipts both ways).
 * - `communications` (the log) gains kind `portal` (every message is logged), a duration, the
 *   message it records, the follow-up task and time entry made from it, a `simple` tsvector of
 *   app-side segmented tokens (as documents and cases do), and `communication_documents`.
 * - `client_document_requests`: what the lawyer asked the client to provide, by a due date; files
 *   the client uploads for it are documents with `request_id` and a `review_status` the lawyer
 *   decides (pending → accepted | rejected). The engine's `document_requests` is something else.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_messages', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.uuid('author_id').notNullable().references('users.id');
    t.boolean('from_client').notNullable();
    t.text('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('alter table case_messages add constraint case_messages_body check (char_length(body) between 1 and 10000)');
  await knex.raw('create index case_messages_case on case_messages (case_id, created_at, id)');

  await knex.schema.createTable('case_message_documents', (t) => {
    t.uuid('message_id').notNullable().references('case_messages.id').onDelete('cascade');
    t.uuid('document_id').notNullable().references('documents.id').onDelete('cascade');
    t.primary(['message_id', 'document_id']);
  });
  await knex.schema.createTable('case_message_reads', (t) => {
    t.uuid('message_id').notNullable().references('case_messages.id').onDelete('cascade');
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.timestamp('read_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['message_id', 'user_id']);
  });

  await knex.raw('alter table communications drop constraint if exists communications_kind_check');
  await knex.raw(
    "alter table communications add constraint communications_kind_check check (kind in ('phone', 'email', 'meeting', 'wechat', 'letter', 'portal'))",
  );
  await knex.schema.alterTable('communications', (t) => {
    t.integer('duration_minutes');
    t.uuid('case_message_id').unique().references('case_messages.id').onDelete('set null');
    t.uuid('follow_up_task_id').references('tasks.id').onDelete('set null');
    t.uuid('time_entry_id').references('time_entries.id').onDelete('set null');
    t.specificType('tsv', 'tsvector').notNullable().defaultTo(knex.raw("''::tsvector"));
  });
  await knex.raw(
    'alter table communications add constraint communications_duration check (duration_minutes is null or duration_minutes between 1 and 1440)',
  );
  await knex.raw('create index communications_tsv on communications using gin (tsv)');
  await knex.schema.createTable('communication_documents', (t) => {
    t.uuid('communication_id').notNullable().references('communications.id').onDelete('cascade');
    t.uuid('document_id').notNullable().references('documents.id').onDelete('cascade');
    t.primary(['communication_id', 'document_id']);
  });

  await knex.schema.createTable('client_document_requests', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('title').notNullable();
    t.jsonb('items').notNullable().defaultTo('[]');
    t.text('note');
    t.date('due_on').notNullable();
    t.uuid('requested_by').notNullable().references('users.id');
    t.text('status').notNullable().defaultTo('open').checkIn(['open', 'fulfilled', 'cancelled']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('fulfilled_at', { useTz: true });
    t.date('last_reminded_on');
  });
  await knex.raw(
    "alter table client_document_requests add constraint client_document_requests_items check (jsonb_typeof(items) = 'array')",
  );
  await knex.raw('create index client_document_requests_case on client_document_requests (case_id, created_at desc)');
  await knex.raw("create index client_document_requests_open on client_document_requests (due_on) where status = 'open'");

  await knex.schema.alterTable('documents', (t) => {
    t.uuid('request_id').references('client_document_requests.id').onDelete('set null');
    t.text('review_status').checkIn(['pending', 'accepted', 'rejected']);
    t.text('review_note');
    t.uuid('reviewed_by').references('users.id');
    t.timestamp('reviewed_at', { useTz: true });
  });
  await knex.raw('create index documents_request on documents (request_id) where request_id is not null');
  await knex.raw("create index documents_review_pending on documents (case_id) where review_status = 'pending'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('documents', (t) => {
    t.dropColumn('request_id');
    t.dropColumn('review_status');
    t.dropColumn('review_note');
    t.dropColumn('reviewed_by');
    t.dropColumn('reviewed_at');
  });
  await knex.schema.dropTableIfExists('client_document_requests');
  await knex.schema.dropTableIfExists('communication_documents');
  await knex.raw("delete from communications where kind = 'portal'");
  await knex.raw('alter table communications drop constraint if exists communications_duration');
  await knex.schema.alterTable('communications', (t) => {
    t.dropColumn('duration_minutes');
    t.dropColumn('case_message_id');
    t.dropColumn('follow_up_task_id');
    t.dropColumn('time_entry_id');
    t.dropColumn('tsv');
  });
  await knex.raw('alter table communications drop constraint if exists communications_kind_check');
  await knex.raw(
    "alter table communications add constraint communications_kind_check check (kind in ('phone', 'email', 'meeting', 'wechat', 'letter'))",
  );
  await knex.schema.dropTableIfExists('case_message_reads');
  await knex.schema.dropTableIfExists('case_message_documents');
  await knex.schema.dropTableIfExists('case_messages');
}
