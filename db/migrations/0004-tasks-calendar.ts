import type { Knex } from 'knex';

/**
 * Tasks people work on (manual tasks beside the workflow's, progress, checklist, comments),
 * calendar events with attendees, per-user notification preferences and calendar-feed tokens,
 * mail held back for quiet hours, and the digest record that keeps one digest per user and day.
 */
export async function up(knex: Knex): Promise<void> {
  const ts = (t: Knex.CreateTableBuilder | Knex.AlterTableBuilder, name: string) => t.timestamp(name, { useTz: true });
  const now = (t: Knex.CreateTableBuilder, name = 'created_at') => ts(t, name).notNullable().defaultTo(knex.fn.now());

  await knex.schema.alterTable('tasks', (t) => {
    t.text('description');
    t.text('priority').notNullable().defaultTo('normal').checkIn(['low', 'normal', 'high', 'urgent']);
    t.integer('progress').notNullable().defaultTo(0).checkBetween([0, 100]);
    t.jsonb('checklist').notNullable().defaultTo('[]');
    t.boolean('manual').notNullable().defaultTo(false);
    t.uuid('created_by').references('users.id');
  });
  await knex.raw('create index tasks_case on tasks (case_id)');

  await knex.schema.createTable('task_comments', (t) => {
    t.bigIncrements('id');
    t.uuid('task_id').notNullable().references('tasks.id').onDelete('cascade');
    t.uuid('author_id').notNullable().references('users.id');
    t.text('body').notNullable();
    now(t);
  });
  await knex.raw('create index task_comments_task on task_comments (task_id, id)');

  await knex.schema.createTable('calendar_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').references('cases.id').onDelete('cascade');
    t.text('kind').notNullable().checkIn(['hearing', 'meeting', 'deadline', 'other']);
    t.text('title').notNullable();
    ts(t, 'starts_at').notNullable();
    ts(t, 'ends_at').notNullable();
    t.boolean('all_day').notNullable().defaultTo(false);
    t.text('location');
    t.text('notes');
    t.text('source_key').unique().comment('Events the workflow made (a hearing date recorded on a task): made once');
    t.uuid('created_by').references('users.id');
    now(t);
    now(t, 'updated_at');
  });
  await knex.raw('create index calendar_events_range on calendar_events (starts_at, ends_at)');

  await knex.schema.createTable('calendar_event_attendees', (t) => {
    t.uuid('event_id').notNullable().references('calendar_events.id').onDelete('cascade');
    t.uuid('user_id').notNullable().references('users.id');
    t.primary(['event_id', 'user_id']);
  });
  await knex.raw('create index calendar_event_attendees_user on calendar_event_attendees (user_id)');

  await knex.schema.createTable('user_preferences', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('cascade');
    t.boolean('email_enabled').notNullable().defaultTo(true);
    t.text('quiet_start');
    t.text('quiet_end');
    t.boolean('digest_enabled').notNullable().defaultTo(true);
    t.integer('digest_hour').notNullable().defaultTo(8).checkBetween([0, 23]);
    t.text('feed_token_hash').unique();
    ts(t, 'feed_created_at');
    now(t, 'updated_at');
  });

  await knex.schema.alterTable('email_outbox', (t) => {
    ts(t, 'send_after');
  });

  await knex.schema.createTable('digests', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.date('local_date').notNullable();
    t.integer('items').notNullable();
    now(t);
    t.primary(['user_id', 'local_date']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('digests');
  await knex.schema.alterTable('email_outbox', (t) => t.dropColumn('send_after'));
  await knex.schema.dropTable('user_preferences');
  await knex.schema.dropTable('calendar_event_attendees');
  await knex.schema.dropTable('calendar_events');
  await knex.schema.dropTable('task_comments');
  await knex.raw('drop index if exists tasks_case');
  await knex.schema.alterTable('tasks', (t) => {
    for (const c of ['description', 'priority', 'progress', 'checklist', 'manual', 'created_by']) t.dropColumn(c);
  });
}
