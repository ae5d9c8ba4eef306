import type { Knex } from 'knex';

/**
 * The case record and the CRM: client details, contacts and communications; case parties and
 * conflict checks; case descriptions, notes, tags and categories, archiving; saved searches; and
 * the full-text columns (app-side segmented tokens in a `simple` tsvector, trigrams for names).
 */
export async function up(knex: Knex): Promise<void> {
  const ts = (t: Knex.CreateTableBuilder | Knex.AlterTableBuilder, name: string) => t.timestamp(name, { useTz: true });
  const now = (t: Knex.CreateTableBuilder, name = 'created_at') => ts(t, name).notNullable().defaultTo(knex.fn.now());

  await knex.schema.alterTable('clients', (t) => {
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.text('name_norm');
    t.text('id_norm');
    t.uuid('created_by').references('users.id');
  });
  await knex.raw(
    `update clients set name_norm = lower(regexp_replace(name, '\\s+', '', 'g')), id_norm = upper(regexp_replace(id_number, '\\s+', '', 'g'))`,
  );
  await knex.raw('create index clients_name_norm_trgm on clients using gin (name_norm gin_trgm_ops)');
  await knex.raw('create index clients_id_norm on clients (id_norm) where id_norm is not null');

  await knex.schema.createTable('client_contacts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('client_id').notNullable().references('clients.id').onDelete('cascade');
    t.text('name').notNullable();
    t.text('title');
    t.text('phone');
    t.text('email');
    t.text('wechat');
    t.boolean('is_primary').notNullable().defaultTo(false);
    now(t);
  });
  await knex.raw('create index client_contacts_client on client_contacts (client_id)');

  await knex.schema.alterTable('cases', (t) => {
    t.text('description');
    t.uuid('conflict_check_id');
    ts(t, 'archived_at');
    t.jsonb('archive_checklist');
    t.text('archive_note');
  });
  // The search vector lives beside the case, not in it: it is the widest value of a case, and the
  // filtered lists scan cases rows, which stay narrow (and in memory) without it.
  await knex.schema.createTable('case_search', (t) => {
    t.uuid('case_id').primary().references('cases.id').onDelete('cascade');
    t.specificType('tsv', 'tsvector').notNullable();
  });
  await knex.raw('create index case_search_tsv on case_search using gin (tsv)');
  await knex.raw('create index cases_title_trgm on cases using gin (title gin_trgm_ops)');
  await knex.raw('create index cases_number_trgm on cases using gin (number gin_trgm_ops)');
  // The list's sort orders, each with its tie-breakers, so a page is read off an index.
  await knex.raw('create index cases_opened on cases (opened_on, created_at, id)');
  await knex.raw('create index cases_updated on cases (updated_at, id)');
  await knex.raw('create index cases_court_trgm on cases using gin (court gin_trgm_ops)');
  // A lawyer's list reads their few hundred cases by id: the columns it filters and sorts on come
  // from this index alone, and only the page's rows from the table.
  await knex.raw(
    'create index cases_list_cover on cases (id) include (opened_on, created_at, status, practice_area, case_type, priority, lead_lawyer_id, client_id, current_stage_name, closed_at)',
  );
  await knex.raw('create index cases_client on cases (client_id)');
  // The list's equality and range filters, so a narrow combination reads only its own rows.
  await knex.raw('create index cases_status_area_priority on cases (status, practice_area, priority)');
  await knex.raw('create index cases_stage on cases (current_stage_name) where current_stage_name is not null');
  await knex.raw('create index cases_closed on cases (closed_at) where closed_at is not null');
  await knex.raw('create index cases_area_type on cases (practice_area, case_type)');
  await knex.raw("create index tasks_case_open_due on tasks (case_id, due_at) where status = 'open'");
  // "The cases I am on" from the index alone.
  await knex.raw('create index case_members_user_case on case_members (user_id, case_id)');

  await knex.schema.createTable('case_parties', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('role').notNullable().checkIn(['client', 'opposing', 'third_party', 'related']);
    t.text('kind').notNullable().checkIn(['person', 'organisation']);
    t.text('name').notNullable();
    t.text('name_norm').notNullable();
    t.text('id_number');
    t.text('id_norm');
    t.text('representative');
    t.text('representative_norm');
    t.text('relation');
    now(t);
  });
  await knex.raw('create index case_parties_case on case_parties (case_id)');
  await knex.raw('create index case_parties_name_trgm on case_parties using gin (name_norm gin_trgm_ops)');
  await knex.raw('create index case_parties_rep_trgm on case_parties using gin (representative_norm gin_trgm_ops)');
  await knex.raw('create index case_parties_id_norm on case_parties (id_norm) where id_norm is not null');

  await knex.schema.createTable('conflict_checks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.jsonb('subjects').notNullable();
    t.jsonb('hits').notNullable();
    t.integer('hit_count').notNullable();
    t.text('result').notNullable().checkIn(['clear', 'review', 'conflict']);
    t.uuid('run_by').notNullable().references('users.id');
    now(t, 'run_at');
    t.uuid('case_id').references('cases.id').onDelete('set null');
    t.text('decision').checkIn(['proceed', 'waived', 'declined']);
    t.text('decision_note');
    t.uuid('decided_by').references('users.id');
    ts(t, 'decided_at');
  });
  await knex.raw('create index conflict_checks_case on conflict_checks (case_id)');
  await knex.raw(
    'alter table cases add constraint cases_conflict_check foreign key (conflict_check_id) references conflict_checks (id) on delete set null',
  );

  await knex.schema.createTable('communications', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('client_id').notNullable().references('clients.id').onDelete('cascade');
    t.uuid('case_id').references('cases.id').onDelete('set null');
    t.text('kind').notNullable().checkIn(['phone', 'email', 'meeting', 'wechat', 'letter']);
    ts(t, 'occurred_at').notNullable();
    t.text('participants');
    t.text('summary').notNullable();
    t.uuid('created_by').notNullable().references('users.id');
    now(t);
  });
  await knex.raw('create index communications_client on communications (client_id, occurred_at desc)');
  await knex.raw('create index communications_case on communications (case_id, occurred_at desc) where case_id is not null');

  await knex.schema.createTable('tags', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('vocabulary').notNullable().checkIn(['tag', 'category']);
    t.text('name').notNullable();
    t.text('color');
    now(t);
    t.unique(['vocabulary', 'name']);
  });
  await knex.schema.createTable('case_tags', (t) => {
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.uuid('tag_id').notNullable().references('tags.id').onDelete('cascade');
    t.primary(['case_id', 'tag_id']);
  });
  await knex.raw('create index case_tags_tag on case_tags (tag_id)');

  await knex.schema.createTable('case_notes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('body').notNullable();
    t.uuid('author_id').notNullable().references('users.id');
    now(t);
    now(t, 'updated_at');
  });
  await knex.raw('create index case_notes_case on case_notes (case_id, created_at desc)');

  await knex.schema.createTable('saved_searches', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.text('name').notNullable();
    t.jsonb('query').notNullable();
    now(t);
    t.unique(['user_id', 'name']);
  });

  // Earlier closings of a reopened case (the current one lives on cases), so none is lost from its history.
  await knex.schema.createTable('case_reopenings', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    ts(t, 'closed_at');
    t.text('outcome');
    t.text('close_reason');
    ts(t, 'archived_at');
    ts(t, 'reopened_at').notNullable();
    t.uuid('reopened_by').references('users.id');
    t.text('reason').notNullable();
    t.text('stage_id').notNullable();
  });
  await knex.raw('create index case_reopenings_case on case_reopenings (case_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_reopenings');
  await knex.schema.dropTable('saved_searches');
  await knex.schema.dropTable('case_notes');
  await knex.schema.dropTable('case_tags');
  await knex.schema.dropTable('tags');
  await knex.schema.dropTable('communications');
  await knex.raw('alter table cases drop constraint cases_conflict_check');
  await knex.schema.dropTable('conflict_checks');
  await knex.schema.dropTable('case_parties');
  await knex.schema.dropTable('case_search');
  await knex.raw(
    'drop index cases_title_trgm, cases_number_trgm, cases_opened, cases_updated, cases_court_trgm, cases_list_cover, cases_client, cases_status_area_priority, cases_stage, cases_closed, cases_area_type, tasks_case_open_due, case_members_user_case',
  );
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumns('description', 'conflict_check_id', 'archived_at', 'archive_checklist', 'archive_note');
  });
  await knex.schema.dropTable('client_contacts');
  await knex.raw('drop index clients_name_norm_trgm, clients_id_norm');
  await knex.schema.alterTable('clients', (t) => {
    t.dropColumns('tags', 'name_norm', 'id_norm', 'created_by');
  });
}
