import type { Knex } from 'knex';

/**
 * The process engine: templates and their immutable published versions, cases and their teams,
 * the read model the case workflows write (tasks, stage history, billing events, notifications,
 * the mail outbox, case events, document requests) and the holiday override table.
 */
export async function up(knex: Knex): Promise<void> {
  const ts = (t: Knex.CreateTableBuilder, name: string) => t.timestamp(name, { useTz: true });
  const now = (t: Knex.CreateTableBuilder, name = 'created_at') => ts(t, name).notNullable().defaultTo(knex.fn.now());

  await knex.schema.createTable('process_templates', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('key').notNullable().unique();
    t.text('name').notNullable();
    t.text('name_en');
    t.text('practice_area');
    t.specificType('case_types', 'text[]').notNullable().defaultTo('{}');
    t.text('draft_xml');
    ts(t, 'draft_updated_at');
    t.uuid('draft_updated_by').references('users.id');
    ts(t, 'archived_at');
    now(t);
    t.uuid('created_by').references('users.id');
  });

  await knex.schema.createTable('process_template_versions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('template_id').notNullable().references('process_templates.id');
    t.integer('version').notNullable();
    t.text('bpmn_xml').notNullable();
    t.jsonb('model').notNullable();
    t.text('change_note');
    now(t, 'published_at');
    t.uuid('published_by').references('users.id');
    t.unique(['template_id', 'version']);
  });
  // Published versions are immutable: running cases are pinned to them.
  await knex.raw(`
    create function forbid_change() returns trigger language plpgsql as $$
    begin raise exception '% rows are immutable', tg_table_name; end $$;
    create trigger process_template_versions_immutable before update or delete on process_template_versions
      for each row execute function forbid_change();`);

  await knex.schema.createTable('case_number_counters', (t) => {
    t.integer('year').notNullable();
    t.text('prefix').notNullable();
    t.integer('last').notNullable();
    t.primary(['year', 'prefix']);
  });

  await knex.schema.createTable('cases', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('number').notNullable().unique();
    t.text('title').notNullable();
    t.uuid('client_id').notNullable().references('clients.id');
    t.text('practice_area').notNullable();
    t.text('case_type').notNullable();
    t.text('cause_of_action');
    t.text('court');
    t.bigInteger('amount_in_dispute_fen');
    t.text('priority').notNullable().defaultTo('normal');
    t.text('status').notNullable().defaultTo('active');
    t.text('current_stage_id');
    t.text('current_stage_name');
    t.uuid('template_version_id').references('process_template_versions.id');
    t.text('workflow_id');
    t.uuid('lead_lawyer_id').notNullable().references('users.id');
    t.date('opened_on').notNullable();
    ts(t, 'closed_at');
    t.text('outcome');
    t.text('close_reason');
    t.uuid('created_by').references('users.id');
    now(t);
    now(t, 'updated_at');
  });
  await knex.raw('create index cases_status on cases (status)');
  await knex.raw('create index cases_lead on cases (lead_lawyer_id)');

  await knex.schema.createTable('case_members', (t) => {
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.uuid('user_id').notNullable().references('users.id');
    t.text('role').notNullable().checkIn(['lead', 'lawyer', 'assistant', 'partner', 'finance']);
    now(t);
    t.primary(['case_id', 'user_id', 'role']);
  });
  await knex.raw('create index case_members_user on case_members (user_id)');

  await knex.schema.createTable('tasks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('workflow_task_id').notNullable();
    t.text('node_id').notNullable();
    t.text('stage_id');
    t.text('stage_instance_id');
    t.text('title').notNullable();
    t.text('title_en');
    t.text('kind').notNullable().defaultTo('task');
    t.text('assignee_role');
    t.uuid('assignee_id').references('users.id');
    t.text('status').notNullable().defaultTo('open').checkIn(['open', 'done', 'skipped', 'cancelled', 'timed_out']);
    t.boolean('required').notNullable().defaultTo(true);
    ts(t, 'due_at');
    t.date('due_date');
    t.date('due_unadjusted');
    t.boolean('due_rolled_over').notNullable().defaultTo(false);
    t.boolean('due_provisional').notNullable().defaultTo(false);
    t.text('due_basis');
    t.text('waiting_for_variable');
    t.jsonb('output_spec').notNullable().defaultTo('[]');
    t.jsonb('outputs');
    ts(t, 'started_at').notNullable();
    ts(t, 'completed_at');
    t.uuid('completed_by').references('users.id');
    ts(t, 'escalated_at');
    t.text('close_reason');
    now(t);
    now(t, 'updated_at');
    t.unique(['case_id', 'workflow_task_id']);
  });
  await knex.raw("create index tasks_assignee_open on tasks (assignee_id) where status = 'open'");
  await knex.raw("create index tasks_due_open on tasks (due_at) where status = 'open'");

  await knex.schema.createTable('stage_history', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('stage_instance_id').notNullable();
    t.text('stage_id').notNullable();
    t.text('stage_name').notNullable();
    ts(t, 'entered_at').notNullable();
    ts(t, 'exited_at');
    t.text('exit_reason');
    t.boolean('skipped').notNullable().defaultTo(false);
    t.unique(['case_id', 'stage_instance_id']);
  });

  await knex.schema.createTable('billing_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('key').notNullable().unique();
    t.text('node_id').notNullable();
    t.text('label').notNullable();
    t.bigInteger('amount_fen');
    t.integer('percent_bp');
    t.text('status').notNullable().defaultTo('pending');
    now(t);
  });

  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id');
    t.uuid('user_id').notNullable().references('users.id');
    t.uuid('case_id').references('cases.id').onDelete('cascade');
    t.uuid('task_id').references('tasks.id').onDelete('set null');
    t.text('kind').notNullable();
    t.text('title').notNullable();
    t.text('body').notNullable().defaultTo('');
    t.text('link');
    t.text('key').notNullable();
    // The instant the workflow meant this for (a reminder's due − offset), whatever the clock said when it ran.
    ts(t, 'scheduled_for');
    ts(t, 'read_at');
    now(t);
    t.unique(['key', 'user_id']);
  });
  await knex.raw('create index notifications_user_unread on notifications (user_id) where read_at is null');

  await knex.schema.createTable('email_outbox', (t) => {
    t.bigIncrements('id');
    t.text('key').notNullable().unique();
    t.uuid('to_user_id').references('users.id');
    t.text('to_address').notNullable();
    t.text('subject').notNullable();
    t.text('text_body').notNullable();
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'sent', 'held', 'failed']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.text('message_id');
    now(t);
    ts(t, 'sent_at');
  });
  await knex.raw("create index email_outbox_pending on email_outbox (id) where status = 'pending'");

  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('key').notNullable().unique();
    t.text('name').notNullable();
    t.date('occurred_on');
    t.jsonb('variables').notNullable().defaultTo('{}');
    t.uuid('recorded_by').references('users.id');
    now(t);
  });

  await knex.schema.createTable('document_requests', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('cascade');
    t.text('key').notNullable().unique();
    t.text('template').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    now(t);
  });

  await knex.schema.createTable('holiday_overrides', (t) => {
    t.date('date').primary();
    t.text('kind').notNullable().checkIn(['off', 'work']);
    t.text('name');
    t.text('source');
    t.uuid('entered_by').references('users.id');
    now(t);
  });
  await knex.schema.createTable('holiday_years', (t) => {
    t.integer('year').primary();
    t.text('source');
    t.uuid('entered_by').references('users.id');
    now(t);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'holiday_years',
    'holiday_overrides',
    'document_requests',
    'case_events',
    'email_outbox',
    'notifications',
    'billing_events',
    'stage_history',
    'tasks',
    'case_members',
    'cases',
    'case_number_counters',
    'process_template_versions',
    'process_templates',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('drop function if exists forbid_change()');
}
