import type { Knex } from 'knex';

/**
 * Documents.
 * - `document_categories`: the list admins manage (证据材料, 法律文书 …); `finance_visible` lets
 *   finance see that category's documents on every case.
 * - `document_folders`: folders a lawyer makes in a case's space, optionally inside a category.
 * - `documents`: one line of versions, of a case or of a client (exactly one of the two);
 *   `confidential` (lead lawyer and partners only), `client_visible` (the portal shows it),
 *   `generation_key` (the engine's generateDocument step: one document per step, however often
 *   it runs), the recycle bin (`deleted_at`), and `name_tsv` (the name's search tokens).
 * - `document_versions`: every upload, never replaced; the bytes live in storage at `sha256`;
 *   text extraction runs in the background (`text_status` pending → text / no-text / unsupported /
 *   failed, claimed with a lease so a dead worker's claim expires).
 * - `document_pages`: the extracted text per page (page 1 for a DOCX or text file) with its tsvector.
 * - `document_comments`: on a version, optionally anchored to a page (x, y) or a paragraph; threads
 *   by `parent_id`; @mentions.
 * - `document_templates`: .docx templates (the bytes in storage) with their declared fields.
 * - `document_counters`: numbers per scope and year (a firm's 函号).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('document_categories', (t) => {
    t.text('key').primary();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.boolean('finance_visible').notNullable().defaultTo(false);
    t.integer('sort').notNullable().defaultTo(100);
    t.timestamp('archived_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex('document_categories').insert([
    { key: 'evidence', name_zh: '证据材料', name_en: 'Evidence', sort: 10 },
    { key: 'pleadings', name_zh: '法律文书', name_en: 'Pleadings and legal documents', sort: 20 },
    { key: 'contracts', name_zh: '合同与委托', name_en: 'Contracts and engagement', sort: 30, finance_visible: true },
    { key: 'communications', name_zh: '沟通记录', name_en: 'Correspondence', sort: 40 },
    { key: 'hearing', name_zh: '庭审材料', name_en: 'Hearing materials', sort: 50 },
    { key: 'finance', name_zh: '票据与财务', name_en: 'Invoices and receipts', sort: 60, finance_visible: true },
    { key: 'identity', name_zh: '身份与资质', name_en: 'Identity and licences', sort: 70 },
    { key: 'other', name_zh: '其他', name_en: 'Other', sort: 90 },
  ]);

  await knex.schema.createTable('document_folders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('category_key').references('document_categories.key');
    t.text('name').notNullable();
    t.uuid('created_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw("create unique index document_folders_name on document_folders (case_id, coalesce(category_key, ''), lower(name))");

  await knex.schema.createTable('documents', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').references('cases.id').onDelete('cascade');
    t.uuid('client_id').references('clients.id').onDelete('cascade');
    t.uuid('folder_id').references('document_folders.id').onDelete('set null');
    t.text('category_key').notNullable().references('document_categories.key');
    t.text('name').notNullable();
    t.integer('current_version').notNullable().defaultTo(1);
    t.boolean('confidential').notNullable().defaultTo(false);
    t.boolean('client_visible').notNullable().defaultTo(false);
    t.text('source').notNullable().defaultTo('upload').checkIn(['upload', 'generated', 'portal']);
    t.text('generation_key').unique();
    t.specificType('name_tsv', 'tsvector').notNullable().defaultTo(knex.raw("''::tsvector"));
    t.uuid('created_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.uuid('deleted_by').references('users.id');
  });
  await knex.raw('alter table documents add constraint documents_owner check ((case_id is null) <> (client_id is null))');
  await knex.raw('create index documents_case on documents (case_id, updated_at desc) where deleted_at is null');
  await knex.raw('create index documents_client on documents (client_id, updated_at desc) where deleted_at is null');
  await knex.raw('create index documents_deleted on documents (deleted_at desc) where deleted_at is not null');
  await knex.raw('create index documents_updated on documents (updated_at desc) where deleted_at is null');
  await knex.raw('create index documents_name_tsv on documents using gin (name_tsv)');

  await knex.schema.createTable('document_versions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('document_id').notNullable().references('documents.id').onDelete('cascade');
    t.integer('number').notNullable();
    t.text('sha256').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.text('mime').notNullable();
    t.text('name').notNullable();
    t.text('note');
    t.integer('restored_from');
    t.uuid('uploaded_by').notNullable().references('users.id');
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('text_status').notNullable().defaultTo('pending').checkIn(['pending', 'text', 'no-text', 'unsupported', 'failed']);
    t.text('text_error');
    t.integer('page_count');
    t.integer('text_attempts').notNullable().defaultTo(0);
    t.timestamp('text_claimed_until', { useTz: true });
    t.timestamp('extracted_at', { useTz: true });
    t.unique(['document_id', 'number']);
  });
  await knex.raw('create index document_versions_sha on document_versions (sha256)');
  await knex.raw("create index document_versions_pending on document_versions (uploaded_at) where text_status = 'pending'");

  await knex.schema.createTable('document_pages', (t) => {
    t.uuid('version_id').notNullable().references('document_versions.id').onDelete('cascade');
    t.integer('page').notNullable();
    t.text('text').notNullable();
    t.specificType('tsv', 'tsvector').notNullable();
    t.primary(['version_id', 'page']);
  });
  await knex.raw('create index document_pages_tsv on document_pages using gin (tsv)');

  await knex.schema.createTable('document_comments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('document_id').notNullable().references('documents.id').onDelete('cascade');
    t.integer('version').notNullable();
    t.uuid('parent_id').references('document_comments.id').onDelete('cascade');
    t.uuid('author_id').notNullable().references('users.id');
    t.text('body').notNullable();
    t.jsonb('anchor');
    t.specificType('mentions', 'uuid[]').notNullable().defaultTo('{}');
    t.timestamp('resolved_at', { useTz: true });
    t.uuid('resolved_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index document_comments_document on document_comments (document_id, created_at)');

  await knex.schema.createTable('document_templates', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('key').notNullable().unique();
    t.text('name_zh').notNullable();
    t.text('name_en').notNullable();
    t.text('kind').notNullable();
    t.text('sha256').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.jsonb('fields').notNullable().defaultTo('[]');
    t.jsonb('placeholders').notNullable().defaultTo('[]');
    t.boolean('builtin').notNullable().defaultTo(false);
    t.uuid('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('archived_at', { useTz: true });
  });

  await knex.schema.createTable('document_counters', (t) => {
    t.text('scope').notNullable();
    t.integer('year').notNullable();
    t.integer('last').notNullable().defaultTo(0);
    t.primary(['scope', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'document_counters',
    'document_templates',
    'document_comments',
    'document_pages',
    'document_versions',
    'documents',
    'document_folders',
    'document_categories',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
